$ create f first-fit pool=64K zero=0
created instance=f backend=first-fit family=heap id=1 zero=0
$- run sizes on=f ops=5000 seed=3 min=8 max=512 batch=32
$ validate f
validate instance=f violations=0
$ cat f stats
instance f
backend first-fit
family heap
id 1
busy 0
handles 0
requested 0
requested_peak 0
handed_out 0
handed_out_peak 0
alloc_commands 0
alloc_command_failures 0
free_commands 0
runs 1
allocs 5000
frees 5000
failures 0
bad_frees 0
bytes_allocated 0
bytes_held 14376
peak_allocated 11600
peak_held 14376
largest_free 14376
total_free 14376
external_frag_x1000 0
stranded_x1000 -1
# backend first-fit
policy first-fit
bytes_allocated 0
peak_allocated 11600
bytes_held 14376
blocks_allocated 0
bytes_dead 0
largest_free 14376
total_free 14376
alloc 5000
free 5000
fail 0
searched 39566
split 4719
coalesce 4719
reset 0
bad_free_outside 0
bad_free_not_block 0
bad_free_double 0
bad_free_size 0
$ create n next-fit pool=64K zero=0
created instance=n backend=next-fit family=heap id=2 zero=0
$- run sizes on=n ops=5000 seed=3 min=8 max=512 batch=32
$ validate n
validate instance=n violations=0
$ create w worst-fit pool=64K list=size-desc zero=0
created instance=w backend=worst-fit family=heap id=3 zero=0
$- run sizes on=w ops=5000 seed=3 min=8 max=512 batch=32
$ validate w
validate instance=w violations=0
$ create s segregated pool=64K zero=0
created instance=s backend=segregated family=heap id=4 zero=0
$- run sizes on=s ops=5000 seed=3 min=8 max=512 batch=32
$ validate s
validate instance=s violations=0
$ cat s stats
instance s
backend segregated
family heap
id 4
busy 0
handles 0
requested 0
requested_peak 0
handed_out 0
handed_out_peak 0
alloc_commands 0
alloc_command_failures 0
free_commands 0
runs 1
allocs 5000
frees 5000
failures 0
bad_frees 0
bytes_allocated 0
bytes_held 13152
peak_allocated 11600
peak_held 13152
largest_free 13152
total_free 13152
external_frag_x1000 0
stranded_x1000 -1
# backend segregated
policy segregated
bytes_allocated 0
peak_allocated 11600
bytes_held 13152
blocks_allocated 0
bytes_dead 0
largest_free 13152
total_free 13152
alloc 5000
free 5000
fail 0
searched 10173
split 4436
coalesce 4436
reset 0
bad_free_outside 0
bad_free_not_block 0
bad_free_double 0
bad_free_size 0
