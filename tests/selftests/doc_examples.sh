#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Executable documentation, kernel mode: every block of README.md, docs/*.md
# and the lab handouts marked <!-- doctest: kernel --> runs, line by line,
# as root with the module loaded, and each line exits 0; the "kernel
# check" of each block marked slow runs too; docs/interface.md's
# "(kernel) $" commands run in one session on the control file and its
# shell examples in one bash, their replies compared with the docs
# (tests/lib/doctest.py --kernel). TAP on stdout, then the count of
# examples run and skipped by reason. Run in the VM.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
ko=${KMEMLAB_KO:-$top/kmemlab.ko}
if [ "$(id -u)" != 0 ] || [ ! -x userspace/kmemlab ]; then
	echo "# SKIP: needs root and userspace/kmemlab"
	exit 4
fi
grep -q '^kmemlab ' /proc/modules && rmmod kmemlab
if ! insmod "$ko"; then
	echo "not ok 1 - insmod $ko"
	exit 1
fi
python3 tests/lib/doctest.py --kernel README.md docs/*.md labs/*/README.md
rc=$?
rmmod kmemlab
exit $rc
