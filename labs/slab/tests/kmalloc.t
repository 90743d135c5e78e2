$ create k slab pool=8M zero=0
created instance=k backend=slab family=object id=1 zero=0
$ alloc k 8
handle=0 size=8 usable=8
$ alloc k 100
handle=1 size=100 usable=128
$ alloc k 200
handle=2 size=200 usable=256
$ alloc k 1000
handle=3 size=1000 usable=1024
$ alloc k 5000
handle=4 size=5000 usable=8192
$ alloc k 96
handle=5 size=96 usable=96
$ free k 1
freed handle=1 size=100 usable=128
$ free k 4
freed handle=4 size=5000 usable=8192
$ cat k slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
kmalloc-8            504    504      8  504    1 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-16             0      0     16  252    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-32             0      0     32  126    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-64             0      0     64   63    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-96            42     42     96   42    1 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-128           31     31    128   31    1 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-192            0      0    192   21    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-256           15     15    256   15    1 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-512            0      0    512   15    2 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-1k            15     15   1024   15    4 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-2k             0      0   2048   15    8 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-4k             0      0   4096    7    8 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-8k             3      3   8192    3    8 : tunables    0    0    0 : slabdata      1      1      0
$ shrink k
shrink instance=k held_before=65536 held_after=28672
$ cat k slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
kmalloc-8              1    504      8  504    1 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-16             0      0     16  252    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-32             0      0     32  126    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-64             0      0     64   63    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-96             1     42     96   42    1 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-128            0      0    128   31    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-192            0      0    192   21    1 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-256            1     15    256   15    1 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-512            0      0    512   15    2 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-1k             1     15   1024   15    4 : tunables    0    0    0 : slabdata      1      1      0
kmalloc-2k             0      0   2048   15    8 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-4k             0      0   4096    7    8 : tunables    0    0    0 : slabdata      0      0      0
kmalloc-8k             0      0   8192    3    8 : tunables    0    0    0 : slabdata      0      0      0
$ validate k
validate instance=k violations=0
