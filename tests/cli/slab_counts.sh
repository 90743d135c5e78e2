#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The object counts of a slab cache in its views agree with
# docs/interface.md 3.4: slabinfo's active_objs is SLUB's (the free slots
# of the slab active on a CPU count as active; those of partial slabs do
# not), stats carry the exact live objects and free slots, and slabtop
# --once shows slabinfo's numbers. The documented state (50 objects of
# 192 bytes) and the state after 5 frees from a full slab. Sim mode.
# TAP on stdout; exit 1 when a test fails.
#   tests/cli/slab_counts.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 6
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi

pre="-e 'create s slab size=192 pool=4M'"
i=0
while [ $i -lt 50 ]; do
	pre="$pre -e 'alloc s 192'"
	i=$((i + 1))
done

# --- the state docs/interface.md 3.4 shows ---------------------------------
eval "$K -q sim $pre view s slabinfo" | tail -n 1 >"$tmp/row"
echo 'slab-192              63     63    192   21    1 : tunables    0    0    0 : slabdata      3      3      0' >"$tmp/want"
diff "$tmp/want" "$tmp/row" | show
ok $(cmp -s "$tmp/want" "$tmp/row"; echo $?) "slabinfo: 63/63 active after 50 allocs (the active slab's free slots count as active)"
eval "$K -q sim $pre view s stats" >"$tmp/stats"
for l in 'total_free 2496' 'slab-192.objects_inuse 50' 'slab-192.objects_total 63' \
	'slab-192.slabs_full 2' 'slab-192.slabs_cpu 1' 'slab-192.free_slots_partial 0'; do
	grep -qx "$l" "$tmp/stats" || echo "# missing: $l"
done >"$tmp/miss"
show "$tmp/miss"
ok $([ ! -s "$tmp/miss" ]; echo $?) "stats: 50 live objects, 13 free slots in the active slab, as documented"
eval "$K -q sim $pre slabtop --once" | tail -n 1 >"$tmp/top"
ok $(grep -q '^    63     63 100%    0.19K      3       21        12K slab-192 ' "$tmp/top"; echo $?) \
	"slabtop --once shows slabinfo's numbers"

# --- 5 frees from the first (full) slab: it goes to the partial list ----------
pre="$pre -e 'free s 0' -e 'free s 1' -e 'free s 2' -e 'free s 3' -e 'free s 4'"
eval "$K -q sim $pre view s slabinfo" | tail -n 1 >"$tmp/row"
echo 'slab-192              58     63    192   21    1 : tunables    0    0    0 : slabdata      3      3      0' >"$tmp/want"
diff "$tmp/want" "$tmp/row" | show
ok $(cmp -s "$tmp/want" "$tmp/row"; echo $?) "slabinfo: the partial slab's 5 free slots leave active_objs (58/63)"
eval "$K -q sim $pre view s stats" >"$tmp/stats"
ok $(grep -qx 'slab-192.objects_inuse 45' "$tmp/stats" &&
	grep -qx 'slab-192.free_slots_partial 5' "$tmp/stats" &&
	grep -qx 'total_free 3456' "$tmp/stats"; echo $?) \
	"stats: 45 live, 5 free slots on the partial list, 18 free in all"
eval "$K -q sim $pre slabtop --once" | tail -n 1 >"$tmp/top"
ok $(grep -q '^    63     58  92%    0.19K      3       21        12K slab-192 ' "$tmp/top"; echo $?) \
	"slabtop --once: 58/63, 92%"
tap_end
