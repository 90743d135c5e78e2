#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of teaching heaps above one block of the page source: a 64 MiB
# first-fit heap (a vmalloc'ed region and 128 MiB of boundary tags, both
# charged to the budget) is created, filled, validated and given back to
# the byte; a 20 MB CS:APP-style trace replays on it; a heap the budget
# cannot hold is refused saying how to raise the budget; the module
# unloads cleanly. TAP on stdout. Run as root in the VM
# (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/selftest.sh"
tap_plan 8
selftest_root

limit() { sed -n 's/.* budget_bytes=\([0-9]*\).*/\1/p' $D/context; }

dmesg -C 2>/dev/null
selftest_insmod
echo "# budget $(limit) bytes"
mib=1048576
run 'create h first-fit pool=64M header=8 min_split=16'
ok $([ $? -eq 0 ] && [ "$(budget_used)" = $((192 * mib)) ]; echo $?) \
	"a 64 MiB first-fit heap: 64 MiB of region and 128 MiB of tags charged ($(budget_used) B)"

# 15 blocks of 4 MiB (the alloc command's bound) at 4 MiB + 8 apart
set --
i=0
while [ $i -lt 15 ]; do set -- "$@" 'alloc h 4M'; i=$((i + 1)); done
run "$@" 'handles h' 'validate h'
grep -q "^handle=14 size=4194304 usable=4194312 addr=$((14 * (4 * mib + 8)))$" "$tmp/out"
ok $? "15 blocks of 4 MiB: the last at 14 x (4 MiB + 8), the region is really 64 MiB"
grep -q "^validate instance=h violations=0$" "$tmp/out"
ok $? "validate h: no violated invariant"

run 'destroy h'
ok $([ $? -eq 0 ] && [ "$(budget_used)" = 0 ]; echo $?) "destroyed: the budget is back to 0"

awk 'BEGIN {
	for (i = 0; i < 200; i++) op[n++] = "a " i " " 100000 + (i % 7) * 8
	for (i = 0; i < 200; i += 2) op[n++] = "f " i
	for (i = 200; i < 300; i++) op[n++] = "a " i " " 50000 + (i % 13) * 16
	for (i = 1; i < 200; i += 4) op[n++] = "r " i " " 150000
	for (i = 300; i < 400; i++) op[n++] = "a " i " " 12345 + (i % 5)
	for (i = 1; i < 200; i += 2) op[n++] = "f " i
	for (i = 200; i < 400; i++) op[n++] = "f " i
	print 20971520; print 400; print n; print 1
	for (j = 0; j < n; j++) print op[j]
}' >"$tmp/big.rep"
# one heap at a time: each holds 64 MiB and 128 MiB of tags, two at once
# would need max_pool_mb=384 and 1.5 GiB of RAM
rc=0
for be in first-fit best-fit; do
	$K -q replay "$tmp/big.rep" --backend $be --reps 1 --zero off \
		>"$tmp/rep" 2>&1 || rc=1
	grep -e ' ok$' -e FAIL -e kmemlab: "$tmp/rep" | show
	# the row's last columns: FAIL FAIL.FREE REPS VALID
	awk -v be=$be '$1 == be && $NF == "ok" && $(NF - 3) == 0 { f = 1 }
		END { exit !f }' "$tmp/rep" || rc=1
done
ok $rc "a 20 MB trace replays on first-fit and on best-fit in the module, no failure"
ok $([ "$(budget_used)" = 0 ]; echo $?) "after the replay the budget is back to 0 ($(budget_used))"

run 'create g first-fit pool=128M'
ok $([ $? -eq 1 ] && grep -q "the memory budget ran out .*max_pool_mb=" "$tmp/err"; echo $?) \
	"a 128 MiB heap (384 MiB with its tags) is refused naming the budget and max_pool_mb"

rmmod kmemlab
rc=$?
ok $([ $rc -eq 0 ] && ! dmesg | grep -q 'still charged\|WARNING\|BUG'; echo $?) "rmmod: clean, nothing left charged"
tap_end
