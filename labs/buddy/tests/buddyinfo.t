$ create b buddy pool=8M pcp=0 zero=0
created instance=b backend=buddy family=page id=1 zero=0
$ alloc b 4096
handle=0 size=4096 usable=4096
$ alloc b 8192
handle=1 size=8192 usable=8192
$ alloc b 16384
handle=2 size=16384 usable=16384
$ alloc b 4096
handle=3 size=4096 usable=4096
$ cat b buddyinfo
Node 0, zone  kmemlab      0      0      0      1      1      1      1      1      1      1      1 
$ free b 1
freed handle=1 size=8192 usable=8192
$ cat b buddyinfo
Node 0, zone  kmemlab      0      1      0      1      1      1      1      1      1      1      1 
$ free b 0
freed handle=0 size=4096 usable=4096
$ free b 3
freed handle=3 size=4096 usable=4096
$ cat b buddyinfo
Node 0, zone  kmemlab      0      0      1      1      1      1      1      1      1      1      1 
$ cat b frag
unusable_index:
Node 0, zone  kmemlab 0.000 0.000 0.000 0.001 0.005 0.013 0.029 0.060 0.123 0.248 0.499 
extfrag_index:
Node 0, zone  kmemlab -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 
$ free b 2
freed handle=2 size=16384 usable=16384
$ cat b buddyinfo
Node 0, zone  kmemlab      0      0      0      0      0      0      0      0      0      0      2 
$ validate b
validate instance=b violations=0
