#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of how a run ends (docs/interface.md 5.10, "stop"): a stop
# command ends it for good with a reply, even for a writer that retries
# EINTR (dash's echo does); job control (SIGSTOP, SIGCONT) of the writer
# loses nothing; a signal that is not job control still stops it with
# EINTR. TAP on stdout. Run as root in the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/selftest.sh"
C=/sys/kernel/debug/kmemlab/control
tap_plan 6
selftest_root
selftest_insmod
$K exec 'create s slab size=64' >/dev/null

# A run of minutes, written by dash's echo (which retries EINTR), stopped.
# shellcheck disable=SC2016  # expanded by the inner shell
timeout 120 sh -c 'exec 3<>"$1"; echo "run churn on=s ops=134217728" >&3; cat <&3' \
	sh "$C" >"$tmp/run.out" 2>"$tmp/run.err" &
pid=$!
sleep 3
echo stop >"$C"
wait $pid
rc=$?
tail -n 2 "$tmp/run.out" | sed 's/^/# /'
sed 's/^/# /' "$tmp/run.err"
[ $rc -eq 0 ] && grep -q '^end status=stopped cells=1 done=0 of=1$' "$tmp/run.out"
ok $? "stop ends a run for good with a reply, whatever the writer does with EINTR"

$K view instances | grep -q '^s slab .* busy=0 '
ok $? "the instance is idle again after the stop"

# The tool says so and exits 1.
$K -q run churn --on s --ops 134217728 --reps 1 >"$tmp/cli.out" 2>"$tmp/cli.err" &
pid=$!
sleep 3
echo stop >"$C"
wait $pid
rc=$?
sed 's/^/# /' "$tmp/cli.err"
[ $rc -eq 1 ] && grep -q "stopped by a 'stop' command after 0 of 1 cells" "$tmp/cli.err"
ok $? "kmemlab run reports the stop and exits 1 (got $rc)"

# Job control: stop and continue the writer during a run of a few seconds.
$K exec 'run churn on=s ops=3000000' >"$tmp/jc.out" 2>"$tmp/jc.err" &
pid=$!
sleep 1
kill -STOP $pid
sleep 2
kill -CONT $pid
wait $pid
rc=$?
sed 's/^/# /' "$tmp/jc.err"
[ $rc -eq 0 ] && grep -q '^end status=ok cells=1$' "$tmp/jc.out"
ok $? "SIGSTOP and SIGCONT of the writer lose nothing (exit $rc)"

# Any other signal still stops the run: EINTR, nothing published.
# shellcheck disable=SC2016
sh -c 'exec 3<>"$1"; echo "run churn on=s ops=134217728" >&3' \
	sh "$C" 2>"$tmp/sig.err" &
pid=$!
sleep 3
kill -TERM $pid
wait $pid
rc=$?
$K view instances | grep -q '^s slab .* busy=0 '
ok $(( $? || rc == 0 )) "SIGTERM to the writer stops the run (status $rc), the instance is idle"

rmmod kmemlab
ok $? "rmmod after stopped runs"
tap_end
