#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# How 'kmemlab sim run' and 'kmemlab sim replay' end on a signal
# (docs/cli.md, "Temporaries"): SIGTERM, SIGHUP (a lost terminal), SIGINT
# and SIGPIPE stop the run, the tool says so and exits 128 + N; in sim mode
# the engine dies with the process, so 'cleanup' has nothing to do. The
# kernel side (instances and budget left in the module) is
# tests/selftests/cli_signals.sh. TAP on stdout.
#   tests/cli/signals.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi
tap_plan 6

# The tool keeps a signal its caller ignored ignored (nohup): give each run
# the default dispositions, whatever this script inherited.
D=
env --default-signal=HUP true 2>/dev/null && D="env --default-signal=HUP,INT,TERM,PIPE"

for sn in TERM:15 HUP:1 INT:2 PIPE:13; do
	sig=${sn%:*}
	$D $K -q sim run churn --backend slab,glibc --ops 134217728 --reps 1 \
		>"$tmp/out" 2>"$tmp/err" &
	pid=$!
	sleep 1
	kill -$sig $pid
	wait $pid
	rc=$?
	want=$((128 + ${sn#*:}))
	sed 's/^/# /' "$tmp/err"
	[ $rc -eq $want ] && [ ! -s "$tmp/out" ] &&
		grep -q "^kmemlab: run: interrupted by SIG$sig: the run was stopped" "$tmp/err"
	ok $? "SIG$sig stops a sim run, says so, exits $want (got $rc)"
done

awk 'BEGIN { print "kmemlab-trace 1"; for (i = 0; i < 500000; i++) print "a 0 64\nf 0" }' \
	>"$tmp/long.rep"
$D $K -q sim replay "$tmp/long.rep" --backend slab,glibc --reps 60 >"$tmp/out" 2>"$tmp/err" &
pid=$!
# the tool reads and checks the 10^6-line trace before its run starts
sleep 3
kill -TERM $pid
wait $pid
rc=$?
sed 's/^/# /' "$tmp/err"
[ $rc -eq 143 ] && grep -q '^kmemlab: replay: interrupted by SIGTERM: ' "$tmp/err"
ok $? "SIGTERM stops a sim replay, exits 143 (got $rc)"

$K sim cleanup >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$tmp/out")" = "0 temporaries destroyed" ] && [ ! -s "$tmp/err" ]
ok $? "sim cleanup has nothing to do (exit $rc)"
tap_end
