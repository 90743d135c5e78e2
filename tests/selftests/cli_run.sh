#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of 'kmemlab run' and 'kmemlab replay' against the real module:
# a real backend (kmem_cache, kmalloc) next to ours (slab), results read
# back by 'kmemlab report', the bundled traces, a bad trace (FILE:LINE,
# exit 1), bad options (exit 2), Ctrl-C (exit 130) and no instance left
# behind. TAP on stdout. Run as root in the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/selftest.sh"
tap_plan 12
selftest_root
selftest_insmod

$K -q run churn --backend slab,kmem_cache,kmalloc --ops 2000 --reps 2 >"$tmp/run.txt" 2>"$tmp/run.err"
rc=$?
sed 's/^/# /' "$tmp/run.txt" "$tmp/run.err"
ok $rc "run churn on slab, kmem_cache, kmalloc exits 0"
grep -q '^  init_on_alloc' "$tmp/run.txt" && grep -q '^kmem_cache  *r1-kmem_cache' "$tmp/run.txt" &&
	[ "$(grep -c '  ok$' "$tmp/run.txt")" -eq 3 ]
ok $? "the table has the context, a row per backend, all valid"

$K -q run pages --backend buddy,alloc_pages --order 3 --maxorder 3 --ops 200 --reps 2 \
	--save "$tmp/save" >"$tmp/pages.txt" 2>&1
rc=$?
[ $rc -eq 0 ] && $K report "$tmp/save" >/dev/null 2>&1 && [ -s "$tmp/save/results.csv" ]
ok $? "run pages --save writes results.json that 'report' reads, and a CSV"

$K -q --json run churn --backend slab,kmem_cache --ops 500 --reps 1 >"$tmp/r.json" 2>&1
grep -q '"schema":"kmemlab-results/2"' "$tmp/r.json" && grep -q '"backend":"kmem_cache"' "$tmp/r.json"
ok $? "run --json writes the results schema"

$K -q replay traces/short-crlf.rep --backend slab,kmalloc,best-fit --reps 2 >"$tmp/rep.txt" 2>&1
rc=$?
sed 's/^/# /' "$tmp/rep.txt"
[ $rc -eq 0 ] && [ "$(grep -c '  ok$' "$tmp/rep.txt")" -eq 3 ]
ok $? "replay of the CRLF 2-line-header trace on slab, kmalloc, best-fit is valid"

$K -q replay traces/mixed-realloc.rep --backend kmem_cache,slab --reps 1 >/dev/null 2>&1
ok $? "replay of the realloc trace on kmem_cache (size = the trace's largest) and slab"

$K -q replay tests/cli/data/bad-free.rep --backend slab >/dev/null 2>"$tmp/bad.err"
rc=$?
cat "$tmp/bad.err" | sed 's/^/# /'
[ $rc -eq 1 ] && grep -q '^kmemlab: tests/cli/data/bad-free.rep:4: free of id 1 that is not live$' "$tmp/bad.err"
ok $? "a bad trace fails with FILE:LINE and exit 1"

$K run churn --backend slab --ops 0x >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "a bad option value exits 2"

$K run churn --backend slab --no-such-option >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "an unknown option exits 2"

$K run churn --backend slub >/dev/null 2>&1
[ $? -eq 2 ]
ok $? "an unknown backend exits 2"

$K -q run churn --backend slab,kmem_cache --ops 50000000 --reps 1 >/dev/null 2>&1 &
pid=$!
sleep 3
kill -INT $pid
wait $pid
rc=$?
[ $rc -eq 130 ]
ok $? "Ctrl-C stops a run with exit 130 (got $rc)"

left=$(grep -c '^r[0-9]-' /sys/kernel/debug/kmemlab/instances)
traces=$($K exec 'trace list' 2>/dev/null | head -n 1)
[ "$left" -eq 0 ] && [ "$traces" = "traces=0 ops=0" ]
ok $? "no temporary instance or trace is left behind ($left, $traces)"

rmmod kmemlab
rm -rf "$tmp"
tap_end
