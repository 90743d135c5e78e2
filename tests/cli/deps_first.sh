#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The first command on a new machine (make check, make bench) runs
# 'tools/deps --first': silent when every package is installed; for a user
# who cannot install, one line naming the command to run and exit 4;
# bad arguments exit 2. TAP on stdout.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/start.sh"
tap_plan 3

tools/deps --first >"$tmp/ok.out" 2>&1
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/ok.out" ]
ok $? "every package installed: --first is silent and exits 0 (got $rc)"

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	KMEMLAB_DEPS_EXTRA=kmemlab-no-such-package \
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		tools/deps --first >"$tmp/user.out" 2>&1
	rc=$?
	sed 's/^/# /' "$tmp/user.out"
	[ $rc -eq 4 ] && grep -q "must run as root to install: kmemlab-no-such-package" "$tmp/user.out" &&
		grep -q "run 'sudo make deps' once" "$tmp/user.out"
	ok $? "a package missing, not root: names the package and the command, exit 4 (got $rc)"
else
	skip "a package missing, not root: names the package and the command, exit 4" \
		"needs root and setpriv to become another user"
fi

tools/deps --nope >/dev/null 2>"$tmp/bad.err"
rc=$?
[ $rc -eq 2 ] && grep -q "unknown argument '--nope'" "$tmp/bad.err"
ok $? "an unknown argument exits 2 and names it (got $rc)"
tap_end
