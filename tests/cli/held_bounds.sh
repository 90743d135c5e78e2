#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Sim mode: every backend on every workload and bundled trace reports a
# possible held memory and utilization (tests/lib/held_bounds.sh). TAP.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/start.sh"
. tests/lib/held_bounds.sh
S="userspace/kmemlab sim"
tap_plan $(($(held_bounds_count "$S") + 1))
held_bounds "$S" "$tmp"

# Placements that differ give figures that differ: on this trace best fit
# packs the heap and worst fit spreads it (held, then utilization).
$S -q replay traces/mixed-realloc.rep --backend best-fit,worst-fit --reps 1 --csv >"$tmp/fits.csv"
held_of() {	# held_of BACKEND: held_peak_bytes of its first row
	awk -F, -v b="$1" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["backend"] == b { print $c["held_peak_bytes"]; exit }' "$tmp/fits.csv"
}
best=$(held_of best-fit)
worst=$(held_of worst-fit)
show "$tmp/fits.csv"
[ -n "$best" ] && [ -n "$worst" ] && [ "$best" -lt "$worst" ]
ok $? "best fit holds less than worst fit on mixed-realloc.rep ($best < $worst bytes)"
tap_end
