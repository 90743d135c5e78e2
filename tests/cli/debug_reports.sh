#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The detectors of make check-debug, on saved kernel logs
# (tests/cli/data/reports/): every kind of report the debug kernel prints
# (KASAN, KFENCE, lockdep, sleeping in atomic context, debug objects, a
# hung task; kasan-boot.log and clean.log are the debug kernel's own
# console under TCG, the first with the report its 5-level paging gave in
# the boot: tools/check-debug boots with no5lvl) fails both the console
# check of tools/vm/kmemlab-vm
# (--check-log, exit 126) and the selftests' own check (kmlctl.py
# bad-lines, exit 1); a kmemleak report is kmemlab's when a frame names it
# or when a frame no longer resolves (the module was unloaded), and
# another subsystem's leak is not; a clean boot of the debug kernel passes
# both. Host only, no VM. TAP on stdout.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
d=tests/cli/data/reports
vm=tools/vm/kmemlab-vm
kmlctl="python3 tests/lib/kmlctl.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 20

for r in kasan kasan-boot kfence lockdep atomic-sleep odebug hung; do
	"$vm" --check-log "$d/$r.log" >"$tmp/out" 2>&1
	rc=$?
	ok $((rc != 126)) "console check fails on $r.log (exit $rc)"
	[ $rc = 126 ] || show "$tmp/out"
	$kmlctl bad-lines "$d/$r.log" >"$tmp/out" 2>&1
	rc=$?
	n=$(wc -l <"$tmp/out")
	ok $((rc != 1 || n == 0)) "selftest check fails on $r.log (exit $rc, $n line(s))"
done

for f in kmemleak-loaded kmemleak-unloaded; do
	$kmlctl kmemleak "$d/$f.txt" >"$tmp/out" 2>&1
	rc=$?
	ok $((rc != 1)) "kmemleak: $f.txt is kmemlab's (exit $rc)"
done
$kmlctl kmemleak "$d/kmemleak-others.txt" >"$tmp/out" 2>&1
rc=$?
ok $rc "kmemleak: a 9p leak is not kmemlab's (exit $rc)"
[ $rc = 0 ] || show "$tmp/out"
cat "$d/kmemleak-others.txt" "$d/kmemleak-unloaded.txt" >"$tmp/mixed"
$kmlctl kmemleak "$tmp/mixed" >"$tmp/out" 2>&1
rc=$?
n=$(grep -c '^unreferenced object' "$tmp/out")
ok $((rc != 1 || n != 1)) "kmemleak: of two reports only kmemlab's is kept ($n)"

"$vm" --check-log "$d/clean.log" >"$tmp/out" 2>&1
rc=$?
ok $rc "console check passes a clean debug kernel boot (exit $rc)"
[ $rc = 0 ] || show "$tmp/out"
$kmlctl bad-lines "$d/clean.log" >"$tmp/out" 2>&1
rc=$?
ok $rc "selftest check passes a clean debug kernel boot (exit $rc)"
[ $rc = 0 ] || show "$tmp/out"
tap_end
