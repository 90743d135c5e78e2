#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bad input of the kernel matrix, on the build host (no VM, no download):
# an unknown kernel name or a kernel without its headers makes
# tools/kernels and tools/matrix say what to install or run and exit 2
# before anything runs; a kernel whose build fails is marked FAILED in its
# row and the next kernel still builds. The kernels here are stand-ins in a
# scratch cache (KMEMLAB_CACHE) and a scratch host root
# (KMEMLAB_KERNELS_HOST_ROOT) whose "headers" are a Makefile.
# TAP on stdout; exit 1 when a test fails.
#   tests/cli/kernels_bad_input.sh
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/start.sh"
tap_plan 16

KMEMLAB_CACHE=$tmp/cache
export KMEMLAB_CACHE
mkdir -p "$KMEMLAB_CACHE"
known="known: 5.10 6.1 6.12 sid "

# --- an unknown kernel name ------------------------------------------------
tools/kernels info 9.99 >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 2 ] && [ ! -s "$tmp/out" ] &&
	grep -qF "kmemlab: kernels: unknown kernel '9.99'; $known- another Debian kernel needs a row in tools/kernels' table" "$tmp/err"
	echo $?) "kernels info: an unknown name exits 2 and lists the known ones (got $rc)"

tools/kernels fetch 9.99 >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 2 ] && grep -qF "unknown kernel '9.99'; $known" "$tmp/err" &&
	[ ! -e "$KMEMLAB_CACHE/kernels/apt" ]; echo $?) \
	"kernels fetch: an unknown name exits 2 and downloads nothing (got $rc)"

KERNELS="6.12 9.99" KMEMLAB_MATRIX_OUT=$tmp/m tools/matrix >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 2 ] && grep -qF "unknown kernel '9.99'; $known" "$tmp/err"; echo $?) \
	"matrix: an unknown name in KERNELS exits 2 and names it (got $rc)"
ok $([ ! -e "$tmp/m/6.12" ] && [ ! -e "$tmp/m/table.md" ] &&
	[ ! -e "$KMEMLAB_CACHE/kernels/apt" ]; echo $?) \
	"matrix: with an unknown name no kernel is fetched, built or tabled"

# --- the host's kernel without headers or without its image ----------------
mkdir -p "$tmp/host0"
KMEMLAB_KERNELS_HOST_ROOT=$tmp/host0 tools/kernels info 6.1 >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 2 ] &&
	grep -qF "kmemlab: kernels: kernel 6.1: no headers installed ($tmp/host0/usr/src/linux-headers-6.1.*-amd64); install the Debian packages linux-image-amd64 and linux-headers-amd64" "$tmp/err"
	echo $?) "kernels info: the host's kernel without headers exits 2 and names the packages (got $rc)"

KERNELS="6.1" KMEMLAB_KERNELS_HOST_ROOT=$tmp/host0 KMEMLAB_MATRIX_OUT=$tmp/m \
	tools/matrix >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 2 ] && grep -qF "kernel 6.1: no headers installed" "$tmp/err" &&
	grep -qF "linux-headers-amd64" "$tmp/err" && [ ! -e "$tmp/m/6.1" ]; echo $?) \
	"matrix: the host's kernel without headers exits 2 before building (got $rc)"

mkdir -p "$tmp/host1/usr/src/linux-headers-6.1.0-99-amd64"
KMEMLAB_KERNELS_HOST_ROOT=$tmp/host1 tools/kernels info 6.1 >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 2 ] &&
	grep -qF "kernel 6.1: 6.1.0-99-amd64 not installed ($tmp/host1/lib/modules/6.1.0-99-amd64); install the Debian package linux-image-6.1.0-99-amd64" "$tmp/err"
	echo $?) "kernels info: headers without the kernel's modules exit 2 and name the image package (got $rc)"

mkdir -p "$tmp/host1/lib/modules/6.1.0-99-amd64"
KMEMLAB_KERNELS_HOST_ROOT=$tmp/host1 tools/kernels info 6.1 >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 0 ] && grep -qx "release=6.1.0-99-amd64" "$tmp/out" &&
	grep -qx "kdir=$tmp/host1/lib/modules/6.1.0-99-amd64/build" "$tmp/out"; echo $?) \
	"kernels info: a host root with both gives the release and its kdir (got $rc)"

