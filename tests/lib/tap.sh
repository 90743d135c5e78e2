# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# TAP helpers shared by the shell tests (tests/cli/*.sh,
# tests/selftests/*.sh). Source it, then:
#   tap_plan N             print the header and the plan
#   ok STATUS DESCRIPTION  a result: STATUS 0 passes
#   skip DESCRIPTION WHY   a skipped result
#   show FILE...           files as TAP comments
#   tap_end                the closing comment; fails when a test failed
#                          or the count differs from the plan

tap_n=0
tap_fails=0
tap_planned=0

tap_plan() {
	tap_planned=$1
	echo "TAP version 13"
	echo "1..$tap_planned"
}

ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_fails=$((tap_fails + 1))
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

show() {
	sed 's/^/# /' "$@"
}

tap_end() {
	echo "# $((tap_n - tap_fails)) passed, $tap_fails failed"
	[ "$tap_n" -eq "$tap_planned" ] || echo "# planned $tap_planned, ran $tap_n"
	[ "$tap_fails" -eq 0 ] && [ "$tap_n" -eq "$tap_planned" ]
}
