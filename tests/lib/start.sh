# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# The start shared by the shell tests (tests/cli/*.sh, and through
# selftest.sh tests/selftests/*.sh). Set top, then source this file:
#   top=$(cd "$(dirname "$0")/../.." && pwd)
#   . "$top/tests/lib/start.sh"
# It enters $top, sources tap.sh and sets tmp, a scratch directory
# removed on exit.

: "${top:?set top before sourcing tests/lib/start.sh}"
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/lib/tap.sh"
