# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# The memory figures are possible for every backend on every bundled
# workload (docs/metrics.md, "held"): in every rep that had no failed
# allocation, held >= payload, and 0 <= utilization <= 100 %; a backend
# whose held memory cannot be known says n/a for held and utilization.
# Source tests/lib/tap.sh first; then
#   held_bounds TOOL TMPDIR
# runs every workload of the engine's table (and a replay of every bundled
# trace) on every backend the tool's engine lists, one backend at a time,
# (our slab once per per-CPU tier: freelist, sheaves, magazine), and
# prints one TAP result per workload. TOOL is "userspace/kmemlab sim"
# or "userspace/kmemlab". held_bounds_count prints how many results that
# is, for the plan.

held_bounds_traces() {
	ls traces/*.rep 2>/dev/null
}

held_bounds_count() {
	echo $(($(held_bounds_workloads "$1" | wc -w) + $(held_bounds_traces | wc -l)))
}

# The workloads of the engine's table that do not replay a trace.
held_bounds_workloads() {
	$1 view workloads | sed -n 's/^workload name=\([^ ]*\) keys=\([^ ]*\).*/\1 \2/p' |
		awk '$2 !~ /(^|,)trace(,|$)/ { print $1 }'
}

# Check the CSV rows of one run; prints the offending rows.
held_bounds_check() {
	awk -F, 'NR == 1 {
		for (i = 1; i <= NF; i++) col[$i] = i
		next
	}
	{
		fail = $col["failures"] + 0; req = $col["requested_peak_bytes"]
		held = $col["held_peak_bytes"]; util = $col["utilization_pct"]
		bad = ""
		if (held == "" && util != "") bad = "utilization without held"
		if (held != "" && fail == 0 && held + 0 < req + 0) bad = "held < payload"
		if (util != "" && (util + 0 < 0 || util + 0 > 100)) bad = "utilization out of 0..100"
		if (bad != "") { print bad ": " $0; n++ }
		rows++
	}
	END { if (!rows) print "no result row"; exit (n > 0 || !rows) }' "$1"
}

held_bounds() {
	tool=$1
	dir=$2
	# our slab once per tier: slab/TIER runs --backend slab --tier TIER
	backends=$($tool view backends | awk '$1 == "slab" {
		print "slab/freelist slab/sheaves slab/magazine"; next } { print $1 }')
	for w in $(held_bounds_workloads "$tool") $(held_bounds_traces); do
		rc=0 ran=0 tiers=
		: >"$dir/hb.err"
		for bt in $backends; do
			b=${bt%%/*}
			tier=
			[ "$b" = "$bt" ] || tier="--tier ${bt#*/}"
			# a backend that cannot serve the workload is refused
			# by the engine (exit 1 with its reason): not a figure
			if [ -f "$w" ]; then
				# shellcheck disable=SC2086 # $tier: zero or two words
				$tool -q replay "$w" --backend "$b" $tier --reps 2 --csv \
					>"$dir/hb.csv" 2>>"$dir/hb.err" || continue
			else
				# shellcheck disable=SC2086 # $tier: zero or two words
				$tool -q run "$w" --backend "$b" $tier --ops 3000 --reps 2 --csv \
					>"$dir/hb.csv" 2>>"$dir/hb.err" || continue
			fi
			ran=$((ran + 1))
			[ -z "$tier" ] || tiers="$tiers ${bt#*/}"
			held_bounds_check "$dir/hb.csv" >>"$dir/hb.err" ||
				{ echo "  ($bt)" >>"$dir/hb.err"; rc=1; }
		done
		[ $ran -ge 2 ] || { echo "only $ran backends ran" >>"$dir/hb.err"; rc=1; }
		# the slab runs with all three tiers or with none
		case "$tiers" in
		"" | " freelist sheaves magazine") ;;
		*) echo "slab ran with tiers:$tiers (expected all three or none)" >>"$dir/hb.err"
		   rc=1 ;;
		esac
		[ $rc -eq 0 ] || show "$dir/hb.err"
		ok $rc "held >= payload and 0 <= utilization <= 100 % on $w ($ran backends; slab tiers:${tiers:- none})"
	done
}
