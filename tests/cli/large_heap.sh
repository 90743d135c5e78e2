#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Teaching heaps above one block of the page source (4 MiB), in sim mode:
# a CS:APP-style trace whose live payload peaks at 20 MB replays on every
# fit policy without a failure, with the peaks it really has; a 64 MiB
# heap takes a 60 MiB request; the bounds that remain say which one and
# what to change. TAP on stdout; exit 1 when a test fails.
#   tests/cli/large_heap.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 8
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi

# 200 blocks of about 100 KB live at once (20004752 bytes), then holes,
# smaller blocks, reallocs to 150000 and everything freed: mdriver's
# 4-line header (its heap size hint 20 MiB).
awk 'BEGIN {
	for (i = 0; i < 200; i++) op[n++] = "a " i " " 100000 + (i % 7) * 8
	for (i = 0; i < 200; i += 2) op[n++] = "f " i
	for (i = 200; i < 300; i++) op[n++] = "a " i " " 50000 + (i % 13) * 16
	for (i = 1; i < 200; i += 4) op[n++] = "r " i " " 150000
	for (i = 300; i < 400; i++) op[n++] = "a " i " " 12345 + (i % 5)
	for (i = 1; i < 200; i += 2) op[n++] = "f " i
	for (i = 200; i < 400; i++) op[n++] = "f " i
	print 20971520; print 400; print n; print 1
	for (j = 0; j < n; j++) print op[j]
}' >"$tmp/big.rep"

$K -q sim replay "$tmp/big.rep" --backend first-fit,next-fit,best-fit,worst-fit,segregated \
	--reps 1 --zero off --json >"$tmp/out.json" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $rc "replay of a 20 MB trace on five teaching heaps: exit 0"
python3 - "$tmp/out.json" >"$tmp/rows" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["backend"], r["failures"], r["validity"]["ok"],
          r["bytes"]["requested_peak"], r["bytes"]["held_peak"])
PY
show "$tmp/rows"
for be in first-fit next-fit best-fit worst-fit segregated; do
	awk -v be="$be" '$1 == be && $2 == 0 && $3 == "True" &&
		$4 == 20004752 && $5 > 20004752 && $5 <= 64 * 1048576 { f = 1 }
		END { exit !f }' "$tmp/rows"
	ok $? "$be: no failure, valid, peak 20004752 B requested, held above it and within 64 MiB"
done

# A 64 MiB heap serves 60 MiB at once (the alloc command's own bound is
# 4 MiB: the request goes through a trace).
printf '2\n1\na 0 62914560\nf 0\n' >"$tmp/one.rep"
$K -q sim replay "$tmp/one.rep" --backend first-fit --pool 64M --reps 1 --zero off \
	--json >"$tmp/one.json" 2>"$tmp/err"
rc=$?
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; sys.exit(r["failures"] != 0 or r["bytes"]["requested_peak"] != 62914560)' "$tmp/one.json"
py=$?
ok $([ $rc -eq 0 ] && [ $py -eq 0 ]; echo $?) "first-fit pool=64M: a 60 MiB block"

# The bounds that remain: the region (256 MiB) and the granules.
$K -q sim exec --keep-going 'create g first-fit pool=512M' \
	'create h first-fit pool=64M align=1' >/dev/null 2>"$tmp/err"
show "$tmp/err"
grep -q "pool=512M: above the bound 268435456 of backend 'first-fit' (the largest pool it can have; below it the memory budget decides)" "$tmp/err" &&
	grep -q "67108864 granules of 1 bytes .*raise align= to make them larger" "$tmp/err"
ok $? "refusals name the bound and the way out"
tap_end
