$ create d slab pool=16M size=192 zero=0
created instance=d backend=slab family=object id=1 zero=0
$- run dentry on=d ops=20000 seed=5 batch=512
$ validate d
validate instance=d violations=0
$ cat d slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
slab-192              21    126    192   21    1 : tunables    0    0    0 : slabdata      6      6      0
$ shrink d
shrink instance=d held_before=24576 held_after=0
$ cat d slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
slab-192               0      0    192   21    1 : tunables    0    0    0 : slabdata      0      0      0
$ create c slab pool=8M size=64 zero=0
created instance=c backend=slab family=object id=2 zero=0
$- run churn on=c ops=20000 seed=2 mode=phases batch=300 free_order=random
$ validate c
validate instance=c violations=0
$ cat c slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
slab-64               63    315     64   63    1 : tunables    0    0    0 : slabdata      5      5      0
