#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest: the in-guest fuzzer (tests/fuzz/kfuzz.py) against the real
# module, KMEMLAB_FUZZ_COUNT commands (default 100000) from 4 concurrent
# clients with stops, signals and page-source fault injection. TAP on
# stdout; a finding saves its command logs under build/kfuzz/. Run as root
# in the VM (tests/selftests/run). make check runs one fixed seed
# (KMEMLAB_FUZZ_SEED, default 3) so that its command stream is the same on
# every run; make fuzz-long draws new seeds.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
exec python3 tests/fuzz/kfuzz.py --tap --fault --save-dir build/kfuzz \
	--count "${KMEMLAB_FUZZ_COUNT:-100000}" --seed "${KMEMLAB_FUZZ_SEED:-3}"
