$ create b buddy pool=4M pcp=0 zero=0
created instance=b backend=buddy family=page id=1 zero=0
$ alloc b 4M
handle=0 size=4194304 usable=4194304
$ alloc b 4096
error: alloc: instance 'b' could not allocate 4096 bytes
$ free b 0
freed handle=0 size=4194304 usable=4194304
$ alloc b 2M
handle=0 size=2097152 usable=2097152
$ alloc b 1M
handle=1 size=1048576 usable=1048576
$ alloc b 512K
handle=2 size=524288 usable=524288
$ alloc b 4096
handle=3 size=4096 usable=4096
$ cat b buddyinfo
Node 0, zone  kmemlab      1      1      1      1      1      1      1      0      0      0      0 
$ alloc b 256K
handle=4 size=262144 usable=262144
$ free b 1
freed handle=1 size=1048576 usable=1048576
$ free b 2
freed handle=2 size=524288 usable=524288
$ cat b buddyinfo
Node 0, zone  kmemlab      1      1      1      1      1      1      0      1      1      0      0 
$ free b 3
freed handle=3 size=4096 usable=4096
$ free b 4
freed handle=4 size=262144 usable=262144
$ cat b buddyinfo
Node 0, zone  kmemlab      0      0      0      0      0      0      0      0      0      1      0 
$ validate b
validate instance=b violations=0
