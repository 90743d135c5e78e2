#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of the module's memory budget (max_pool_mb, docs/interface.md
# 2.2 and 2.4): max_pool_mb=0 is refused with a reason in the kernel log;
# a pool or an object exactly as large as the budget fits; an ENOMEM that
# the budget caused says so, with what is in use, the limit and how to
# raise it, and one that the allocator itself caused does not.
# TAP on stdout. Run as root in the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/selftest.sh"
tap_plan 10
selftest_root


dmesg -C 2>/dev/null
insmod "$ko" max_pool_mb=0 2>/dev/null
rc=$?
dmesg | grep -q 'kmemlab: max_pool_mb=0: the module needs a budget of at least 1 MiB (default 256)$'
logged=$?
ok $([ $rc -ne 0 ] && [ $logged -eq 0 ]; echo $?) "insmod max_pool_mb=0 fails and the kernel log says why"

insmod "$ko" max_pool_mb=4 || { echo "not ok 2 - insmod max_pool_mb=4"; exit 1; }
run 'create b buddy pool=4M'
ok $([ $? -eq 0 ] && [ "$(budget_used)" = 4194304 ]; echo $?) "a buddy pool as large as the budget (4M of 4M) is created"

hint="the memory budget ran out (4194304 of 4194304 bytes in use; 'instances' shows what each holds); raise it by loading the module with max_pool_mb= above 4 (at most a quarter of RAM, "
run 'create c buddy pool=4M'
rc=$?
# (with zeroing on by default, init_on_alloc=1, the reply names the
# defaulted zero=1 too, so it lists the parameters)
ok $([ $rc -eq 1 ] &&
	grep -qE "^kmemlab: create c buddy pool=4M: backend 'buddy' refused (the parameters \(ENOMEM; given: pool=4M zero=1 \(the default\)\)|pool=4M \(ENOMEM\)): " "$tmp/err" &&
	grep -qF "): $hint" "$tmp/err"; echo $?) "a create the budget refuses says so, with used, limit and max_pool_mb"
run 'create c slab'
ok $([ $? -eq 1 ] && grep -qF "$hint" "$tmp/err"; echo $?) "so does one with the backend's default pool"

run 'destroy b' 'create k kmalloc' 'alloc k 4M'
ok $([ $? -eq 0 ] && [ "$(budget_used)" = 4194304 ]; echo $?) "a real object as large as the budget (kmalloc 4M) is allocated"
run 'alloc k 8'
ok $([ $? -eq 1 ] && grep -qF "kmemlab: alloc k 8: instance 'k' could not allocate 8 bytes: $hint" "$tmp/err"; echo $?) \
	"an alloc the budget refuses says so"

# an allocator that is full, with budget to spare, does not blame the budget
run 'destroy k' 'create h first-fit pool=4K' 'alloc h 3000'
run 'alloc h 3000'
rc=$?
ok $([ $rc -eq 1 ] && grep -q "^kmemlab: alloc h 3000: instance 'h' could not allocate 3000 bytes$" "$tmp/err"; echo $?) \
	"a full heap's ENOMEM does not mention the budget"
run 'reset'
ok $([ "$(budget_used)" = 0 ]; echo $?) "everything given back after reset ($(budget_used))"
rmmod kmemlab

insmod "$ko" max_pool_mb=1 || { echo "not ok 9 - insmod max_pool_mb=1"; exit 1; }
# a heap's boundary tags are charged with its region: 512K at align 16
# has 32768 granules of 16 bytes of tags, 512K again
run 'create h first-fit pool=512K align=16' 'create k kmalloc'
ok $([ $? -eq 0 ] && [ "$(budget_used)" = 1048576 ]; echo $?) "max_pool_mb=1: a heap of 512K with its 512K of tags, the whole budget, is created"
run 'create b buddy pool=4M'
ok $([ $? -eq 1 ] && grep -qF "the memory budget ran out (1048576 of 1048576 bytes in use" "$tmp/err"; echo $?) \
	"max_pool_mb=1: a buddy (4M blocks) is refused naming the budget"
rmmod kmemlab
tap_end
