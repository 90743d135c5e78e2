$ create b buddy pool=8M pcp=0 zero=0
created instance=b backend=buddy family=page id=1 zero=0
$- run pages on=b ops=20000 seed=7 maxorder=6
$ validate b
validate instance=b violations=0
$ cat b buddyinfo
Node 0, zone  kmemlab      0      0      0      0      0      0      0      0      0      0      2 
$ cat b stats
instance b
backend buddy
family page
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
allocs 20000
frees 20000
failures 0
bad_frees 0
bytes_allocated 0
bytes_held 0
peak_allocated 2162688
peak_held 2162688
largest_free 4194304
total_free 8388608
external_frag_x1000 500
stranded_x1000 -1
# backend buddy
alloc 20000
free 20000
fail 0
split 1876
merge 1876
pcp_hit 0
pcp_miss 0
bad_free 0
pool_pages 2048
free_pages 2048
pcp_pages 0
allocated_pages 0
peak_out_pages 528
pcp_high 0
pcp_batch 0
nr_free_0 0
nr_free_1 0
nr_free_2 0
nr_free_3 0
nr_free_4 0
nr_free_5 0
nr_free_6 0
nr_free_7 0
nr_free_8 0
nr_free_9 0
nr_free_10 2
$ create c buddy pool=8M zero=0
created instance=c backend=buddy family=page id=2 zero=0
$- run pages on=c ops=20000 seed=11 order=0 maxorder=3
$ shrink c
shrink instance=c held_before=163840 held_after=0
$ validate c
validate instance=c violations=0
$ cat c buddyinfo
Node 0, zone  kmemlab      0      0      0      0      0      0      0      0      0      0      2 
$ cat c stats
instance c
backend buddy
family page
id 2
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
allocs 20000
frees 20000
failures 0
bad_frees 0
bytes_allocated 0
bytes_held 0
peak_allocated 1032192
peak_held 1032192
largest_free 4194304
total_free 8388608
external_frag_x1000 500
stranded_x1000 -1
# backend buddy
alloc 20000
free 20000
fail 0
split 1338
merge 1338
pcp_hit 10056
pcp_miss 6
bad_free 0
pool_pages 2048
free_pages 2048
pcp_pages 0
allocated_pages 0
peak_out_pages 252
pcp_high 48
pcp_batch 8
nr_free_0 0
nr_free_1 0
nr_free_2 0
nr_free_3 0
nr_free_4 0
nr_free_5 0
nr_free_6 0
nr_free_7 0
nr_free_8 0
nr_free_9 0
nr_free_10 2
