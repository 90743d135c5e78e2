#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The tool's tests in sim mode again, with the tool built under
# AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer
# (build/san/kmemlab, 'make lib'): every error exit they take (bad
# options, unknown commands and backends, malformed traces, signals) must
# free what it allocated. A sanitizer report makes the tool exit 86, which
# no case expects, so the test that ran it fails. TAP on stdout.
#   tests/cli/sanitized.sh [PATH-TO-SANITIZED-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/build/san/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make lib)"
	exit 4
fi
tests="bad_inputs option_letters sim_views slab_counts kernel_host report_render signals record fault_sim ostep_random record_kernel"
set -- $tests
tap_plan $#

# No re-exec for jemalloc's static TLS: the sanitizer runtime is in the way.
export KMEMLAB_NO_REEXEC=1
export ASAN_OPTIONS=detect_leaks=1:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:exitcode=86
export LSAN_OPTIONS=suppressions=$top/tests/cli/data/lsan.supp:print_suppressions=0
# record: the tool runs under the sanitizers, the commands it records do
# not (they are built without them): the library is preloaded into those
# only, since an ASan program refuses a preload that comes before its
# runtime. The library is the one next to the tool of 'make'.
export KMEMLAB_RECORD_SHIM=$top/userspace/kmemlab-record.so
for t in $tests; do
	sh "tests/cli/$t.sh" "$K" >"$tmp/$t.tap" 2>&1
	rc=$?
	grep '^not ok' "$tmp/$t.tap" | sed 's/^/# /'
	[ $rc -eq 0 ] && ! grep -q '^not ok' "$tmp/$t.tap"
	ok $? "tests/cli/$t.sh under ASan, UBSan and LSan ($(tail -n 1 "$tmp/$t.tap" | sed 's/^# //'))"
done
tap_end
