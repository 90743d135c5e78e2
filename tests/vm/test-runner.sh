#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tests for tools/vm/kmemlab-vm; prints TAP, exits 1 if any test failed.
# Each boot costs ~4 s under TCG, so it boots five times only:
#   boot 1  `true`                      exit 0, wall time of boot+true
#   boot 2  one shell doing it all      exit 3, stdout/stderr, argv, cwd,
#                                       a file written back, KMEMLAB_ACCEL
#   boot 3  provoke a kernel stack dump exit 126, offending lines printed
#   boot 4  --boot-timeout 1            exit 125, "boot failed"
#   boot 5  --boot-silence 1, a silent  exit 125, "boot failed"
#           console (loglevel=0)
# Extra runner options may be given in KMEMLAB_VM_TEST_OPTS (e.g.
# "--accel tcg").

set -u

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
tree=$(cd -- "$here/../.." && pwd -P)
vm=$tree/tools/vm/kmemlab-vm
read -r -a opts <<<"${KMEMLAB_VM_TEST_OPTS:-}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test-runner.XXXXXX") || exit 1
# The guest writes into a scratch directory inside the work tree (the only
# host directory it can write), which is also the cwd of boot 2.
scratch=$(mktemp -d "$here/.scratch.XXXXXX") || exit 1
trap 'rm -rf "$tmp" "$scratch"' EXIT

