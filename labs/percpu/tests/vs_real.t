$ create ours slab pool=16M size=64 zero=0
created instance=ours backend=slab family=object id=4 zero=0
$ create real kmem_cache size=64 zero=0
created instance=real backend=kmem_cache family=object id=5 zero=0
$- run churn on=ours,real ops=100000 mode=batch batch=256 reps=2 seed=1
$- run remote on=ours,real ops=20000 seed=1
$ validate ours
validate instance=ours violations=0
