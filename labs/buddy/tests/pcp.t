$ create b buddy pool=4M zero=0
created instance=b backend=buddy family=page id=1 zero=0
$ alloc b 4096
handle=0 size=4096 usable=4096
$ alloc b 4096
handle=1 size=4096 usable=4096
$ alloc b 4096
handle=2 size=4096 usable=4096
$ free b 1
freed handle=1 size=4096 usable=4096
$ cat b buddyinfo
Node 0, zone  kmemlab      0      0      0      1      1      1      1      1      1      1      0 
$ shrink b
shrink instance=b held_before=32768 held_after=8192
$ cat b buddyinfo
Node 0, zone  kmemlab      2      0      1      1      1      1      1      1      1      1      0 
$ free b 0
freed handle=0 size=4096 usable=4096
$ free b 2
freed handle=2 size=4096 usable=4096
$ shrink b
shrink instance=b held_before=8192 held_after=0
$ cat b buddyinfo
Node 0, zone  kmemlab      0      0      0      0      0      0      0      0      0      0      1 
$ validate b
validate instance=b violations=0
