$ create s slab pool=4M size=100 ctor=1 zero=0
created instance=s backend=slab family=object id=1 zero=0
$ alloc s 100
handle=0 size=100 usable=112
$ alloc s 100
handle=1 size=100 usable=112
$ alloc s 100
handle=2 size=100 usable=112
$ alloc s 100
handle=3 size=100 usable=112
$ alloc s 100
handle=4 size=100 usable=112
$ alloc s 100
handle=5 size=100 usable=112
$ alloc s 100
handle=6 size=100 usable=112
$ alloc s 100
handle=7 size=100 usable=112
$ alloc s 100
handle=8 size=100 usable=112
$ alloc s 100
handle=9 size=100 usable=112
$ alloc s 100
handle=10 size=100 usable=112
$ alloc s 100
handle=11 size=100 usable=112
$ alloc s 100
handle=12 size=100 usable=112
$ alloc s 100
handle=13 size=100 usable=112
$ alloc s 100
handle=14 size=100 usable=112
$ alloc s 100
handle=15 size=100 usable=112
$ alloc s 100
handle=16 size=100 usable=112
$ alloc s 100
handle=17 size=100 usable=112
$ alloc s 100
handle=18 size=100 usable=112
$ alloc s 100
handle=19 size=100 usable=112
$ alloc s 100
handle=20 size=100 usable=112
$ alloc s 100
handle=21 size=100 usable=112
$ alloc s 100
handle=22 size=100 usable=112
$ alloc s 100
handle=23 size=100 usable=112
$ alloc s 100
handle=24 size=100 usable=112
$ alloc s 100
handle=25 size=100 usable=112
$ alloc s 100
handle=26 size=100 usable=112
$ alloc s 100
handle=27 size=100 usable=112
$ alloc s 100
handle=28 size=100 usable=112
$ alloc s 100
handle=29 size=100 usable=112
$ alloc s 100
handle=30 size=100 usable=112
$ alloc s 100
handle=31 size=100 usable=112
$ alloc s 100
handle=32 size=100 usable=112
$ alloc s 100
handle=33 size=100 usable=112
$ alloc s 100
handle=34 size=100 usable=112
$ alloc s 100
handle=35 size=100 usable=112
$ alloc s 100
handle=36 size=100 usable=112
$ alloc s 100
handle=37 size=100 usable=112
$ alloc s 100
handle=38 size=100 usable=112
$ alloc s 100
handle=39 size=100 usable=112
$ alloc s 100
handle=40 size=100 usable=112
$ alloc s 100
handle=41 size=100 usable=112
$ alloc s 100
handle=42 size=100 usable=112
$ alloc s 100
handle=43 size=100 usable=112
$ alloc s 100
handle=44 size=100 usable=112
$ alloc s 100
handle=45 size=100 usable=112
$ alloc s 100
handle=46 size=100 usable=112
$ alloc s 100
handle=47 size=100 usable=112
$ alloc s 100
handle=48 size=100 usable=112
$ alloc s 100
handle=49 size=100 usable=112
$ alloc s 100
handle=50 size=100 usable=112
$ alloc s 100
handle=51 size=100 usable=112
$ alloc s 100
handle=52 size=100 usable=112
$ alloc s 100
handle=53 size=100 usable=112
$ alloc s 100
handle=54 size=100 usable=112
$ alloc s 100
handle=55 size=100 usable=112
$ alloc s 100
handle=56 size=100 usable=112
$ alloc s 100
handle=57 size=100 usable=112
$ alloc s 100
handle=58 size=100 usable=112
$ alloc s 100
handle=59 size=100 usable=112
$ alloc s 100
handle=60 size=100 usable=112
$ alloc s 100
handle=61 size=100 usable=112
$ alloc s 100
handle=62 size=100 usable=112
$ alloc s 100
handle=63 size=100 usable=112
$ alloc s 100
handle=64 size=100 usable=112
$ alloc s 100
handle=65 size=100 usable=112
$ alloc s 100
handle=66 size=100 usable=112
$ alloc s 100
handle=67 size=100 usable=112
$ alloc s 100
handle=68 size=100 usable=112
$ alloc s 100
handle=69 size=100 usable=112
$ alloc s 100
handle=70 size=100 usable=112
$ alloc s 100
handle=71 size=100 usable=112
$ alloc s 100
handle=72 size=100 usable=112
$ alloc s 100
handle=73 size=100 usable=112
$ alloc s 100
handle=74 size=100 usable=112
$ alloc s 100
handle=75 size=100 usable=112
$ alloc s 100
handle=76 size=100 usable=112
$ alloc s 100
handle=77 size=100 usable=112
$ alloc s 100
handle=78 size=100 usable=112
$ alloc s 100
handle=79 size=100 usable=112
$ free s 0
freed handle=0 size=100 usable=112
$ free s 2
freed handle=2 size=100 usable=112
$ free s 4
freed handle=4 size=100 usable=112
$ free s 6
freed handle=6 size=100 usable=112
$ free s 8
freed handle=8 size=100 usable=112
$ free s 10
freed handle=10 size=100 usable=112
$ free s 12
freed handle=12 size=100 usable=112
$ free s 14
freed handle=14 size=100 usable=112
$ free s 16
freed handle=16 size=100 usable=112
$ free s 18
freed handle=18 size=100 usable=112
$ free s 20
freed handle=20 size=100 usable=112
$ free s 22
freed handle=22 size=100 usable=112
$ free s 24
freed handle=24 size=100 usable=112
$ free s 26
freed handle=26 size=100 usable=112
$ free s 28
freed handle=28 size=100 usable=112
$ free s 30
freed handle=30 size=100 usable=112
$ free s 32
freed handle=32 size=100 usable=112
$ free s 34
freed handle=34 size=100 usable=112
$ free s 36
freed handle=36 size=100 usable=112
$ free s 38
freed handle=38 size=100 usable=112
$ free s 40
freed handle=40 size=100 usable=112
$ free s 42
freed handle=42 size=100 usable=112
$ free s 44
freed handle=44 size=100 usable=112
$ free s 46
freed handle=46 size=100 usable=112
$ free s 48
freed handle=48 size=100 usable=112
$ free s 50
freed handle=50 size=100 usable=112
$ free s 52
freed handle=52 size=100 usable=112
$ free s 54
freed handle=54 size=100 usable=112
$ free s 56
freed handle=56 size=100 usable=112
$ free s 58
freed handle=58 size=100 usable=112
$ free s 60
freed handle=60 size=100 usable=112
$ free s 62
freed handle=62 size=100 usable=112
$ free s 64
freed handle=64 size=100 usable=112
$ free s 66
freed handle=66 size=100 usable=112
$ free s 68
freed handle=68 size=100 usable=112
$ free s 70
freed handle=70 size=100 usable=112
$ free s 72
freed handle=72 size=100 usable=112
$ free s 74
freed handle=74 size=100 usable=112
$ free s 76
freed handle=76 size=100 usable=112
$ free s 78
freed handle=78 size=100 usable=112
$ cat s slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
slab-100              72    108    112   36    1 : tunables    0    0    0 : slabdata      3      3      0
$ cat s stats
instance s
backend slab
family object
id 1
busy 0
handles 40
requested 4000
requested_peak 8000
handed_out 4480
handed_out_peak 8960
alloc_commands 80
alloc_command_failures 0
free_commands 40
runs 0
allocs 80
frees 40
failures 0
bad_frees 0
bytes_allocated 4480
bytes_held 12288
peak_allocated 8064
peak_held 12288
largest_free 112
total_free 7616
external_frag_x1000 -1
stranded_x1000 619
# backend slab
slab-100.alloc 80
slab-100.free 40
slab-100.alloc_fastpath 77
slab-100.alloc_slowpath 3
slab-100.free_fastpath 4
slab-100.free_slowpath 36
slab-100.free_remote 0
slab-100.alloc_refill 0
slab-100.alloc_from_partial 0
slab-100.alloc_from_empty 0
slab-100.deactivate 2
slab-100.alloc_fail 0
slab-100.slab_new 3
slab-100.slab_release 0
slab-100.bad_free 0
slab-100.bad_free_outside 0
slab-100.bad_free_foreign 0
slab-100.bad_free_misaligned 0
slab-100.bad_free_double 0
slab-100.redzone_hit 0
slab-100.poison_hit 0
slab-100.freeptr_bad 0
slab-100.quarantined 0
slab-100.tier_alloc_cpu 77
slab-100.tier_alloc_barn 0
slab-100.tier_alloc_slab 0
slab-100.tier_refill_objects 0
slab-100.tier_free_cpu 4
slab-100.tier_free_barn 0
slab-100.tier_free_slab 0
slab-100.tier_flush 0
slab-100.tier_flush_objects 0
slab-100.lock_cache 39
slab-100.lock_barn 0
slab-100.lock_barn_contended 0
slab-100.magazine_resize 0
slab-100.bulk_alloc 0
slab-100.bulk_alloc_objects 0
slab-100.bulk_alloc_fail 0
slab-100.bulk_free 0
slab-100.bulk_free_objects 0
slab-100.object_size 100
slab-100.stride 112
slab-100.align 8
slab-100.freeptr_offset 104
slab-100.order 0
slab-100.objects_per_slab 36
slab-100.first_object_offset 64
slab-100.min_partial 5
slab-100.slabs 3
slab-100.slabs_partial 2
slab-100.slabs_empty 0
slab-100.slabs_full 0
slab-100.slabs_cpu 1
slab-100.objects_inuse 40
slab-100.objects_total 108
slab-100.free_slots_partial 36
slab-100.bytes_held 12288
slab-100.loss_bytes 8288
slab-100.loss_stride_bytes 480
slab-100.loss_tail_bytes 192
slab-100.loss_tail_per_slab 64
slab-100.loss_free_bytes 7616
slab-100.tier freelist
slab-100.tier_objects 32
slab-100.tier_objects_cpu 32
slab-100.tier_objects_barn 0
slab-100.tier_bytes 3584
$ shrink s
shrink instance=s held_before=12288 held_after=12288
$ cat s slabinfo
slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
slab-100              40    108    112   36    1 : tunables    0    0    0 : slabdata      3      3      0
$ validate s
validate instance=s violations=0
