$ create s slab pool=8M size=64 zero=0
created instance=s backend=slab family=object id=1 zero=0
$ alloc s 64
handle=0 size=64 usable=64
$ alloc s 64
handle=1 size=64 usable=64
$ free s 0
freed handle=0 size=64 usable=64
$ free s 1
freed handle=1 size=64 usable=64
$- run remote on=s ops=20000 seed=9
$ validate s
validate instance=s violations=0
$- shrink s
$ validate s
validate instance=s violations=0
$ create k slab pool=8M zero=0
created instance=k backend=slab family=object id=2 zero=0
$- run remote on=k ops=10000 seed=3 size=200
$ validate k
validate instance=k violations=0
