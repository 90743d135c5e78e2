#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Executable documentation, sim mode: every "$ kmemlab sim ..." example of
# README.md, docs/*.md and the lab handouts runs and prints what the docs
# show, and the engine transcripts of docs/interface.md run in order in
# one sim engine session (tests/lib/doctest.py, tests/lib/engine_session.c);
# blocks marked host run, and blocks marked slow (make check, make bench,
# recorded experiments) are counted skipped with their reason and their
# cheap check runs; a command block neither run nor marked fails.
# The kernel-mode examples run in the VM (tests/selftests/doc_examples.sh).
# TAP on stdout, then the count of examples run and skipped by reason.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
if ! command -v python3 >/dev/null || [ ! -x userspace/kmemlab ] ||
   [ ! -f build/libkmemlab-cli.a ] || [ ! -f build/libkmemlab.a ]; then
	echo "# SKIP: needs python3, userspace/kmemlab and make lib"
	exit 4
fi
bin=build/engine_session
if [ ! -x $bin ] || [ -n "$(find tests/lib/engine_session.c build/libkmemlab.a \
		build/libkmemlab-cli.a -newer $bin 2>/dev/null)" ]; then
	${CC:-cc} -std=gnu11 -O1 -D_GNU_SOURCE -Wall -Wextra -Werror \
		-Wno-unused-parameter -Iuserspace/sim -Imodule/core \
		-Imodule/engine -Iuserspace/lib -pthread -o $bin \
		tests/lib/engine_session.c build/libkmemlab-cli.a \
		build/libkmemlab.a -lncurses -ldl -lm || {
		echo "not ok 1 - build $bin"; exit 1; }
fi
exec python3 tests/lib/doctest.py README.md docs/*.md labs/README.md labs/*/README.md
