#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest fuzzer under guest memory pressure: a hog process holds the
# guest's memory down until only RESERVE MiB stay available (MemAvailable
# of /proc/meminfo; it takes and gives back 8 MiB at a time as the rest of
# the guest breathes), while tests/fuzz/kfuzz.py runs its commands (no
# page-source fault injection: every ENOMEM is the budget's or the kernel's). Passes
# when the fuzzer passes (replies, validate, budget, rmmod, kernel log)
# and the guest's OOM killer killed nothing: the hog never asks for more
# than what is available and the module's budget is half the reserve, so
# an OOM kill means the module took memory it did not account for or
# called the OOM killer rather than failed. The hog has oom_score_adj
# 1000, so that if one happens it is the victim, not a kmemlab process.
# Root in the VM:
#   tools/vm/kmemlab-vm --mem 512 -- tests/fuzz/pressure.sh [RESERVE_MB]
# KMEMLAB_FUZZ_COUNT commands (default 20000), KMEMLAB_FUZZ_SEED (7).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
reserve=${1:-48}
count=${KMEMLAB_FUZZ_COUNT:-20000}
state=$(mktemp -d)
trap 'kill "$hog" 2>/dev/null; rm -rf "$state"' EXIT

grep -E '^(MemTotal|MemAvailable):' /proc/meminfo | sed 's/^/# before: /'
python3 - "$reserve" "$state" <<'PY' &
import os, sys, time
reserve, state = int(sys.argv[1]) << 20, sys.argv[2]
with open("/proc/self/oom_score_adj", "w") as f:
    f.write("1000")
CH = 8 << 20
held, low, peak = [], 1 << 62, 0
def avail():
    with open("/proc/meminfo") as f:
        for l in f:
            if l.startswith("MemAvailable:"):
                return int(l.split()[1]) << 10
while True:
    a = avail()
    low = min(low, a)
    if a > reserve + CH:
        held.append(b"\1" * CH)		# written: resident
    elif a < reserve // 2 and held:
        held.pop()
    else:
        time.sleep(0.1)
    peak = max(peak, len(held))
    with open(state + "/hog.tmp", "w") as f:
        f.write("held_mib=%d peak_mib=%d min_available_mib=%d\n"
                % (len(held) * 8, peak * 8, low >> 20))
    os.replace(state + "/hog.tmp", state + "/hog")
PY
hog=$!
# let the hog reach the reserve before the fuzzer starts
for _ in $(seq 600); do
	[ -e "$state/hog" ] && [ "$(sed 's/.*peak_mib=\([0-9]*\).*/\1/' "$state/hog")" -gt 0 ] &&
		awk '/^MemAvailable:/ { exit !($2 < '"$(((reserve + 16) * 1024))"') }' /proc/meminfo &&
		break
	sleep 0.5
done
sed 's/^/# hog before the fuzzer: /' "$state/hog"

# The module's budget is half the reserve: what it takes for pools and the
# real allocators' objects can never use up what the hog leaves, so an OOM
# kill means memory the module did not account for (or an allocation of
# its own that called the OOM killer instead of failing).
budget=$((reserve / 2))
insmod "${KMEMLAB_KO:-$top/kmemlab.ko}" max_pool_mb=$budget || exit 1
echo "# module budget: max_pool_mb=$budget"
# TAP: the fuzzer's test 1 (its plan dropped), then the OOM check, 2.
python3 tests/fuzz/kfuzz.py --tap --save-dir build/kfuzz --count "$count" \
	--seed "${KMEMLAB_FUZZ_SEED:-7}" | sed '/^1\.\.[0-9]*$/d'
rc=${PIPESTATUS[0]}
sed 's/^/# hog at the end: /' "$state/hog"
kill "$hog" 2>/dev/null
wait "$hog" 2>/dev/null
if dmesg | grep -E 'Out of memory|oom-kill|invoked oom-killer' >"$state/oom"; then
	echo "# the OOM killer ran:"
	sed 's/^/# /' "$state/oom"
	echo "not ok 2 - pressure: the OOM killer ran (reserve ${reserve} MiB)"
	rc=1
else
	echo "ok 2 - pressure: no OOM kill (reserve ${reserve} MiB)"
fi
echo "1..2"
exit $rc
