#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernel mode of the CLI on the build host, where the module is never
# loaded: trace exits 4 (a precondition is missing) before running
# anything; and status/version against a stand-in debugfs directory
# (KMEMLAB_DEBUGFS_DIR) check the version pairing rule: the module's
# version is the tool's, else status says so and exits 1; status reads
# the kernel's config from KMEMLAB_KERNEL_CONFIG (set by the VM runner for
# a kernel that is not installed).
# TAP on stdout; exit 1 when a test fails.
#   tests/cli/kernel_host.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 8
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi

# --- trace without the module: exit 4, the command never runs --------------
if [ -e /sys/module/kmemlab ]; then
	skip "trace without the module exits 4" "the module is loaded here"
	skip "trace without the module names the reason" "the module is loaded here"
else
	$K trace -- touch "$tmp/ran" >"$tmp/tr.out" 2>"$tmp/tr.err"
	rc=$?
	show "$tmp/tr.err"
	ok $([ $rc -eq 4 ] && [ ! -e "$tmp/ran" ]; echo $?) \
		"trace -- CMD without the module exits 4 and does not run CMD (got $rc)"
	if [ "$(id -u)" = 0 ] && command -v trace-cmd >/dev/null; then
		ok $(grep -qx "kmemlab: trace: module not loaded: its kmemlab:\\* tracepoints are what trace records (insmod kmemlab.ko)" \
			"$tmp/tr.err"; echo $?) "trace without the module says why and what to do"
	else
		ok $(grep -q '^kmemlab: trace: ' "$tmp/tr.err"; echo $?) \
			"trace without root or trace-cmd says why"
	fi
fi

# --- the version pairing rule ------------------------------------------------
d=$tmp/debugfs
mkdir "$d"
: >"$d/control"
: >"$d/instances"
echo "context kind=kernel" >"$d/context"
tool=$($K --version | sed -n 's/^kmemlab tool //p')
echo "$tool (test)" >"$d/version"
KMEMLAB_DEBUGFS_DIR=$d $K status >"$tmp/st" 2>&1
rc=$?
show "$tmp/st"
ok $([ $rc -eq 0 ] && grep -qx "version: tool $tool, module $tool (test)" "$tmp/st"; echo $?) \
	"status: a module of the tool's version pairs (exit $rc)"

echo "0.0.1 (old)" >"$d/version"
KMEMLAB_DEBUGFS_DIR=$d $K status >"$tmp/st" 2>&1
rc=$?
ok $([ $rc -eq 1 ] && grep -qx "version: tool $tool, module 0.0.1 (old): not the tool's version: load the kmemlab.ko built from the same tree (make)" "$tmp/st"; echo $?) \
	"status: a module of another version is reported, exit 1 (got $rc)"
KMEMLAB_DEBUGFS_DIR=$d $K --json status >"$tmp/st.json" 2>/dev/null
ok $(grep -q '"module_version":"0.0.1 (old)","version_match":false' "$tmp/st.json"; echo $?) \
	"status --json: module_version and version_match"
KMEMLAB_DEBUGFS_DIR=$d $K version >"$tmp/ver" 2>&1
ok $(grep -qx "module: 0.0.1 (old) (not the tool's version: load the kmemlab.ko built from the same tree (make))" "$tmp/ver"; echo $?) \
	"version: names the module's version and the mismatch"

# (a setting on this machine's command line would win over any config)
if grep -qE 'init_on_alloc|slab_nomerge|slub_nomerge|slab_merge' /proc/cmdline; then
	skip "status reads \$KMEMLAB_KERNEL_CONFIG" "this machine's /proc/cmdline sets them"
	skip "a missing config is named" "this machine's /proc/cmdline sets them"
	tap_end
	exit
fi
printf 'CONFIG_X=y\nCONFIG_INIT_ON_ALLOC_DEFAULT_ON=y\n# CONFIG_SLAB_MERGE_DEFAULT is not set\n' >"$tmp/config"
KMEMLAB_KERNEL_CONFIG=$tmp/config KMEMLAB_DEBUGFS_DIR=$d $K status >"$tmp/st" 2>&1
show "$tmp/st"
grep -qx 'init_on_alloc: on (CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y)' "$tmp/st" &&
	grep -qx 'slab merging: off (CONFIG_SLAB_MERGE_DEFAULT=n)' "$tmp/st"
ok $? "status reads init_on_alloc and slab merging from \$KMEMLAB_KERNEL_CONFIG"
KMEMLAB_KERNEL_CONFIG=$tmp/none KMEMLAB_DEBUGFS_DIR=$d $K status >"$tmp/st" 2>&1
grep -qx "init_on_alloc: unknown (no cmdline setting, no $tmp/none)" "$tmp/st"
ok $? "a missing config is named"
tap_end
