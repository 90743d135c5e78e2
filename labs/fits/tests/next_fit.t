$ create h next-fit pool=100 base=1000 header=4 align=4 zero=0 coalesce=0
created instance=h backend=next-fit family=heap id=1 zero=0
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
handle=0 size=8 usable=12 addr=1032 searched=1
ptr[0] = Alloc(8) returned 1036 (searched 1 elements)
Free List [ Size 2 ]: [ addr:1000 sz:8 ][ addr:1044 sz:56 ]

$ free h 1
freed handle=1 size=5 usable=12
Free(ptr[1])
returned 0
Free List [ Size 3 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1044 sz:56 ]

$ alloc h 2
handle=1 size=2 usable=8 addr=1044 searched=1
ptr[1] = Alloc(2) returned 1048 (searched 1 elements)
Free List [ Size 3 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1052 sz:48 ]

$ free h 2
freed handle=2 size=8 usable=12
Free(ptr[2])
returned 0
Free List [ Size 4 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1052 sz:48 ]

$ alloc h 7
handle=2 size=7 usable=12 addr=1052 searched=1
ptr[2] = Alloc(7) returned 1056 (searched 1 elements)
Free List [ Size 4 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1064 sz:36 ]

$ alloc h 14
handle=3 size=14 usable=20 addr=1064 searched=1
ptr[3] = Alloc(14) returned 1068 (searched 1 elements)
Free List [ Size 4 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1084 sz:16 ]

$ free h 0
freed handle=0 size=8 usable=12
Free(ptr[0])
returned 0
Free List [ Size 5 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1032 sz:12 ][ addr:1084 sz:16 ]

$ alloc h 1
handle=0 size=1 usable=8 addr=1084 searched=1
ptr[0] = Alloc(1) returned 1088 (searched 1 elements)
Free List [ Size 5 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1032 sz:12 ][ addr:1092 sz:8 ]

$ alloc h 20
error: alloc: instance 'h' could not allocate 20 bytes
$ free h 3
freed handle=3 size=14 usable=20
Free(ptr[3])
returned 0
Free List [ Size 6 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1032 sz:12 ][ addr:1064 sz:20 ][ addr:1092 sz:8 ]

$ alloc h 10
handle=3 size=10 usable=16 addr=1064 searched=6
ptr[3] = Alloc(10) returned 1068 (searched 6 elements)
Free List [ Size 6 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1032 sz:12 ][ addr:1080 sz:4 ][ addr:1092 sz:8 ]

$ free h 1
freed handle=1 size=2 usable=8
Free(ptr[1])
returned 0
Free List [ Size 7 ]: [ addr:1000 sz:8 ][ addr:1008 sz:12 ][ addr:1020 sz:12 ][ addr:1032 sz:12 ][ addr:1044 sz:8 ][ addr:1080 sz:4 ][ addr:1092 sz:8 ]

$ alloc h 12
error: alloc: instance 'h' could not allocate 12 bytes
$ cat h heapmap
heap next-fit: region 100 base 1000 align 4 header 4 min_split 1 list address coalesce off
    offset              address       size state request handle
         0                 1000          8 free
         8                 1008         12 free
        20                 1020         12 free
        32                 1032         12 free
        44                 1044          8 free
        52                 1052         12 used  7 2
        64                 1064         16 used  10 3
        80                 1080          4 free
        84                 1084          8 used  1 0
        92                 1092          8 free
largest free block: 12
largest free run: 52
total free: 64
external fragmentation: 81.2%
free list length: 7
$ validate h
validate instance=h violations=0
$ create d next-fit pool=100 base=1000 header=4 align=4 zero=0 coalesce=0
created instance=d backend=next-fit family=heap id=2 zero=0
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
handle=0 size=8 usable=12 addr=1052 searched=1
ptr[0] = Alloc(8) returned 1056 (searched 1 elements)
Free List [ Size 3 ]: [ addr:1000 sz:24 ][ addr:1032 sz:12 ][ addr:1064 sz:36 ]

$ alloc d 16
handle=2 size=16 usable=20 addr=1064 searched=1
ptr[2] = Alloc(16) returned 1068 (searched 1 elements)
Free List [ Size 3 ]: [ addr:1000 sz:24 ][ addr:1032 sz:12 ][ addr:1084 sz:16 ]

$ alloc d 4
handle=4 size=4 usable=8 addr=1084 searched=1
ptr[4] = Alloc(4) returned 1088 (searched 1 elements)
Free List [ Size 3 ]: [ addr:1000 sz:24 ][ addr:1032 sz:12 ][ addr:1092 sz:8 ]

$ cat d heapmap
heap next-fit: region 100 base 1000 align 4 header 4 min_split 1 list address coalesce off
    offset              address       size state request handle
         0                 1000         24 free
        24                 1024          8 used  4 1
        32                 1032         12 free
        44                 1044          8 used  4 3
        52                 1052         12 used  8 0
        64                 1064         20 used  16 2
        84                 1084          8 used  4 4
        92                 1092          8 free
largest free block: 24
largest free run: 24
total free: 44
external fragmentation: 45.4%
free list length: 3
$ validate d
validate instance=d violations=0
