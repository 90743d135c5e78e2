#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of fault injection against the real module (TAP on stdout; the
# checks are in fault_inject.py). Run as root in the VM
# (tests/selftests/run).
top=$(cd "$(dirname "$0")/../.." && pwd)
exec python3 "$top/tests/selftests/fault_inject.py" "$@"
