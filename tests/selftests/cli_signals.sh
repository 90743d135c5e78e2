#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of the temporaries of 'kmemlab run' and 'kmemlab replay' when
# the tool is killed (docs/cli.md, "Temporaries"): every catchable signal
# that would end it (SIGTERM, SIGHUP as from a lost terminal, SIGINT) makes
# it destroy its instances and its trace and exit 128 + N, with the
# module's budget back to 0; after SIGKILL, which cannot be caught, the
# temporaries carry the dead process's pid and 'kmemlab cleanup' (or the
# next run) destroys them, never those of a process that is alive.
# TAP on stdout. Run as root in the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/selftest.sh"
tap_plan 14
selftest_root
selftest_insmod

temps() {	# the temporaries of 'run' that exist now
	grep -c '^r[0-9]-' $D/instances
}
budget() {	# bytes the module holds for its users
	sed -n 's/.* budget_used=\([0-9]*\).*/\1/p' $D/context
}
# wait_temps N: until N temporaries exist (at most 60 s); 0 when they do
wait_temps() {
	i=0
	while [ "$(temps)" -lt "$1" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(temps)" -ge "$1" ]
}
# start_run: a run of minutes on two backends in the background; sets pid
start_run() {
	$K -q run churn --backend slab,kmalloc --ops 100000000 --reps 1 \
		>"$tmp/run.out" 2>"$tmp/run.err" &
	pid=$!
	wait_temps 2
}

for sn in TERM:15 HUP:1 INT:2; do
	sig=${sn%:*}
	start_run
	started=$?
	names=$(grep -o "^r[0-9]-[a-z_-]*-pid$pid" $D/instances | tr '\n' ' ')
	sleep 1
	kill -$sig $pid
	wait $pid
	rc=$?
	want=$((128 + ${sn#*:}))
	sed 's/^/# /' "$tmp/run.err"
	[ $started -eq 0 ] && [ $rc -eq $want ] &&
		grep -q "^kmemlab: run: interrupted by SIG$sig: " "$tmp/run.err"
	ok $? "SIG$sig stops a run: exit $want (got $rc), says so"
	left=$(temps)
	used=$(budget)
	[ -n "$names" ] && [ "$left" -eq 0 ] && [ "$used" = 0 ]
	ok $? "SIG$sig: the temporaries ($names) are destroyed ($left left), budget_used=$used"
done

# A replay: its trace goes too (a trace of 1M ops, 60 reps: minutes).
awk 'BEGIN { print "kmemlab-trace 1"; for (i = 0; i < 500000; i++) print "a 0 64\nf 0" }' \
	>"$tmp/long.rep"
$K -q replay "$tmp/long.rep" --backend slab,kmalloc --reps 60 \
	>"$tmp/rep.out" 2>"$tmp/rep.err" &
pid=$!
wait_temps 2
sleep 1
kill -TERM $pid
wait $pid
rc=$?
sed 's/^/# /' "$tmp/rep.err"
traces=$($K exec 'trace list' 2>/dev/null | head -n 1)
[ $rc -eq 143 ] && [ "$(temps)" -eq 0 ] && [ "$traces" = "traces=0 ops=0" ]
ok $? "SIGTERM stops a replay: exit 143 (got $rc), no instance or trace left ($traces)"

# SIGKILL cannot be caught: the temporaries stay, named for the dead pid.
start_run
kill -KILL $pid
wait $pid 2>/dev/null
dead=$pid
sleep 1
n=$(grep -c -- "^r[0-9]-.*-pid$dead " $D/instances)
[ "$n" -eq 2 ] && [ "$(budget)" -gt 0 ]
ok $? "after SIGKILL the 2 temporaries of pid $dead are left ($n) with their budget"

# A temporary whose process is alive (one run at a time: a named one) stays.
sleep 600 &
live=$!
$K exec "create r0-slab-pid$live slab" >/dev/null
$K cleanup >"$tmp/clean.out" 2>"$tmp/clean.err"
rc=$?
sed 's/^/# /' "$tmp/clean.out" "$tmp/clean.err"
[ $rc -eq 0 ] && [ "$(grep -c -- "-pid$live " $D/instances)" -eq 1 ] &&
	! grep -q "pid$live" "$tmp/clean.out"
ok $? "cleanup leaves the temporary of a live process (pid $live) in place"
[ "$(grep -c "^destroyed r[0-9]-.*-pid$dead (.*) of process $dead, which is gone$" "$tmp/clean.out")" -eq 2 ] &&
	[ "$(tail -n 1 "$tmp/clean.out")" = "2 temporaries destroyed" ] &&
	[ "$(grep -c -- "-pid$dead " $D/instances)" -eq 0 ]
ok $? "cleanup destroys the 2 temporaries of the dead pid $dead, one line each"
kill $live
wait $live 2>/dev/null
$K -q cleanup >/dev/null 2>&1
[ "$(temps)" -eq 0 ] && [ "$(budget)" = 0 ]
ok $? "once that process is gone, cleanup destroys its temporary; budget_used=$(budget)"

# The next run reclaims what a killed one left before it starts.
start_run
kill -KILL $pid
wait $pid 2>/dev/null
dead=$pid
sleep 1
$K run churn --backend slab --ops 1000 --reps 1 >"$tmp/next.out" 2>"$tmp/next.err"
rc=$?
sed 's/^/# /' "$tmp/next.err"
[ $rc -eq 0 ] && [ "$(temps)" -eq 0 ] && [ "$(budget)" = 0 ] &&
	[ "$(grep -c "^kmemlab: destroyed r[0-9]-.*-pid$dead (.*) of process $dead, which is gone$" "$tmp/next.err")" -eq 2 ]
ok $? "the next run reclaims the temporaries of the killed one (exit $rc), says so, leaves nothing"

# A name that merely looks like one, and instances of users, are never touched.
$K exec 'create r0-slab slab' 'create mine slab' 'create r1-slab-pidx slab' >/dev/null
$K cleanup >"$tmp/clean2.out" 2>&1
[ "$(cat "$tmp/clean2.out")" = "0 temporaries destroyed" ] &&
	[ "$(grep -c '^\(r0-slab\|mine\|r1-slab-pidx\) ' $D/instances)" -eq 3 ]
ok $? "cleanup touches only names that carry a pid"
$K exec 'reset' >/dev/null

rmmod kmemlab
ok $? "rmmod after the runs (nothing left charged)"
tap_end
