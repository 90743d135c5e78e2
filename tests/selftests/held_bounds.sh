#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernel mode: every backend of the module, ours and the kernel's, on
# every workload and bundled trace reports a possible held memory and
# utilization (tests/lib/held_bounds.sh). TAP on stdout. Run as root in
# the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/selftest.sh"
. tests/lib/held_bounds.sh
selftest_root
selftest_insmod
tap_plan "$(held_bounds_count "$K")"
held_bounds "$K" "$tmp"
rmmod kmemlab
tap_end
