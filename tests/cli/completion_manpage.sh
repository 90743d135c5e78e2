#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bash completion (tools/kmemlab.bash-completion) completes commands,
# global options and each command's options from the tool's help text, and
# kmemlab(1) (tools/manpage, help2man) documents every command of
# 'kmemlab --help'. Both go into the kmemlab package (make deb). TAP on
# stdout; exit 1 when a test fails, 4 when the tool is not built.
#   tests/cli/completion_manpage.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC1091
. tests/lib/tap.sh
tap_plan 8
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi

# complete WORDS...: COMPREPLY, sorted, for the line "WORDS" (the last
# word is the one being completed)
complete_line() {
	(
		# shellcheck disable=SC1091
		. tools/kmemlab.bash-completion
		COMP_WORDS=("$K" "$@")
		COMP_CWORD=$#
		_kmemlab
		printf '%s\n' "${COMPREPLY[@]}" | sort
	)
}

got=$(complete_line sl | tr '\n' ' ')
[ "$got" = "slabinfo slabtop " ]
ok $? "'kmemlab sl' completes to slabinfo slabtop (got: $got)"

ncmd=$($K --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]\{1,\}\) .*/\1/p' | wc -l)
got=$(complete_line '' | grep -vcx sim)
[ "$ncmd" -gt 10 ] && [ "$got" = "$ncmd" ]
ok $? "'kmemlab ' offers every command of --help ($got of $ncmd) and sim"

got=$(complete_line bench --q | tr '\n' ' ')
[ "$got" = "--quick --quiet " ]
ok $? "'kmemlab bench --q' completes bench's options (got: $got)"

got=$(complete_line --sim -e 'create a slab' diff --js | tr '\n' ' ')
[ "$got" = "--json " ]
ok $? "global options and -e's argument are skipped to find the command (got: $got)"

got=$(complete_line --v | tr '\n' ' ')
[ "$got" = "--version " ]
ok $? "'kmemlab --v' completes the global option --version (got: $got)"

# the manual page
if command -v help2man >/dev/null && command -v man >/dev/null; then
	tools/manpage "$K" "$tmp/kmemlab.1" 2>"$tmp/err"
	st=$?
	show "$tmp/err"
	ok $st "tools/manpage writes kmemlab(1) from the help text"
	MANWIDTH=100 man -l "$tmp/kmemlab.1" 2>"$tmp/man.err" >"$tmp/man.txt"
	missing=
	for c in $($K --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]\{1,\}\) .*/\1/p'); do
		grep -q "usage: kmemlab \[GLOBAL OPTIONS\] $c " "$tmp/man.txt" ||
			missing="$missing $c"
	done
	[ -s "$tmp/man.txt" ] && [ -z "$missing" ]
	ok $? "the manual shows every command's help${missing:+ (missing:$missing)}"
	grep -q "^NAME" "$tmp/man.txt" && grep -q "^kmemlab $($K --version | awk '{ print $NF }') " "$tmp/man.txt"
	ok $? "the manual has NAME and the tool's version"
else
	skip "tools/manpage writes kmemlab(1)" "help2man or man missing (make deps)"
	skip "the manual shows every command's help" "help2man or man missing"
	skip "the manual has NAME and the tool's version" "help2man or man missing"
fi
tap_end
