#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The view commands of the CLI in sim mode (no module, no root): heapmap
# and its handles, buddyinfo/buddymap/frag of a buddy instance against its
# raw views, slabinfo and slabtop --file of a slab instance, exec/view,
# the create key table's replies, bad options (exit 2), and trace (kernel
# mode only: exit 2 in sim mode). TAP on stdout; exit 1 when a test fails.
#   tests/cli/sim_views.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 16
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi
S="$K -q sim"
H="-e 'create h first-fit pool=4K' -e 'alloc h 100' -e 'alloc h 300' -e 'alloc h 50' -e 'free h 1'"
B="-e 'create b buddy pool=4M' -e 'alloc b 8192' -e 'alloc b 4096'"

# --- heapmap ------------------------------------------------------------------
cat >"$tmp/want" <<'EOF'
heap first-fit: region 4096 B, align 8, header 0, list address, coalesce on, 4 blocks (2 used)
|A..B..................................|
0                                   4096
used: A/0=100@0 B/2=50@408  (label[/handle]=requested bytes@offset)
free 3936 B, largest free block 3632 B, largest free run 3632 B, external fragmentation 7.7%
EOF
eval "$S $H heapmap h --width 40 --color never" >"$tmp/hm" 2>&1
diff "$tmp/want" "$tmp/hm" | show
ok $(cmp -s "$tmp/want" "$tmp/hm"; echo $?) "heapmap: the known picture, labels with their handles"

cat >"$tmp/want" <<'EOF'
heap first-fit: region 4096 base 0 align 8 header 0 min_split 1 list address coalesce on
    offset              address       size state request handle
         0                    0        104 used  100 0
       104                  104        304 free
       408                  408         56 used  50 2
       464                  464       3632 free
largest free block: 3632
largest free run: 3632
total free: 3936
external fragmentation: 7.7%
free list length: 2
EOF
eval "$S $H view h heapmap" >"$tmp/vh" 2>&1
diff "$tmp/want" "$tmp/vh" | show
ok $(cmp -s "$tmp/want" "$tmp/vh"; echo $?) "view h heapmap: the handle column of used blocks"

eval "$S $H heapmap h --blocks --color never" >"$tmp/hb" 2>&1
grep -q '^   OFFSET(B)      SIZE(B) STATE   REQUEST(B) LABEL  HANDLE$' "$tmp/hb" &&
	grep -q '^         408           56 used            50 B           2$' "$tmp/hb"
ok $? "heapmap --blocks has a HANDLE column"

eval "$S $H heapmap h --json" >"$tmp/hj" 2>&1
grep -q '"request_bytes":50,"handle":"2"' "$tmp/hj"
ok $? "heapmap --json carries the handles"

# --- buddy: buddyinfo, frag, buddymap --------------------------------------------
eval "$S $B buddyinfo b" >"$tmp/bi" 2>&1
eval "$S $B view b buddyinfo" | sed 's/zone  kmemlab/zone        b/' >"$tmp/vbi"
ok $([ -s "$tmp/bi" ] && cmp -s "$tmp/bi" "$tmp/vbi"; echo $?) "buddyinfo b: the instance's row, named b"
eval "$S $B frag b" >"$tmp/fr" 2>&1
eval "$S $B view b frag" | sed 's/zone  kmemlab/zone        b/' >"$tmp/vfr"
ok $(grep -q '^unusable_index:$' "$tmp/fr" && cmp -s "$tmp/fr" "$tmp/vfr"; echo $?) \
	"frag b equals the instance's frag view"
eval "$S $B buddymap b --color never" >"$tmp/bm" 2>&1
# 3 pages allocated, 7 more held by the per-CPU order-0 cache
grep -q '^buddy b: 11 orders, 1014 free pages (4056 KiB) in 8 blocks$' "$tmp/bm"
ok $? "buddymap b counts the free pages"
eval "$S $B frag b --csv" >"$tmp/fc" 2>&1
head -1 "$tmp/fc" | grep -q '^source,node,zone,order,free_blocks,unusable_index_x1000,extfrag_index_x1000$' &&
	[ "$(wc -l <"$tmp/fc")" -eq 12 ]
ok $? "frag --csv: a header and one line per order"

# --- slabinfo, slabtop -------------------------------------------------------------
SL="-e 'create s slab size=192' -e 'alloc s 100' -e 'alloc s 150'"
eval "$S $SL slabinfo" >"$tmp/si" 2>&1
# as SLUB's /proc/slabinfo, the objects of a CPU's active slab count as active
grep -q '^slab-192 *21 *21 *192 *21 *1 : tunables *0 *0 *0 : slabdata *1 *1 *0$' "$tmp/si"
ok $? "slabinfo: the slab-192 row"
cp "$tmp/si" "$tmp/si.file"
$K slabtop --once --file "$tmp/si.file" >"$tmp/st" 2>&1
grep -q ' slab-192 *$' "$tmp/st" && grep -q '^ Active / Total Objects (% used)    : 21 / 21 (100.0%)$' "$tmp/st"
ok $? "slabtop --once --file reads the saved slabinfo"

# --- exec, view, create replies -------------------------------------------------------
$S exec 'create c slab size=64 ctor=1' 'create k slab size=2M' >"$tmp/ex" 2>"$tmp/ex.err"
rc=$?
show "$tmp/ex" "$tmp/ex.err"
grep -q '^created instance=c backend=slab family=object id=1 zero=0$' "$tmp/ex" &&
	grep -q "size=2M: above the bound 1048576 of backend 'slab'" "$tmp/ex.err"
found=$?
ok $([ $rc -eq 1 ] && [ $found -eq 0 ]; echo $?) "exec: a create reply, then a named limit and exit 1"
$S exec 'create g glibc zero=1' >/dev/null 2>"$tmp/g.err"
rc=$?
if $S view backends | grep -q '^glibc '; then
	grep -q "backend 'glibc' does not take zero= (it takes: pool)" "$tmp/g.err"
	found=$?
	ok $([ $rc -eq 1 ] && [ $found -eq 0 ]; echo $?) "glibc takes only pool= (its arena)"
else
	skip "glibc takes only pool= (its arena)" "no glibc backend"
fi
$S view instances >"$tmp/vi" 2>&1
ok $([ $? -eq 0 ] && [ ! -s "$tmp/vi" ]; echo $?) "view instances of a fresh sim engine is empty"

# --- errors ------------------------------------------------------------------------------
$S heapmap >/dev/null 2>"$tmp/e1"
ok $([ $? -eq 2 ] && grep -q '^kmemlab: heapmap: ' "$tmp/e1"; echo $?) "heapmap without an instance exits 2"
$S frag --bogus >/dev/null 2>"$tmp/e2"
ok $([ $? -eq 2 ] && grep -q '^kmemlab: frag: --bogus' "$tmp/e2"; echo $?) "an unknown option exits 2"
$S trace -- true >/dev/null 2>"$tmp/e3"
ok $([ $? -eq 2 ] && grep -q '^kmemlab: trace: tracepoints exist in kernel mode only' "$tmp/e3"; echo $?) \
	"trace in sim mode exits 2"

tap_end
