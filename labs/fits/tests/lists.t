$ create a best-fit pool=1K base=0 header=0 align=16 list=size-asc coalesce=0 zero=0
created instance=a backend=best-fit family=heap id=1 zero=0
$ alloc a 100
handle=0 size=100 usable=112 addr=0 searched=1
ptr[0] = Alloc(100) returned 0 (searched 1 elements)
Free List [ Size 1 ]: [ addr:112 sz:912 ]

$ alloc a 50
handle=1 size=50 usable=64 addr=112 searched=1
ptr[1] = Alloc(50) returned 112 (searched 1 elements)
Free List [ Size 1 ]: [ addr:176 sz:848 ]

$ alloc a 200
handle=2 size=200 usable=208 addr=176 searched=1
ptr[2] = Alloc(200) returned 176 (searched 1 elements)
Free List [ Size 1 ]: [ addr:384 sz:640 ]

$ alloc a 30
handle=3 size=30 usable=32 addr=384 searched=1
ptr[3] = Alloc(30) returned 384 (searched 1 elements)
Free List [ Size 1 ]: [ addr:416 sz:608 ]

$ alloc a 300
handle=4 size=300 usable=304 addr=416 searched=1
ptr[4] = Alloc(300) returned 416 (searched 1 elements)
Free List [ Size 1 ]: [ addr:720 sz:304 ]

$ free a 0
freed handle=0 size=100 usable=112
Free(ptr[0])
returned 0
Free List [ Size 2 ]: [ addr:0 sz:112 ][ addr:720 sz:304 ]

$ free a 2
freed handle=2 size=200 usable=208
Free(ptr[2])
returned 0
Free List [ Size 3 ]: [ addr:0 sz:112 ][ addr:176 sz:208 ][ addr:720 sz:304 ]

$ free a 3
freed handle=3 size=30 usable=32
Free(ptr[3])
returned 0
Free List [ Size 4 ]: [ addr:384 sz:32 ][ addr:0 sz:112 ][ addr:176 sz:208 ][ addr:720 sz:304 ]

$ alloc a 40
handle=0 size=40 usable=48 addr=0 searched=4
ptr[0] = Alloc(40) returned 0 (searched 4 elements)
Free List [ Size 4 ]: [ addr:384 sz:32 ][ addr:48 sz:64 ][ addr:176 sz:208 ][ addr:720 sz:304 ]

$ alloc a 150
handle=2 size=150 usable=160 addr=176 searched=4
ptr[2] = Alloc(150) returned 176 (searched 4 elements)
Free List [ Size 4 ]: [ addr:384 sz:32 ][ addr:48 sz:64 ][ addr:336 sz:48 ][ addr:720 sz:304 ]

$ create b first-fit pool=1K base=0 header=0 align=16 list=lifo zero=0
created instance=b backend=first-fit family=heap id=2 zero=0
$ alloc b 100
handle=0 size=100 usable=112 addr=0 searched=1
ptr[0] = Alloc(100) returned 0 (searched 1 elements)
Free List [ Size 1 ]: [ addr:112 sz:912 ]

$ alloc b 50
handle=1 size=50 usable=64 addr=112 searched=1
ptr[1] = Alloc(50) returned 112 (searched 1 elements)
Free List [ Size 1 ]: [ addr:176 sz:848 ]

$ alloc b 200
handle=2 size=200 usable=208 addr=176 searched=1
ptr[2] = Alloc(200) returned 176 (searched 1 elements)
Free List [ Size 1 ]: [ addr:384 sz:640 ]

$ free b 0
freed handle=0 size=100 usable=112
Free(ptr[0])
returned 0
Free List [ Size 2 ]: [ addr:0 sz:112 ][ addr:384 sz:640 ]

$ free b 2
freed handle=2 size=200 usable=208
Free(ptr[2])
returned 0
Free List [ Size 2 ]: [ addr:176 sz:848 ][ addr:0 sz:112 ]

$ alloc b 60
handle=0 size=60 usable=64 addr=176 searched=1
ptr[0] = Alloc(60) returned 176 (searched 1 elements)
Free List [ Size 2 ]: [ addr:240 sz:784 ][ addr:0 sz:112 ]

$ free b 1
freed handle=1 size=50 usable=64
Free(ptr[1])
returned 0
Free List [ Size 2 ]: [ addr:0 sz:176 ][ addr:240 sz:784 ]

$ cat b heapmap
heap first-fit: region 1024 base 0 align 16 header 0 min_split 1 list lifo coalesce on
    offset              address       size state request handle
         0                    0        176 free
       176                  176         64 used  60 0
       240                  240        784 free
largest free block: 784
largest free run: 784
total free: 960
external fragmentation: 18.3%
free list length: 2
$ validate a
validate instance=a violations=0
$ validate b
validate instance=b violations=0
