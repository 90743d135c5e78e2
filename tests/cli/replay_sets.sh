#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tools/replay-sets, which measures a public trace set: every trace under
# the folders is replayed or refused with its FILE:LINE reason, the counts
# are right, and the exit status says whether all replayed; a 15-213-style
# giant trace replays (its requests are failures, not errors); bad usage
# exits 2. TAP on stdout; exit 1 when a test fails.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/start.sh"
tap_plan 5
if [ ! -x userspace/kmemlab ]; then
	echo "# SKIP: userspace/kmemlab not built (make userspace)"
	exit 4
fi

mkdir -p "$tmp/set/sub"
cp traces/short-crlf.rep "$tmp/set/a.rep"
cp tests/cli/data/giant.rep "$tmp/set/sub/giant.rep"
printf '20000\n2\n2\n1\na 0 8\na 1\n' >"$tmp/set/sub/broken.rep"
tools/replay-sets -b first-fit,slab "$tmp/set" >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/out" "$tmp/err"
ok $([ $rc -eq 1 ]; echo $?) "a set with a malformed trace exits 1 (got $rc)"
grep -qx "ok       $tmp/set/a.rep" "$tmp/out" &&
	grep -qx "ok       $tmp/set/sub/giant.rep" "$tmp/out"
ok $? "the good trace and the giant one replay"
grep -qx "refused  $tmp/set/sub/broken.rep (exit 1): kmemlab: $tmp/set/sub/broken.rep:6: missing size" "$tmp/out"
ok $? "the malformed one is refused with its file and line"
grep -qx "# in all: 2 of 3 traces replayed" "$tmp/out"
ok $? "the counts"

rm "$tmp/set/sub/broken.rep"
tools/replay-sets -b slab "$tmp/set" >"$tmp/out" 2>&1 &&
	tools/replay-sets --timeout x "$tmp/set" >"$tmp/out2" 2>&1
rc=$?
show "$tmp/out2"
ok $([ $rc -eq 2 ] && grep -q "^replay-sets: --timeout 'x'" "$tmp/out2"; echo $?) \
	"all replayed exits 0; a bad --timeout exits 2 naming it (got $rc)"
tap_end
