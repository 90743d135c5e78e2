#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# answers.sh KEY ANSWERS OUTPUT - check one answer of the frag lab.
#
# OUTPUT is the transcript of tests/scenario.t as the student's cores ran
# it in this grading run (the grader runs it); the expected value of KEY
# is computed from it here, never stored, and compared with the student's
# "KEY = value" line of ANSWERS (numbers with a tolerance). Prints
# "RESULT KEY PASS" or "RESULT KEY FAIL reason".
set -u
key=$1 answers=$2 out=$3
result() { echo "RESULT $key $*"; exit 0; }
[ -s "$out" ] || result FAIL "the scenario produced no output"
got=$(sed -n "s/^[[:space:]]*${key}[[:space:]]*=[[:space:]]*\\([^#]*\\).*/\\1/p" "$answers" 2>/dev/null |
	head -n1 | sed 's/[[:space:]]*$//; s/%$//')
[ -n "$got" ] || result FAIL "no answer for $key in labs/frag/answers.txt"

# Rows of the engine-wide slabinfo: name active num ...
slabrows() { sed -n '/^\$ cat slabinfo$/,/^\$ /p' "$out" | awk '$1 ~ /^slab-/ { print $1, $2, $3 }'; }
idx_row() {	# idx_row unusable_index|extfrag_index ORDER
	sed -n '/^\$ cat b frag$/,/^\$ /p' "$out" |
		awk -v h="$1:" -v o="$2" '$0 == h { f = 1; next } f { print $(5 + o); exit }'
}
case $key in
use_lowest)
	want=$(slabrows | awk '$3 > 0 { u = int(100 * $2 / $3); if (!n++ || u < best) { best = u; name = $1 } } END { print name }') ;;
use_pct)
	want=$(slabrows | awk '$3 > 0 { u = int(100 * $2 / $3); if (!n++ || u < best) best = u } END { print best }')
	tol=1 ;;
free_slots)
	want=$(slabrows | awk '$3 > 0 { u = int(100 * $2 / $3); if (!n++ || u < best) { best = u; f = $3 - $2 } } END { print f }') ;;
unusable_3) want=$(idx_row unusable_index 3); tol=0.0015 ;;
extfrag_10) want=$(idx_row extfrag_index 10); tol=0.0015 ;;
largest_free_order)
	want=$(sed -n '/^\$ cat b buddyinfo$/{n;p}' "$out" | awk '{ for (o = 0; o <= 10; o++) if ($(5 + o) > 0) m = o; print m }') ;;
heap_extfrag)
	want=$(sed -n 's/^external fragmentation: \([0-9.]*\)%$/\1/p' "$out" | tail -n1); tol=0.15 ;;
heap_largest)
	want=$(sed -n 's/^largest free block: \([0-9]*\)$/\1/p' "$out" | tail -n1) ;;
*) result FAIL "unknown question $key" ;;
esac
[ -n "$want" ] || result FAIL "could not compute the expected value from the scenario"
if [ -n "${tol:-}" ]; then
	awk -v g="$got" -v w="$want" -v t="$tol" 'BEGIN {
		if (g !~ /^-?[0-9]+(\.[0-9]+)?$/) exit 2
		d = g - w; if (d < 0) d = -d; exit !(d <= t) }'
	case $? in
	0) result PASS ;;
	2) result FAIL "answer '$got' is not a number" ;;
	*) result FAIL "answer $got is not within $tol of the value this run produced" ;;
	esac
fi
[ "$got" = "$want" ] && result PASS
result FAIL "answer '$got' does not match what this run produced"
