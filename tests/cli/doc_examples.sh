#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Executable documentation, sim mode: every "$ kmemlab sim ..." example of
# README.md, docs/*.md and the lab handouts runs and prints what the docs
# show (tests/lib/doctest.py). The kernel-mode examples run in the VM
# (tests/selftests/doc_examples.sh). TAP on stdout.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
if ! command -v python3 >/dev/null || [ ! -x userspace/kmemlab ]; then
	echo "# SKIP: needs python3 and userspace/kmemlab"
	exit 4
fi
exec python3 tests/lib/doctest.py README.md docs/*.md labs/*/README.md
