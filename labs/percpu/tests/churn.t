$ create s slab pool=8M size=64 zero=0
created instance=s backend=slab family=object id=1 zero=0
$ alloc s 64
handle=0 size=64 usable=64
$ alloc s 64
handle=1 size=64 usable=64
$ free s 0
freed handle=0 size=64 usable=64
$ alloc s 64
handle=0 size=64 usable=64
$- run churn on=s ops=20000 seed=4 mode=phases batch=200
$ validate s
validate instance=s violations=0
$ cat s slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
slab-64               65    252     64   63    1 : tunables    0    0    0 : slabdata      4      4      0
$ free s 0
freed handle=0 size=64 usable=64
$ free s 1
freed handle=1 size=64 usable=64
$ shrink s
shrink instance=s held_before=16384 held_after=0
$ cat s slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
slab-64                0      0     64   63    1 : tunables    0    0    0 : slabdata      0      0      0
$ validate s
validate instance=s violations=0
