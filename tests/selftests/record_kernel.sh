#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of 'kmemlab record --kernel': the kmem events of a file-tree
# walk become a native trace whose op count is the recorded events minus
# the ones it says it left out; the trace replays in the module by CPU
# (t=, each op on the CPU it was recorded on) on our slab, the real
# kmalloc and our buddy; replayed --by-cache (each real cache on one of
# our slab caches and a real kmem_cache of its size, and on kmalloc; the
# page ops on our buddy and alloc_pages) its rows add up to the recorded
# ops on every backend; --summary adds up;
# a command that fails leaves no file; the tracefs instance is removed.
# TAP on stdout. Run as root in the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=userspace/kmemlab
ko=${KMEMLAB_KO:-$top/kmemlab.ko}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 10
if [ "$(id -u)" != 0 ] || [ ! -x "$K" ]; then
	echo "# SKIP: needs root and $K"
	exit 4
fi
tfs=/sys/kernel/tracing
[ -d $tfs/instances ] || tfs=/sys/kernel/debug/tracing
if [ ! -d $tfs/instances ]; then
	echo "# SKIP: no tracefs"
	exit 4
fi
R="$K record --kernel"

# two raw events, for the record (what the kernel's own text looks like)
d=$tfs/instances/kmemlab-selftest-$$
if mkdir $d 2>/dev/null; then
	echo 1 >$d/events/kmem/kmalloc/enable
	echo 1 >$d/events/kmem/mm_page_alloc/enable
	ls -lR /etc >/dev/null 2>&1
	echo 0 >$d/tracing_on
	grep -m 1 ' kmalloc: ' $d/trace | show
	grep -m 1 ' mm_page_alloc: ' $d/trace | show
	rmdir $d
fi

$R -o "$tmp/k.trace" --raw "$tmp/raw.txt" --summary --lines 5 -- sh -c 'ls -lR /etc >/dev/null 2>&1; cat /etc/passwd >/dev/null' \
	>"$tmp/sum" 2>"$tmp/err"
rc=$?
show "$tmp/err" "$tmp/sum"
ok $([ $rc -eq 0 ] && [ -s "$tmp/k.trace" ]; echo $?) "record a file-tree walk: exit 0, a trace"

# the counts: events = ops + frees of older objects + zero-size + over bounds
ev=$(sed -n 's/^# events: //p' "$tmp/k.trace" | tr ' ' '\n' | awk -F= '{ s += $2 } END { print s + 0 }')
set -- $(sed -n 's/^# ops=\([0-9]*\) unmatched_frees=\([0-9]*\) zero_size=\([0-9]*\) over_bounds=\([0-9]*\) .*/\1 \2 \3 \4/p' "$tmp/k.trace")
lines=$(grep -c '^[af] ' "$tmp/k.trace")
echo "# events=$ev ops=$1 (lines $lines) older=$2 zero=$3 over=$4"
ok $([ "$ev" -gt 0 ] && [ "$lines" = "$1" ] && [ "$ev" = $(($1 + $2 + $3 + $4)) ]; echo $?) \
	"op lines = ops written, and events = ops + the events left out (each counted)"
kmalloc=$(sed -n 's/^# events: kmalloc=\([0-9]*\) .*/\1/p' "$tmp/k.trace")
for e in kmalloc cache page; do grep -m 2 "^[af] .* ev=$e" "$tmp/k.trace"; done | show
ok $([ "$(grep -c '^a .* ev=kmalloc ' "$tmp/k.trace")" -le "$kmalloc" ] &&
	grep -q '^a [0-9]* [0-9]* t=[0-9]* ns=[0-9]* ev=cache cache=[^ ]* alloc=[0-9]* gfp=[^ ]* site=' "$tmp/k.trace"; echo $?) \
	"kmem_cache_alloc ops carry CPU (t=), time, cache, sizes, gfp and call site"
grep -m 2 ' kmem_cache_alloc: ' "$tmp/raw.txt" | show
$R --convert "$tmp/raw.txt" -o "$tmp/k2.trace" 2>/dev/null
grep -v '^#' "$tmp/k.trace" >"$tmp/k.ops"
grep -v '^#' "$tmp/k2.trace" >"$tmp/k2.ops"
diff "$tmp/k.ops" "$tmp/k2.ops" | head -n 6 | show
ok $(cmp -s "$tmp/k.ops" "$tmp/k2.ops"; echo $?) "--raw keeps the text: --convert of it gives the same ops"
allocs=$(grep -c '^a ' "$tmp/k.trace")
ok $(awk -v n="$allocs" '$1 == "TOTAL" && $2 == n { f = 1 } END { exit !f }' "$tmp/sum"; echo $?) \
	"--summary: TOTAL allocations = the a lines ($allocs)"

grep -q '^kmemlab ' /proc/modules || insmod "$ko"
$K -q replay "$tmp/k.trace" --backend slab,kmalloc,buddy --reps 1 --cpus 0,1 >"$tmp/rep" 2>&1
rc=$?
grep -e ' ok$' -e FAIL -e kmemlab: "$tmp/rep" | show
ok $([ $rc -eq 0 ] && [ "$(grep -c ' ok$' "$tmp/rep")" = 3 ]; echo $?) \
	"the kernel recording replays in the module by CPU on slab, kmalloc and buddy"

$K -q replay "$tmp/k.trace" --by-cache --reps 1 --csv >"$tmp/bc" 2>"$tmp/err"
rc=$?
show "$tmp/err"
head -n 7 "$tmp/bc" | show
grep '^TOTAL,' "$tmp/bc" | show
tot() { awk -F, -v b="$1" '$1 == "TOTAL" && $3 == b { print $4 }' "$tmp/bc"; }
ours=$(($(tot slab) + $(tot buddy)))
real=$(($(tot kmem_cache) + $(tot alloc_pages)))
echo "# by cache: ops ours=$ours real=$real kmalloc=$(tot kmalloc) written=$lines; $(grep -c ',slab,' "$tmp/bc") caches"
ok $([ $rc -eq 0 ] && [ "$ours" = "$lines" ] && [ "$real" = "$lines" ] &&
	[ "$(($(tot kmalloc) + $(tot alloc_pages)))" = "$lines" ] &&
	[ "$(grep -c ',slab,' "$tmp/bc")" = "$(grep -c ',kmem_cache,' "$tmp/bc")" ] &&
	! grep -v '^cache,' "$tmp/bc" | grep -v ',ok$' | grep -q .; echo $?) \
	"replay --by-cache on our slab and buddy and on kmem_cache, kmalloc, alloc_pages: every cache's ops, all rows valid, TOTAL ops = the recorded ops"
rmmod kmemlab

$R -o "$tmp/f.trace" -- sh -c 'ls / >/dev/null; exit 3' 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 1 ] && [ ! -e "$tmp/f.trace" ] && grep -q "exited with status 3" "$tmp/err"; echo $?) \
	"a command that fails: exit 1, a message, no file"
$R -o "$tmp/g.trace" -- /nonexistent/cmd 2>"$tmp/err"
ok $([ $? -eq 1 ] && [ ! -e "$tmp/g.trace" ]; echo $?) "a command that cannot run: exit 1, no file"
ok $([ -z "$(ls $tfs/instances | grep kmemlab-record)" ]; echo $?) "no tracefs instance left behind"
tap_end
