#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of the figures that put our allocators and the kernel's on equal
# terms (docs/metrics.md): the buddy indices of our pool and of the zone
# alloc_pages takes from, sampled in the same run; an arena (pool=) for
# every real backend, which fails requests before the allocator when its
# quota is spent and gives every byte back; the clock's step in the
# context. TAP on stdout. Run as root in the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/selftest.sh"
tap_plan 8
selftest_root
selftest_insmod

$K -q run pages --backend buddy,alloc_pages --order 0 --maxorder 4 --ops 2000 \
	--reps 3 --save "$tmp/pages" >"$tmp/pages.txt" 2>&1
rc=$?
sed 's/^/# /' "$tmp/pages.txt"
sed -n '/^Page pools/,/^UNUSABLE/p' "$tmp/pages.txt" >"$tmp/pools.txt"
[ $rc -eq 0 ] && grep -q 'indices at order 4 ' "$tmp/pools.txt" &&
	grep -q '^buddy  .*kmemlab (own pool) ' "$tmp/pools.txt" &&
	grep -Eq '^alloc_pages  .*(Normal|DMA32|DMA) \(zone, shared\) ' "$tmp/pools.txt"
ok $? "pages: a Page pools table with our pool and the zone alloc_pages takes from"

# every index of every rep within the kernel's ranges, both pools, order 4
python3 - "$tmp/pages/results.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
seen = set()
for r in d["results"]:
    for p in [r.get("pool")] + [x.get("pool") for x in r.get("per_rep", [])]:
        assert p, r["backend"]
        assert p["order"] == 4, p
        for k in ("unusable_end", "unusable_peak", "unusable_mean"):
            assert 0 <= p[k] <= 1, (k, p)
        assert p["unusable_peak"] >= p["unusable_end"], p
        for k in ("fragidx_end", "fragidx_peak"):
            assert p[k] == -1 or -1 < p[k] < 1, (k, p)
        assert p["pages"] > 0, p
        seen.add((r["backend"], p["kind"]))
assert seen == {("buddy", "own"), ("alloc_pages", "zone")}, seen
PY
ok $? "results.json: a pool per row and per rep, indices in the kernel's ranges"

# the zone's free lists are the kernel's: its row in /proc/buddyinfo
zone=$(awk '/\(zone, shared\)/ { print $3 }' "$tmp/pools.txt")
grep -q "zone *$zone " /proc/buddyinfo
ok $? "the zone named ($zone) is one of /proc/buddyinfo"

grep -Eq '^  resolution +[0-9.]+ ns \(clock steps of [0-9]+ ticks' "$tmp/pages.txt"
ok $? "the context gives the clock's step in kernel mode"

# An arena of 64 KiB for every real backend: 4 KiB requests, 64 live.
$K -q run churn --backend kmem_cache,kmalloc,alloc_pages,vmalloc --size 4096 \
	--pool 65536 --mode phases --batch 64 --ops 256 --reps 2 --csv \
	>"$tmp/arena.csv" 2>"$tmp/arena.err"
rc=$?
sed 's/^/# /' "$tmp/arena.err"
# Under slub_debug (a debug kernel's kmemlab-* caches) an object takes
# more than its size in its slab: the arena bounds the objects, not the
# slabs they sit in, so the real cache's held bound is not checked there.
dbg=0
set -f	# (the words are not file names: kmemlab-*)
for w in $(cat /proc/cmdline); do
	case $w in
	slub_debug | slub_debug=*) case $w in *,*) case ,${w#*,}, in *,kmemlab*) dbg=1 ;; esac ;; *) dbg=1 ;; esac ;;
	esac
done
set +f
[ $dbg = 1 ] && echo "# slub_debug covers our caches: kmem_cache's held is not bounded by the arena here"
awk -F, -v dbg=$dbg 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["rep"] != "median" { n++
		if ($c["failures"] + 0 == 0) { print "# no failure: " $0; bad++ }
		if ($c["held_peak_bytes"] != "" && $c["held_peak_bytes"] + 0 > 65536 + 16384 &&
		    !(dbg && $c["backend"] == "kmem_cache")) {
			print "# held beyond the arena: " $0; bad++ }
	}
	END { exit (bad > 0 || n != 8) }' "$tmp/arena.csv"
ok $(( rc != 0 || $? )) "pool=64K: every real backend fails past its arena, held stays within it"

awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["rep"] != "median" && $c["failed_with_free"] + 0 != 0 { print; bad++ }
	END { exit bad > 0 }' "$tmp/arena.csv"
ok $? "a quota fails only when what is left cannot hold the request"

used=$($K view context | sed -n 's/.* budget_used=\([0-9]*\).*/\1/p')
echo "# budget_used=$used after the runs"
[ "$used" = 0 ]
ok $? "after the runs the module's budget is back to 0"

rmmod kmemlab
ok $? "rmmod after arena runs"
tap_end
