#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The selftest runner's stall watchdog (tests/lib/stallwatch.sh), on the
# host with small programs: a program that ends keeps its status and
# output; one that prints nothing for the stall time is killed, reported
# as "not ok", and the kernel's stacks are asked for (here into files, not
# the host's SysRq); one that keeps printing is left alone however long it
# runs; a stall of 0 watches nothing. TAP on stdout, ~15 s.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 9

export KMEMLAB_SYSRQ="$tmp/sysrq" KMEMLAB_KMSG="$tmp/kmsg" KMEMLAB_STALL_POLL=1
stall=3
. tests/lib/stallwatch.sh

cat >"$tmp/ends" <<'P'
#!/bin/sh
echo "ok 1 - first"; sleep 1; echo "ok 2 - second"; exit 3
P
cat >"$tmp/hangs" <<'P'
#!/bin/sh
echo "ok 1 - before the hang"; while :; do sleep 1; done
P
cat >"$tmp/talks" <<'P'
#!/bin/sh
for i in 1 2 3 4 5 6; do echo "# still here $i"; sleep 1; done
P
cat >"$tmp/naps" <<'P'
#!/bin/sh
sleep 5; echo "ok 1 - after a nap"
P
chmod +x "$tmp/ends" "$tmp/hangs" "$tmp/talks" "$tmp/naps"

run_watched "$tmp/ends.tap" "$tmp/ends"
rc=$?
ok $((rc != 3)) "a program that ends keeps its status (3, got $rc)"
[ "$(grep -c '^ok' "$tmp/ends.tap")" = 2 ] && ! grep -q '^not ok' "$tmp/ends.tap"
ok $? "and its output, with no line added"

t0=$(date +%s)
run_watched "$tmp/hangs.tap" "$tmp/hangs"
rc=$?
dt=$(($(date +%s) - t0))
ok $((rc != 124)) "a program silent for the stall time is stopped (124, got $rc)"
ok $((dt < 3 || dt > 12)) "in about the stall time ($dt s for 3 s polled each second)"
grep -q '^not ok 1 hangs printed nothing for 3 s: stalled' "$tmp/hangs.tap"
ok $? "its TAP says it stalled"
[ "$(tr '\n' ' ' <"$tmp/sysrq" 2>/dev/null)" = "w l " ] &&
	grep -q 'hangs printed nothing for 3 s' "$tmp/kmsg"
ok $? "the blocked tasks and CPUs are asked for (SysRq w and l), and the log says why"
sleep 1
"$tmp/hangs" >/dev/null &
alive=$!
sleep 1
[ "$(pgrep -f "$tmp/hangs")" = "$alive" ]	# what is looked for: one, this one
st=$?
kill -9 $alive
wait $alive 2>/dev/null
ok $st "the stalled program is killed (no process of it left)"

run_watched "$tmp/talks.tap" "$tmp/talks"
rc=$?
ok $rc "a program that prints every second runs to its end (6 s, status $rc)"

stall=0
rm -f "$tmp/sysrq"
run_watched "$tmp/naps.tap" "$tmp/naps"
rc=$?
[ $rc = 0 ] && grep -q '^ok 1 - after a nap' "$tmp/naps.tap" && [ ! -e "$tmp/sysrq" ]
ok $? "a stall of 0 watches nothing (a 5 s silence, status $rc)"

tap_end
