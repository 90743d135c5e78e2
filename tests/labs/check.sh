#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/labs/check.sh - the labs layer of `make check`, in TAP.
#
# For every lab (LABS="fits buddy ..." to choose):
#   - make lab generates the handout tree (stubs) and it builds: userspace
#     with -Werror, the module with W=1 and no warning;
#   - its grade with the stubs is at most 10% of the maximum;
#   - the tree generated with --solution (the reference code put back)
#     gets full marks, VM tests included;
#   - the reference tree itself is unchanged by generation (its sources
#     hash the same before and after).
# For one lab (buddy), a broken student module: a NULL dereference in the
# allocation path (oops in the VM, SIGSEGV in sim) and an endless loop
# (soft lockup / VM time-out, sim time-out) must each give a clean
# failing grade within the time bound.
#
# KMEMLAB_LABS_STUB_VM=1 also runs the VM tests of the stub trees (by
# default they are graded in sim only: their module is still built with
# W=1, and the VM tests of a stub tree can only fail).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$top" || exit 1
labs=${LABS:-fits buddy slab percpu frag}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kmemlab-labs-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
kdir=${KDIR:-$(tools/kdir)}
n=0
before=$(cat module/core/*.c module/engine/*.c module/kernel/*.c labs/*/lab.conf | sha256sum)
echo "TAP version 13"
tap() {	# tap OK|FAIL description [detail file]
	n=$((n + 1))
	if [ "$1" = OK ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && [ -f "$3" ] && tail -n 25 "$3" | sed 's/^/# /'
	fi
}
total_of() { sed -n 's/^TOTAL \([0-9]*\)\/\([0-9]*\)$/\1 \2/p' "$1"; }

for lab in $labs; do
	s=$(date +%s)
	stub=$tmp/$lab-stub sol=$tmp/$lab-sol
	if tools/labs/mklab "$lab" "$stub" >"$tmp/$lab-gen.log" 2>&1; then
		tap OK "$lab: make lab generates the handout tree"
	else
		tap FAIL "$lab: make lab generates the handout tree" "$tmp/$lab-gen.log"
		continue
	fi
	if (cd "$stub" && make -s lib userspace >"$tmp/$lab-us.log" 2>&1) &&
	   make -s -C "$kdir" M="$stub" W=1 modules >"$tmp/$lab-km.log" 2>&1 &&
	   ! grep -qE 'warning|error' "$tmp/$lab-km.log"; then
		tap OK "$lab: the handout tree builds (userspace -Werror, module W=1)"
	else
		cat "$tmp/$lab-km.log" >>"$tmp/$lab-us.log"
		tap FAIL "$lab: the handout tree builds (userspace -Werror, module W=1)" "$tmp/$lab-us.log"
	fi
	vmflag=--no-vm
	[ "${KMEMLAB_LABS_STUB_VM:-0}" = 1 ] && vmflag=
	tools/labs/grade $vmflag "$stub" >"$tmp/$lab-stub.grade" 2>&1
	read -r got max < <(total_of "$tmp/$lab-stub.grade")
	if [ -n "${max:-}" ] && [ "$max" -gt 0 ] && [ $((got * 10)) -le "$max" ]; then
		tap OK "$lab: the stubs score at most 10% ($got/$max)"
	else
		tap FAIL "$lab: the stubs score at most 10% (${got:-?}/${max:-?})" "$tmp/$lab-stub.grade"
	fi
	tools/labs/mklab --solution "$lab" "$sol" >/dev/null 2>&1
	tools/labs/grade "$sol" >"$tmp/$lab-sol.grade" 2>&1
	read -r got max < <(total_of "$tmp/$lab-sol.grade")
	if [ -n "${max:-}" ] && [ "${got:-x}" = "$max" ] && [ "$max" -gt 0 ]; then
		tap OK "$lab: the reference code gets full marks ($got/$max, VM included)"
	else
		tap FAIL "$lab: the reference code gets full marks (${got:-?}/${max:-?})" "$tmp/$lab-sol.grade"
	fi
	echo "# $lab: $(( $(date +%s) - s )) s"
done

# Generation never touches the reference tree.
after=$(cat module/core/*.c module/engine/*.c module/kernel/*.c labs/*/lab.conf | sha256sum)
if [ "$before" = "$after" ]; then
	tap OK "generating the handouts left the reference sources unchanged"
else
	tap FAIL "generating the handouts left the reference sources unchanged"
fi

# A broken student module: oops and hang, each a clean failing grade.
broken() {	# broken NAME CODE LIMIT_S
	local d=$tmp/broken-$1 s rc
	tools/labs/mklab --solution buddy "$d" >/dev/null 2>&1
	# First statement of the allocation path (kml_buddy_rmqueue_locked()).
	awk -v code="$2" '{ print }
		/^static unsigned long kml_buddy_rmqueue_locked\(/ { f = 1 }
		f && /^\tunsigned int cur;$/ { print "\n\t" code; f = 0 }' \
		"$d/module/core/buddy.c" >"$d/buddy.c.new" && mv "$d/buddy.c.new" "$d/module/core/buddy.c"
	s=$(date +%s)
	KMEMLAB_LAB_SIM_TIMEOUT=5 KMEMLAB_LAB_VM_TIMEOUT=150 KMEMLAB_LAB_TEST_TIMEOUT=40 \
		timeout 900 tools/labs/grade "$d" >"$tmp/broken-$1.grade" 2>&1
	rc=$?
	read -r got max < <(total_of "$tmp/broken-$1.grade")
	if [ $rc = 0 ] && [ -n "${max:-}" ] && [ $((got * 10)) -le "$max" ] &&
	   grep -qE "^FAIL .*buddy\.vm\..*\(($3)" "$tmp/broken-$1.grade"; then
		tap OK "buddy: a broken student module ($1) gets a clean failing grade ($got/$max, $(( $(date +%s) - s )) s)"
	else
		tap FAIL "buddy: a broken student module ($1) gets a clean failing grade (rc $rc, ${got:-?}/${max:-?})" "$tmp/broken-$1.grade"
	fi
}
if [ "${KMEMLAB_LABS_BROKEN:-1}" = 1 ]; then
	broken oops '*(volatile unsigned long *)(b->nr_pages >> 40) = 1;' 'kernel oops'
	broken hang 'while (READ_ONCE(b->nr_pages)) ;' 'VM time-out|kernel oops'
fi
echo "1..$n"
