$ create h first-fit pool=1K base=0 header=16 align=16 zero=0
created instance=h backend=first-fit family=heap id=1 zero=0
$ alloc h 64
handle=0 size=64 usable=80 addr=0 searched=1
ptr[0] = Alloc(64) returned 16 (searched 1 elements)
Free List [ Size 1 ]: [ addr:80 sz:944 ]

$ alloc h 64
handle=1 size=64 usable=80 addr=80 searched=1
ptr[1] = Alloc(64) returned 96 (searched 1 elements)
Free List [ Size 1 ]: [ addr:160 sz:864 ]

$ alloc h 64
handle=2 size=64 usable=80 addr=160 searched=1
ptr[2] = Alloc(64) returned 176 (searched 1 elements)
Free List [ Size 1 ]: [ addr:240 sz:784 ]

$ alloc h 64
handle=3 size=64 usable=80 addr=240 searched=1
ptr[3] = Alloc(64) returned 256 (searched 1 elements)
Free List [ Size 1 ]: [ addr:320 sz:704 ]

$ free h 0
freed handle=0 size=64 usable=80
Free(ptr[0])
returned 0
Free List [ Size 2 ]: [ addr:0 sz:80 ][ addr:320 sz:704 ]

$ free h 2
freed handle=2 size=64 usable=80
Free(ptr[2])
returned 0
Free List [ Size 3 ]: [ addr:0 sz:80 ][ addr:160 sz:80 ][ addr:320 sz:704 ]

$ free h 1
freed handle=1 size=64 usable=80
Free(ptr[1])
returned 0
Free List [ Size 2 ]: [ addr:0 sz:240 ][ addr:320 sz:704 ]

$ free h 3
freed handle=3 size=64 usable=80
Free(ptr[3])
returned 0
Free List [ Size 1 ]: [ addr:0 sz:1024 ]

$ alloc h 900
handle=0 size=900 usable=928 addr=0 searched=1
ptr[0] = Alloc(900) returned 16 (searched 1 elements)
Free List [ Size 1 ]: [ addr:928 sz:96 ]

$ validate h
validate instance=h violations=0
