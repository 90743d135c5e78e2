# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# The start shared by the shell selftests (tests/selftests/*.sh), which run
# as root in the VM against the real module (tests/selftests/run). Set
# top, then source this file:
#   top=$(cd "$(dirname "$0")/../.." && pwd)
#   . "$top/tests/lib/selftest.sh"
# It does what tests/lib/start.sh does (enters $top, sources tap.sh, sets
# tmp, a scratch directory removed on exit) and sets
#   K    the CLI, userspace/kmemlab (an absolute path)
#   D    the module's debugfs directory
#   ko   the module under test: $KMEMLAB_KO (make matrix builds one per
#        kernel), else kmemlab.ko of the work tree
# and gives
#   selftest_root          exit 4 (SKIP) unless root with $K built; then
#                          unload any kmemlab left loaded
#   selftest_insmod [ARG]  load $ko with module parameters ARG, or end
#                          the test with "not ok"
#   run CMD...             kmemlab exec CMD...: stdout in $tmp/out, stderr
#                          in $tmp/err and shown as comments; its status
#   budget_used            bytes of the module's budget in use

: "${top:?set top before sourcing tests/lib/selftest.sh}"
. "$top/tests/lib/start.sh"
K=$top/userspace/kmemlab
D=/sys/kernel/debug/kmemlab
ko=${KMEMLAB_KO:-$top/kmemlab.ko}

selftest_root() {
	if [ "$(id -u)" != 0 ] || [ ! -x "$K" ]; then
		echo "# SKIP: needs root and $K"
		exit 4
	fi
	if grep -q '^kmemlab ' /proc/modules; then
		rmmod kmemlab
	fi
}

selftest_insmod() {
	if ! insmod "$ko" "$@"; then
		echo "not ok 1 - insmod $ko $*"
		exit 1
	fi
}

run() {
	"$K" exec "$@" >"$tmp/out" 2>"$tmp/err"
	r=$?
	sed 's/^/# /' "$tmp/err"
	return $r
}

budget_used() {
	sed -n 's/.* budget_used=\([0-9]*\).*/\1/p' "$D/context"
}
