#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernel mode: every backend of the module, ours and the kernel's, on
# every workload and bundled trace reports a possible held memory and
# utilization (tests/lib/held_bounds.sh). TAP on stdout. Run as root in
# the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=userspace/kmemlab
ko=${KMEMLAB_KO:-$top/kmemlab.ko}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
. tests/lib/held_bounds.sh
if [ "$(id -u)" != 0 ] || [ ! -x "$K" ]; then
	echo "# SKIP: needs root and $K"
	exit 4
fi
grep -q '^kmemlab ' /proc/modules && rmmod kmemlab
if ! insmod "$ko"; then
	echo "not ok 1 - insmod $ko"
	exit 1
fi
tap_plan "$(held_bounds_count "$K")"
held_bounds "$K" "$tmp"
rmmod kmemlab
tap_end