# --- a cached kernel not fetched yet, or whose headers are gone ------------
tools/kernels info 6.12 >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 2 ] &&
	grep -qF "kernel 6.12: not fetched; run 'tools/kernels fetch 6.12' (packages from Debian bookworm-backports)" "$tmp/err"
	echo $?) "kernels info: a kernel not fetched exits 2 and says what to run (got $rc)"

# stand_in NAME RELEASE RECIPE: a fetched kernel whose headers' Makefile
# runs RECIPE for `make modules`.
stand_in() {
	d=$KMEMLAB_CACHE/kernels/$1
	h=$d/root/usr/src/linux-headers-$2
	mkdir -p "$h" "$d/root/lib/modules/$2"
	echo "$2" >"$d/release"
	printf 'modules:\n\t%s\n' "$3" >"$h/Makefile"
}
stand_in 6.12 6.12.0-99-amd64 'true'
rm "$KMEMLAB_CACHE/kernels/6.12/root/usr/src/linux-headers-6.12.0-99-amd64/Makefile"
tools/kernels info 6.12 >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 2 ] &&
	grep -qF "kernel 6.12: no headers in $KMEMLAB_CACHE/kernels/6.12/root/usr/src/linux-headers-6.12.0-99-amd64 (Debian package linux-headers-6.12.0-99-amd64, from bookworm-backports); unpack them again with 'KMEMLAB_KERNELS_REFRESH=1 tools/kernels fetch 6.12'" "$tmp/err"
	echo $?) "kernels info: a fetched kernel without headers exits 2 and names the package (got $rc)"

KERNELS="6.12" KMEMLAB_MATRIX_OUT=$tmp/m tools/matrix >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 2 ] && grep -qF "kernel 6.12: no headers in" "$tmp/err" &&
	[ ! -e "$tmp/m/6.12" ]; echo $?) \
	"matrix: a fetched kernel without headers exits 2 before building (got $rc)"

# --- a failed build marks its row; the next kernel still runs --------------
stand_in 5.10 5.10.0-99-amd64 "@echo 'error: stand-in headers refuse to build' >&2; false"
stand_in 6.12 6.12.0-99-amd64 'touch $(M)/kmemlab.ko'
KERNELS="5.10 6.12" SELFTESTS=0 KMEMLAB_MATRIX_OUT=$tmp/m \
	KMEMLAB_MATRIX_TAP=$tmp/m.tap tools/matrix >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/out" "$tmp/err"
ok $([ $rc -eq 1 ]; echo $?) "matrix: one kernel's failed build makes the run fail (got $rc)"
ok $(grep -qF "| 5.10 | 5.10.0-99-amd64 | FAILED (see $tmp/m/5.10/build.log) | - |" "$tmp/m/table.md" &&
	grep -qF "error: stand-in headers refuse to build" "$tmp/m/5.10/build.log" &&
	[ ! -e "$tmp/m/5.10/kmemlab.ko" ]; echo $?) \
	"matrix: the failed build is marked FAILED in its row, with its log"
ok $(grep -qF "| 6.12 | 6.12.0-99-amd64 | ok | not run (SELFTESTS=0) |" "$tmp/m/table.md" &&
	[ -e "$tmp/m/6.12/kmemlab.ko" ]; echo $?) \
	"matrix: the kernel after the failed one is still built and tabled"
ok $(cmp -s "$tmp/out" "$tmp/m/table.md" && [ "$(grep -c "^| [0-9]" "$tmp/out")" -eq 2 ]; echo $?) \
	"matrix: the table printed is the one kept, a row for each kernel"
show "$tmp/m.tap"
ok $(grep -q '^not ok [0-9]* - 5.10: builds against 5.10.0-99-amd64 (see ' "$tmp/m.tap" &&
	grep -q '^ok [0-9]* - 6.12: builds against 6.12.0-99-amd64 without warnings' "$tmp/m.tap" &&
	[ "$(tail -n 1 "$tmp/m.tap")" = "1..4" ]; echo $?) \
	"matrix: its TAP says which kernel's build failed and which passed"

tap_end