n=0
failed=0
ok() {	# ok CONDITION-STATUS DESCRIPTION
	n=$((n + 1))
	if [[ $1 == 0 ]]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
# Show a boot's output as TAP diagnostics when a check on it fails.
diag() { sed 's/^/# /' "$@"; }
# run NAME ARGS...: run the runner; status in $rc, output in $tmp/NAME.{out,err}
run() {
	local name=$1
	shift
	"$vm" "${opts[@]}" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	return "$rc"
}
accel_of() { sed -n 's/^kmemlab-vm: accel: //p' "$1" | tail -n 1; }

echo "TAP version 13"
echo "1..19"

# --- no boot: usage
"$vm" --no-such-option -- true >/dev/null 2>"$tmp/usage.err"
rc=$?
[[ $rc == 2 ]] && grep -q '^kmemlab-vm: ' "$tmp/usage.err"
ok $? "a bad option is a usage error (exit 2, got $rc)"

"$vm" --help >"$tmp/help.out" 2>&1
rc=$?
missing=
for o in --cpus --mem --timeout --boot-timeout --boot-silence --kernel --append --accel --check-log --help; do
	grep -q -- "$o" "$tmp/help.out" || missing+=" $o"
done
[[ $rc == 0 && -z $missing ]]
ok $? "--help exits 0 and lists every option${missing:+ (missing:$missing)}"

# --- no boot: the kernel log check (--check-log) on saved log lines
# A module's message that contains a report's word is not a report.
printf '%s\n' '[    1.000000] kmemlab: DEBUG: cpu:0' \
	'[    1.100000] kmemlab: loaded (DEBUG: BUG: is a word here)' \
	'[    1.200000] foo: NO WARNING: seen, no Call Trace: either' >"$tmp/quiet.log"
"$vm" --check-log "$tmp/quiet.log" >/dev/null 2>"$tmp/quiet.err"
rc=$?
((rc == 0)) || diag "$tmp/quiet.err"
ok $rc "a log line containing DEBUG: (not at the start of a message) is no BUG: (got $rc)"

# Each of the kernel's reports fails the check.
bad=0
while IFS= read -r line; do
	printf '%s\n' '[    0.900000] kmemlab: DEBUG: cpu:0' "$line" >"$tmp/bad.log"
	"$vm" --check-log "$tmp/bad.log" >/dev/null 2>"$tmp/bad.err"
	rc=$?
	if ((rc != 126)) || ! grep -qF -- "$line" "$tmp/bad.err"; then
		echo "# not flagged (exit $rc): $line"
		bad=1
	fi
done <<'REPORTS'
[    1.000000] BUG: kernel NULL pointer dereference, address: 0000000000000000
[    1.000000] kernel BUG at mm/slub.c:42!
[    2.500000] WARNING: CPU: 0 PID: 1 at mm/slub.c:100 kmem_cache_free+0x1/0x2
[    2.500000][  T123] Call Trace:
[    3.000000] Oops: 0002 [#1] PREEMPT SMP NOPTI
[    3.000000] general protection fault, probably for non-canonical address
[   22.000000] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [kworker/0:1:12]
[    4.000000] kmemlab: ERROR: slab-64: double free of 000000001234abcd
BUG: without a time stamp
REPORTS
ok $bad "each kernel report (BUG:, WARNING:, Oops, Call Trace:, ...) fails the check with 126"

# An int3 trap on a byte that no longer holds int3 (cc) is an emulator
# fault (125, named); on a byte that still does, or after another report,
# it is a kernel report like the others (126).
int3_log() {	# int3_log FIRST-LINE OOPS-LINE TRAPPING-BYTE
	printf '%s\n' "$1" "$2" \
		'[  291.860054] RIP: 0010:__schedule+0x34e/0xc00' \
		"[  291.860054] Code: 82 48 89 45 b8 0f 85 52 07 00 00 41 83 7d 68 01 ba 01 00 00 00 75 0d 31 d2 41 80 bd d1 00 00 00 00 0f 95 c2 e9 75 03 00 00 $3 <1f> 44 00 00 49 8b 84 24 88 0a" \
		'[  291.860054] Call Trace:' '[  291.860054]  <TASK>'
}
q='[  290.000000] kmemlab: loaded'
int3_log "$q" '[  291.860015] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI' 0f >"$tmp/i1.log"
int3_log "$q" '[  291.860015] int3: 0000 [#1] PREEMPT SMP NOPTI' 0f >"$tmp/i2.log"
int3_log "$q" '[  291.860015] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI' cc >"$tmp/i3.log"
int3_log '[  290.000000] WARNING: CPU: 1 PID: 9 at kernel/x.c:1 f+0x1/0x2' \
	'[  291.860015] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI' 0f >"$tmp/i4.log"
got=
for i in 1 2 3 4; do
	"$vm" --check-log "$tmp/i$i.log" >/dev/null 2>"$tmp/i$i.err"
	got+=" $?"
	grep -q '^kmemlab-vm: emulator fault: .*int3: 0000 \[#1\].*is 0f now' "$tmp/i$i.err" &&
		got+=+
done
[[ $got == " 125+ 125+ 126 126" ]]
ok $? "a stale int3 first is an emulator fault (125, named; 6.12 and 6.1 texts); a live int3 or one after a WARNING: is 126 (got$got)"

"$vm" --check-log "$tmp/no-such.log" >/dev/null 2>&1
rc=$?
[[ $rc == 2 ]]
ok $? "--check-log of a missing file is a usage error (exit 2, got $rc)"

# --- boot 1: true
t0=${EPOCHREALTIME//[!0-9]/}
run true -- true
t1=${EPOCHREALTIME//[!0-9]/}
[[ $rc == 0 ]]
st=$?
((st == 0)) || diag "$tmp/true.err"
ok $st "kmemlab-vm -- true exits 0 (got $rc)"
us=$((10#$t1 - 10#$t0))
printf '# boot+true: %d.%d s (%s)\n' $((us / 1000000)) $((us / 100000 % 10)) \
	"$(accel_of "$tmp/true.err")"

# --- boot 2: exit status, streams, argv, cwd, write-back, accel
# shellcheck disable=SC2016  # expanded by the guest's shell
script='echo out; echo err >&2
printf "%s|" "$@"; echo
echo "cwd=$(pwd)"
echo "accel=${KMEMLAB_ACCEL-unset} vm=${KMEMLAB_VM-unset}"
echo "host_tty=[${KMEMLAB_HOST_TTY-unset}]"
echo written-in-guest >guest-file
exit 3'
# shellcheck disable=SC2016  # a literal $HOME, to see it arrive unexpanded
(cd "$scratch" && run all -- sh -c "$script" sh 'a b' c "it's" '$HOME' '*')
rc=$?	# (the subshell's status is the runner's)
[[ $rc == 3 ]]
st=$?
((st == 0)) || diag "$tmp/all.err"
ok $st "the command's exit status comes back (sh -c 'exit 3' -> $rc)"

grep -qx out "$tmp/all.out" && ! grep -q err "$tmp/all.out" &&
	grep -qx err "$tmp/all.err" && ! grep -qx out "$tmp/all.err"
ok $? "stdout and stderr arrive separately"

grep -qxF "a b|c|it's|\$HOME|*|" "$tmp/all.out"
st=$?
((st == 0)) || diag "$tmp/all.out"
ok $st "arguments with spaces and quotes survive"

grep -qxF "cwd=$scratch" "$tmp/all.out"
ok $? "the command runs in the caller's directory inside the work tree"

[[ "$(cat "$scratch/guest-file" 2>/dev/null)" == written-in-guest ]]
ok $? "a file written by the guest is visible on the host"

accel=$(accel_of "$tmp/all.err")
[[ -n $accel ]] && grep -qxF "accel=$accel vm=1" "$tmp/all.out"
ok $? "KMEMLAB_ACCEL (${accel:-none printed}) and KMEMLAB_VM=1 are set in the guest"

# the guest's streams are serial ttys; ours are files here, and the guest
# is told so (no spinner or colour lands in a log)
grep -qxF "host_tty=[]" "$tmp/all.out"
ok $? "KMEMLAB_HOST_TTY says that neither host stream is a terminal"

# --- boot 3: a kernel problem fails an otherwise successful command
# A stock Debian kernel has no LKDTM and no test module that WARNs, but
# SysRq "l" (show backtrace of all active CPUs) makes the CPU that handles
# the write call dump_stack(), which prints "Call Trace:" into the kernel
# log every time. Root may write /proc/sysrq-trigger whatever the
# kernel.sysrq mask says, and the VM's loglevel=7 puts it on the console.
run warn -- sh -c 'echo l >/proc/sysrq-trigger && echo sysrq-done'
[[ $rc == 126 ]] && grep -qx sysrq-done "$tmp/warn.out"
st=$?
((st == 0)) || diag "$tmp/warn.err"
ok $st "a kernel stack dump fails a successful command with 126 (got $rc)"

grep -q 'kernel log shows problems' "$tmp/warn.err" &&
	grep -q 'Call Trace:' "$tmp/warn.err"
ok $? "the offending kernel log lines are printed"

log=$(sed -n 's/^kmemlab-vm: kernel log: //p' "$tmp/warn.err")
[[ -n $log && -s $log ]] && grep -q 'Call Trace:' "$log"
ok $? "the kernel log is saved and named (${log:-none})"

# --- boot 4: a boot that cannot start the command in time (1 s: no
# kernel gets there) is a boot failure, 125, saying so
run slow --boot-timeout 1 -- true
st=1
[[ $rc == 125 ]] && grep -q '^kmemlab-vm: boot failed: CMD had not started after 1 s' "$tmp/slow.err" &&
	st=0
((st == 0)) || diag "$tmp/slow.err"
ok $st "--boot-timeout: a command not started in time is a boot failure (125, got $rc)"

# --- boot 5: a console that prints nothing for 1 s before the command
# starts (loglevel=0: the kernel prints nothing) is a boot failure, 125
run silent --boot-silence 1 --append loglevel=0 -- true
st=1
[[ $rc == 125 ]] && grep -q '^kmemlab-vm: boot failed: the console printed nothing for 1 s before CMD started' "$tmp/silent.err" &&
	st=0
((st == 0)) || diag "$tmp/silent.err"
ok $st "--boot-silence: an early boot that prints nothing is a boot failure (125, got $rc)"

echo "# $((n - failed)) passed, $failed failed"
((failed == 0))
