$ create h first-fit pool=4K base=0 header=8 align=8 min_split=32 zero=0
created instance=h backend=first-fit family=heap id=1 zero=0
$ alloc h 100
handle=0 size=100 usable=112 addr=0 searched=1
ptr[0] = Alloc(100) returned 8 (searched 1 elements)
Free List [ Size 1 ]: [ addr:112 sz:3984 ]

$ alloc h 200
handle=1 size=200 usable=208 addr=112 searched=1
ptr[1] = Alloc(200) returned 120 (searched 1 elements)
Free List [ Size 1 ]: [ addr:320 sz:3776 ]

$ alloc h 100
handle=2 size=100 usable=112 addr=320 searched=1
ptr[2] = Alloc(100) returned 328 (searched 1 elements)
Free List [ Size 1 ]: [ addr:432 sz:3664 ]

$ free h 1
freed handle=1 size=200 usable=208
Free(ptr[1])
returned 0
Free List [ Size 2 ]: [ addr:112 sz:208 ][ addr:432 sz:3664 ]

$ alloc h 180
handle=1 size=180 usable=192 addr=112 searched=1
ptr[1] = Alloc(180) returned 120 (searched 1 elements)
Free List [ Size 1 ]: [ addr:432 sz:3664 ]

$ free h 0
freed handle=0 size=100 usable=112
Free(ptr[0])
returned 0
Free List [ Size 2 ]: [ addr:0 sz:112 ][ addr:432 sz:3664 ]

$ alloc h 90
handle=0 size=90 usable=104 addr=0 searched=1
ptr[0] = Alloc(90) returned 8 (searched 1 elements)
Free List [ Size 1 ]: [ addr:432 sz:3664 ]

$ alloc h 3000
handle=3 size=3000 usable=3008 addr=432 searched=1
ptr[3] = Alloc(3000) returned 440 (searched 1 elements)
Free List [ Size 1 ]: [ addr:3440 sz:656 ]

$ cat h heapmap
heap first-fit: region 4096 base 0 align 8 header 8 min_split 32 list address coalesce on
    offset              address       size state request handle
         0                    0        112 used  90 0
       112                  112        208 used  180 1
       320                  320        112 used  100 2
       432                  432       3008 used  3000 3
      3440                 3440        656 free
largest free block: 656
largest free run: 656
total free: 656
external fragmentation: 0.0%
free list length: 1
$ validate h
validate instance=h violations=0
