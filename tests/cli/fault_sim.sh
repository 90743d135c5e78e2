#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The simulator's fault injection from the command line (KMEMLAB_SIM_FAULT,
# docs/interface.md 2.5): a sweep of fail-every-Nth over the page source
# and metadata while `kmemlab sim exec --keep-going` runs every command
# kind; each run exits 0 or 1 (never a crash: 86 is a sanitizer report
# with tests/cli/sanitized.sh), every failed command is one
# "kmemlab: CMD: reason" line, and injected ENOMEMs say so. A bad setting
# is a usage error naming the word. TAP on stdout.
#   tests/cli/fault_sim.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 5

set -- "create b buddy pool=16M" "create s slab pool=4M" \
	"create h first-fit pool=64K" "create g segregated pool=64K" \
	"alloc s 100" "alloc h 200" "alloc b 4096" "handles s" "free s 0" \
	"shrink s" "run churn on=s ops=300" "run sizes on=h,g ops=200 max=2000" \
	"run pages on=b ops=200 maxorder=3" "validate b" "validate s" \
	"validate h" "destroy h"

bad=0
injected=0
for where in pages pages+meta; do
	for n in 1 2 3 4 5 6 7 8 9 10 11 12 16 20 30 40; do
		KMEMLAB_SIM_FAULT="nth=$n where=$where" "$K" sim exec --keep-going "$@" \
			>"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
			echo "# nth=$n where=$where: exit $rc"
			sed 's/^/#   /' "$tmp/err" | head -n 20
			bad=$((bad + 1))
		fi
		# every stderr line is one failed command with its reason
		if grep -v '^kmemlab: [a-z].*: ' "$tmp/err" | grep -q .; then
			echo "# nth=$n where=$where: unexpected stderr:"
			sed 's/^/#   /' "$tmp/err" | head -n 20
			bad=$((bad + 1))
		fi
		# an ENOMEM under injection says so
		if grep 'ENOMEM\|could not allocate\|out of memory' "$tmp/err" |
			grep -qv 'fault injection: '; then
			echo "# nth=$n where=$where: an ENOMEM without the injection note:"
			grep 'ENOMEM\|out of memory' "$tmp/err" | sed 's/^/#   /'
			bad=$((bad + 1))
		fi
		for x in $(sed -n 's/.*(fault injection: \([0-9]*\) allocation.*/\1/p' "$tmp/err"); do
			injected=$((injected + x))
		done
	done
done
ok "$bad" "fail every Nth (32 settings, pages and pages+meta): exit 0 or 1, one reason per failed command"
[ "$injected" -ge 32 ]
ok $? "failures were injected and reported ($injected in all)"

KMEMLAB_SIM_FAULT="nth=2 bogus=1" "$K" sim view backends >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "KMEMLAB_SIM_FAULT: bad setting .*'bogus=1'" "$tmp/err"
ok $? "a bad setting: exit 2 naming the word"

KMEMLAB_SIM_FAULT="nth=1" "$K" sim exec "create b buddy pool=8M" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] &&
	grep -q "(fault injection: 1 allocation(s) failed on purpose while this command ran; view 'fault')" "$tmp/err"
ok $? "nth=1: create fails and the reply says the failure was injected"
KMEMLAB_SIM_FAULT="nth=3 where=meta" "$K" sim view fault >"$tmp/out" 2>&1
grep -qx 'fault nth=3 prob=0 where=meta seed=0 pages_calls=0 pages_injected=0 meta_calls=[0-9]* meta_injected=[0-9]*' "$tmp/out"
ok $? "kmemlab sim view fault: the settings and counters"
tap_end
