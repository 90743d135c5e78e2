#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tools/bench-ratio: the quotient of two rows' medians over reps and its
# paired bootstrap interval, on a results.csv whose figures are known;
# a table or row that is not there exits 2 and says so. TAP on stdout.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/start.sh"
tap_plan 4

# Row a is exactly twice row b in every rep; row c is b's equal but for
# one rep. The median rows are left out of the quotient.
{
	echo "group,instance,rep,alloc_p50_ns,free_p50_ns"
	for r in 0 1 2 3 4; do
		echo "t: x,r0-a,$r,$((200 + 10 * r)),40"
		echo "t: x,r1-b,$r,$((100 + 5 * r)),40"
		echo "t: x,r2-c,$r,$((100 + 5 * r + (r == 4 ? 50 : 0))),40"
	done
	echo "t: x,r0-a,median,999,999"
	echo "other,r1-b,0,1,1"
} >"$tmp/results.csv"

out=$(tools/bench-ratio "$tmp/results.csv" "t:" r0-a r1-b alloc_p50_ns)
echo "# $out"
[ "$out" = "alloc_p50_ns: 2.00x [2.00,2.00] (medians 220 / 110, 5 reps)" ]
ok $? "a row twice another in every rep: 2.00x, interval [2.00,2.00]"

out=$(tools/bench-ratio "$tmp/results.csv" "t:" r2-c r1-b)
echo "# $out" | tr '\n' ' '
echo
echo "$out" | grep -q '^alloc_p50_ns: 1.00x \[1.00,1.[0-9][0-9]\] ~ (medians 110 / 110, 5 reps)$' &&
	echo "$out" | grep -q '^free_p50_ns: 1.00x \[1.00,1.00\] ~ '
ok $? "equal rows but one rep: 1.00x with '~', both default fields"

tools/bench-ratio "$tmp/results.csv" "t:" r0-a nosuch >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "no reps of 'r0-a' and 'nosuch'" "$tmp/err"
ok $? "a row that is not there exits 2 and names it (got $rc)"

tools/bench-ratio "$tmp/results.csv" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "tools/bench-ratio DIR/results.csv" "$tmp/err"
ok $? "too few arguments: the usage, exit 2 (got $rc)"
tap_end
