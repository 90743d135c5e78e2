#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kmemlab top on a real pseudo-terminal (script(1) from util-linux): with
# its stdin not a terminal (the VM runner's /dev/null) it waits -d between
# frames instead of spinning; its header fits 80 columns with the keys in
# it; 'h' shows the keys and any key returns; 'q' quits. Sim mode. TAP.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=$top/userspace/kmemlab
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 4
if ! command -v script >/dev/null; then
	echo "# SKIP: no script(1) (util-linux)"
	exit 4
fi
export TERM=xterm COLUMNS=80 LINES=24

t0=$(date +%s%N)
script -qec "stty cols 80 rows 24; $K -q sim top -d 1 -i 3 </dev/null" /dev/null \
	>"$tmp/nokeys.out" 2>&1
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "# 3 frames 1 s apart without a keyboard: $ms ms"
[ $rc -eq 0 ] && [ $ms -ge 1800 ]
ok $? "stdin not a terminal: -d is honoured, no busy loop (3 frames in $ms ms, exit $rc)"

grep -aq 'kmemlab top  ours 0  real 0  every 1.000s  sort [a-z_]*  h help  q quit' "$tmp/nokeys.out"
ok $? "the header fits 80 columns and names the keys"

(sleep 1; printf h; sleep 1; printf x; sleep 1; printf q; sleep 1) |
	timeout 30 script -qec "stty cols 80 rows 24; $K -q sim top -d 5" /dev/null \
	>"$tmp/keys.out" 2>&1
rc=$?
grep -aq 'this help (any key returns)' "$tmp/keys.out"
ok $? "h shows the keys"
[ $rc -eq 0 ]
ok $? "any key leaves the help, q quits (exit $rc, not the 30 s time-out)"
tap_end
