$ create h first-fit pool=100 base=1000 header=4 align=4 zero=0 coalesce=0
created instance=h backend=first-fit family=heap id=1 zero=0
$ alloc h 3
handle=0 size=3 usable=8 addr=1000 searched=1
ptr[0] = Alloc(3) returned 1004 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1008 sz:92 ]

$ alloc h 5
handle=1 size=5 usable=12 addr=1008 searched=1
ptr[1] = Alloc(5) returned 1012 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1020 sz:80 ]

$ alloc h 8
handle=2 size=8 usable=12 addr=1020 searched=1
ptr[2] = Alloc(8) returned 1024 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1032 sz:68 ]

$ free h 0
freed handle=0 size=3 usable=8
Free(ptr[0])
returned 0
Free List [ Size 2 ]: [ addr:1000 sz:8 ][ addr:1032 sz:68 ]

$ alloc h 8
handle=0 size=8 usable=12 addr=1032 searched=2
ptr[0] = Alloc(8) returned 1036 (searched 2 elements)
Free List [ Size 2 ]: [ addr:1000 sz:8 ][ addr:1044 sz:56 ]

$ free h 1
freed handle=1 size=5 usable=12
Free(ptr[1])
returned 0
Free List [ Size 3 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1044 sz:56 ]

$ alloc h 2
handle=1 size=2 usable=8 addr=1000 searched=1
ptr[1] = Alloc(2) returned 1004 (searched 1 elements)
Free List [ Size 2 ]: [ addr:1008 sz:12 ][ addr:1044 sz:56 ]

$ free h 2
freed handle=2 size=8 usable=12
Free(ptr[2])
returned 0
Free List [ Size 3 ]: [ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1044 sz:56 ]

$ alloc h 7
handle=2 size=7 usable=12 addr=1008 searched=1
ptr[2] = Alloc(7) returned 1012 (searched 1 elements)
Free List [ Size 2 ]: [ addr:1020 sz:12 ][ addr:1044 sz:56 ]

$ alloc h 14
handle=3 size=14 usable=20 addr=1044 searched=2
ptr[3] = Alloc(14) returned 1048 (searched 2 elements)
Free List [ Size 2 ]: [ addr:1020 sz:12 ][ addr:1064 sz:36 ]

$ free h 0
freed handle=0 size=8 usable=12
Free(ptr[0])
returned 0
Free List [ Size 3 ]: [ addr:1020 sz:12 ][ addr:1032 sz:12 ][ addr:1064 sz:36 ]

$ alloc h 1
handle=0 size=1 usable=8 addr=1020 searched=1
ptr[0] = Alloc(1) returned 1024 (searched 1 elements)
Free List [ Size 3 ]: [ addr:1028 sz:4 ][ addr:1032 sz:12 ][ addr:1064 sz:36 ]

$ alloc h 20
handle=4 size=20 usable=24 addr=1064 searched=3
ptr[4] = Alloc(20) returned 1068 (searched 3 elements)
Free List [ Size 3 ]: [ addr:1028 sz:4 ][ addr:1032 sz:12 ][ addr:1088 sz:12 ]

$ free h 3
freed handle=3 size=14 usable=20
Free(ptr[3])
returned 0
Free List [ Size 4 ]: [ addr:1028 sz:4 ][ addr:1032 sz:12 ][ addr:1044 sz:20 ][ addr:1088 sz:12 ]

$ alloc h 10
handle=3 size=10 usable=16 addr=1044 searched=3
ptr[3] = Alloc(10) returned 1048 (searched 3 elements)
Free List [ Size 4 ]: [ addr:1028 sz:4 ][ addr:1032 sz:12 ][ addr:1060 sz:4 ][ addr:1088 sz:12 ]

$ free h 1
freed handle=1 size=2 usable=8
Free(ptr[1])
returned 0
Free List [ Size 5 ]: [ addr:1000 sz:8 ][ addr:1028 sz:4 ][ addr:1032 sz:12 ][ addr:1060 sz:4 ][ addr:1088 sz:12 ]

$ alloc h 12
error: alloc: instance 'h' could not allocate 12 bytes
$ cat h heapmap
heap first-fit: region 100 base 1000 align 4 header 4 min_split 1 list address coalesce off
    offset              address       size state request handle
         0                 1000          8 free
         8                 1008         12 used  7 2
        20                 1020          8 used  1 0
        28                 1028          4 free
        32                 1032         12 free
        44                 1044         16 used  10 3
        60                 1060          4 free
        64                 1064         24 used  20 4
        88                 1088         12 free
largest free block: 12
largest free run: 16
total free: 40
external fragmentation: 70.0%
free list length: 5
$ validate h
validate instance=h violations=0
$ create d first-fit pool=100 base=1000 header=4 align=4 zero=0 coalesce=0
created instance=d backend=first-fit family=heap id=2 zero=0
$ alloc d 20
handle=0 size=20 usable=24 addr=1000 searched=1
ptr[0] = Alloc(20) returned 1004 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1024 sz:76 ]

$ alloc d 4
handle=1 size=4 usable=8 addr=1024 searched=1
ptr[1] = Alloc(4) returned 1028 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1032 sz:68 ]

$ alloc d 8
handle=2 size=8 usable=12 addr=1032 searched=1
ptr[2] = Alloc(8) returned 1036 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1044 sz:56 ]

$ alloc d 4
handle=3 size=4 usable=8 addr=1044 searched=1
ptr[3] = Alloc(4) returned 1048 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1052 sz:48 ]

$ free d 0
freed handle=0 size=20 usable=24
Free(ptr[0])
returned 0
Free List [ Size 2 ]: [ addr:1000 sz:24 ][ addr:1052 sz:48 ]

$ free d 2
freed handle=2 size=8 usable=12
Free(ptr[2])
returned 0
Free List [ Size 3 ]: [ addr:1000 sz:24 ][ addr:1032 sz:12 ][ addr:1052 sz:48 ]

$ alloc d 8
handle=0 size=8 usable=12 addr=1000 searched=1
ptr[0] = Alloc(8) returned 1004 (searched 1 elements)
Free List [ Size 3 ]: [ addr:1012 sz:12 ][ addr:1032 sz:12 ][ addr:1052 sz:48 ]

$ alloc d 16
handle=2 size=16 usable=20 addr=1052 searched=3
ptr[2] = Alloc(16) returned 1056 (searched 3 elements)
Free List [ Size 3 ]: [ addr:1012 sz:12 ][ addr:1032 sz:12 ][ addr:1072 sz:28 ]

$ alloc d 4
handle=4 size=4 usable=8 addr=1012 searched=1
ptr[4] = Alloc(4) returned 1016 (searched 1 elements)
Free List [ Size 3 ]: [ addr:1020 sz:4 ][ addr:1032 sz:12 ][ addr:1072 sz:28 ]

$ cat d heapmap
heap first-fit: region 100 base 1000 align 4 header 4 min_split 1 list address coalesce off
    offset              address       size state request handle
         0                 1000         12 used  8 0
        12                 1012          8 used  4 4
        20                 1020          4 free
        24                 1024          8 used  4 1
        32                 1032         12 free
        44                 1044          8 used  4 3
        52                 1052         20 used  16 2
        72                 1072         28 free
largest free block: 28
largest free run: 28
total free: 44
external fragmentation: 36.3%
free list length: 3
$ validate d
validate instance=d violations=0
