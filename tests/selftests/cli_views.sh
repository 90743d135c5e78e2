#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of the view half of the CLI against the real module: status and
# version, slabinfo (our rows, and the real kmemlab-* rows equal to
# /proc/slabinfo's), slabtop --once against procps slabtop reading our
# debugfs slabinfo through a bind mount, buddyinfo/frag against
# /proc/buddyinfo and /sys/kernel/debug/extfrag, heapmap/buddymap on known
# states (equal to the same sequence in sim mode), exec/view, report,
# trace (event counts equal op counts), bad options (exit 2), not root and
# no module (exit 4). TAP on stdout. Run as root in the VM:
#   tools/vm/kmemlab-vm -- tests/selftests/run cli_views.sh
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/selftest.sh"
tap_plan 33
selftest_root

# --- without the module ---------------------------------------------------
$K status >"$tmp/st0" 2>&1
ok $([ $? -eq 4 ] && grep -q '^module: ' "$tmp/st0"; echo $?) "status without the module exits 4 and still reports"
$K slabinfo >/dev/null 2>"$tmp/e0"
rc=$?
ok $([ $rc -eq 4 ] && grep -q '^kmemlab: ' "$tmp/e0"; echo $?) "slabinfo without the module exits 4 with 'kmemlab: what: why'"
$K trace -- true >/dev/null 2>"$tmp/e1"
rc=$?
show "$tmp/e1"
ok $([ $rc -eq 4 ] && grep -q '^kmemlab: trace: ' "$tmp/e1"; echo $?) "trace -- true without the module exits 4 (got $rc)"

if ! insmod "$ko"; then
	ok 1 "insmod $ko"
	exit 1
fi

# --- status, version ---------------------------------------------------------
$K status >"$tmp/st1" 2>&1
ok $([ $? -eq 0 ] && grep -q '^module: loaded' "$tmp/st1"; echo $?) "status with the module exits 0"
$K version >"$tmp/ver" 2>&1
ok $([ $? -eq 0 ] && grep -q '^kmemlab tool ' "$tmp/ver" &&
	grep -q '^module: ' "$tmp/ver" && ! grep -q 'not available' "$tmp/ver"; echo $?) \
	"version names the tool and the module"

# --- a known state ------------------------------------------------------------
HSEQ="-e 'create h first-fit pool=4K' -e 'alloc h 100' -e 'alloc h 300' -e 'alloc h 50' -e 'free h 1'"
BSEQ="-e 'create b buddy pool=4M' -e 'alloc b 8192' -e 'alloc b 4096' -e 'alloc b 64K'"
eval "$K -q $HSEQ $BSEQ -e 'create s slab size=192 pool=4M' -e 'create c kmem_cache size=64' exec 'alloc s 100' 'alloc s 192' 'alloc c 64' 'alloc c 8'" >"$tmp/setup" 2>&1
ok $? "instances of a known state are created"

# --- slabinfo -----------------------------------------------------------------
$K slabinfo >"$tmp/si" 2>"$tmp/si.err"
rc=$?
ok $([ $rc -eq 0 ] && grep -q '^slab-192 ' "$tmp/si" && grep -q '^kmemlab-c ' "$tmp/si" &&
	[ "$(grep -c '^slabinfo - version: 2.1' "$tmp/si")" -eq 1 ]; echo $?) \
	"slabinfo shows our slab-192 and the real kmemlab-c under one header"
# the real row: the same fields as /proc/slabinfo's (an idle cache)
a=$(grep '^kmemlab-c ' "$tmp/si" | tr -s ' ')
b=$(grep '^kmemlab-c ' /proc/slabinfo | tr -s ' ')
echo "# ours: $a"
echo "# proc: $b"
ok $([ -n "$a" ] && [ "$a" = "$b" ]; echo $?) "the kmemlab-c row equals /proc/slabinfo's"
$K slabinfo s >"$tmp/sis" 2>&1
cat "$D/inst/s/slabinfo" >"$tmp/sis.f"
diff "$tmp/sis.f" "$tmp/sis" | show
ok $(cmp -s "$tmp/sis" "$tmp/sis.f"; echo $?) "slabinfo INSTANCE prints the instance's slabinfo file"

# --- slabtop --once against procps slabtop ---------------------------------------
if command -v slabtop >/dev/null && command -v unshare >/dev/null; then
	unshare -m sh -c "mount --bind $D/slabinfo /proc/slabinfo && slabtop --once" \
		>"$tmp/real-slabtop" 2>"$tmp/real-slabtop.err"
	rc=$?
	$K slabtop --once --file "$D/slabinfo" >"$tmp/our-slabtop" 2>&1
	if [ $rc -eq 0 ]; then
		diff "$tmp/real-slabtop" "$tmp/our-slabtop" >"$tmp/slabtop.diff"
		rc=$?
		show "$tmp/slabtop.diff"
		ok $rc "slabtop --once equals procps slabtop over our debugfs slabinfo, row for row"
	else
		show "$tmp/real-slabtop.err"
		skip "slabtop --once equals procps slabtop" "bind mount over /proc/slabinfo failed"
	fi
else
	skip "slabtop --once equals procps slabtop" "no slabtop or unshare"
fi

$K slabtop --once >"$tmp/def-slabtop" 2>&1
show "$tmp/def-slabtop"
ok $(grep -qw 'slab-192' "$tmp/def-slabtop" && grep -qw 'kmemlab-c' "$tmp/def-slabtop" &&
	! grep -qw 'dentry' "$tmp/def-slabtop"; echo $?) \
	"slabtop --once shows our caches and the real kmemlab-* ones, not the kernel's others"

# --- buddyinfo and frag -----------------------------------------------------------
same=1
for try in 1 2 3 4 5; do
	cp /proc/buddyinfo "$tmp/bi1"
	$K buddyinfo --kernel >"$tmp/kbi" 2>&1
	cp /proc/buddyinfo "$tmp/bi2"
	if cmp -s "$tmp/bi1" "$tmp/bi2"; then
		cmp -s "$tmp/kbi" "$tmp/bi1"
		same=$?
		break
	fi
done
if [ "$same" -ne 0 ]; then
	diff "$tmp/bi1" "$tmp/kbi" >"$tmp/bi.diff" 2>&1
	show "$tmp/bi.diff"
fi
ok $same "buddyinfo --kernel equals /proc/buddyinfo (a quiet snapshot)"
$K buddyinfo --ours b >"$tmp/obi" 2>&1
sed 's/zone  kmemlab/zone        b/' "$D/inst/b/buddyinfo" >"$tmp/vbi"
ok $(cmp -s "$tmp/obi" "$tmp/vbi"; echo $?) "buddyinfo b equals the instance's buddyinfo row"

# extfrag from the same snapshot: buddyinfo, both index files, buddyinfo
# again; a try counts only when the two buddyinfo reads agree.
rc=1
if [ -r /sys/kernel/debug/extfrag/unusable_index ]; then
	for try in 1 2 3 4 5 6 7 8; do
		cp /proc/buddyinfo "$tmp/snap1"
		cat /sys/kernel/debug/extfrag/unusable_index >"$tmp/ku"
		cat /sys/kernel/debug/extfrag/extfrag_index >"$tmp/ke"
		cp /proc/buddyinfo "$tmp/snap2"
		cmp -s "$tmp/snap1" "$tmp/snap2" || continue
		$K frag --kernel --file "$tmp/snap1" >"$tmp/kf" 2>&1
		sed -n '/^unusable_index:/,/^extfrag_index:/p' "$tmp/kf" | sed '1d;$d' >"$tmp/ou"
		sed -n '/^extfrag_index:/,$p' "$tmp/kf" | sed '1d' >"$tmp/oe"
		cmp -s "$tmp/ou" "$tmp/ku" && cmp -s "$tmp/oe" "$tmp/ke"
		rc=$?
		[ $rc -eq 0 ] && break
	done
	[ $rc -eq 0 ] || { diff "$tmp/ku" "$tmp/ou" | show; diff "$tmp/ke" "$tmp/oe" | show; }
	ok $rc "frag --kernel equals /sys/kernel/debug/extfrag/{unusable_index,extfrag_index} on one snapshot"
else
	skip "frag --kernel equals extfrag" "no /sys/kernel/debug/extfrag"
fi
$K frag --ours b >"$tmp/of" 2>&1
sed 's/zone  kmemlab/zone        b/' "$D/inst/b/frag" >"$tmp/vf"
ok $(cmp -s "$tmp/of" "$tmp/vf"; echo $?) "frag b equals the instance's frag view"

# --- heapmap, buddymap: exact, and equal to sim mode -----------------------------
cat >"$tmp/hm.want" <<'EOF'
heap first-fit: region 4096 B, align 8, header 0, list address, coalesce on, 4 blocks (2 used)
|A..B..................................|
0                                   4096
used: A/0=100@0 B/2=50@408  (label[/handle]=requested bytes@offset)
free 3936 B, largest free block 3632 B, largest free run 3632 B, external fragmentation 7.7%
EOF
$K heapmap h --width 40 --color never >"$tmp/hm" 2>&1
diff "$tmp/hm.want" "$tmp/hm" | show
ok $(cmp -s "$tmp/hm.want" "$tmp/hm"; echo $?) "heapmap h is the known picture, with handles"
eval "$K -q sim $HSEQ heapmap h --width 40 --color never" >"$tmp/hm.sim" 2>&1
ok $(cmp -s "$tmp/hm.sim" "$tmp/hm"; echo $?) "heapmap h equals the same sequence in sim mode"
$K buddymap b --color never >"$tmp/bm" 2>&1
eval "$K -q sim $BSEQ buddymap b --color never" >"$tmp/bm.sim" 2>&1
diff "$tmp/bm.sim" "$tmp/bm" | show
ok $(grep -q '^buddy b: 11 orders' "$tmp/bm" && cmp -s "$tmp/bm.sim" "$tmp/bm"; echo $?) \
	"buddymap b equals the same sequence in sim mode"

# --- exec, view ------------------------------------------------------------------------
$K exec 'handles h' >"$tmp/hd" 2>&1
ok $([ $? -eq 0 ] && grep -q '^handles instance=h live=2 ' "$tmp/hd"; echo $?) "exec prints a command's reply"
$K exec 'alloc zz 8' >"$tmp/ex" 2>"$tmp/ex.err"
ok $([ $? -eq 1 ] && grep -q "no instance 'zz'" "$tmp/ex.err"; echo $?) "exec of a failing command exits 1 with its reply"
$K view h heapmap >"$tmp/vh" 2>&1
cat "$D/inst/h/heapmap" >"$tmp/vh.f"
diff "$tmp/vh.f" "$tmp/vh" | show
ok $(cmp -s "$tmp/vh" "$tmp/vh.f" && grep -q 'request handle$' "$tmp/vh"; echo $?) \
	"view h heapmap is the debugfs file, with the handle column"
$K view backends >"$tmp/vb" 2>&1
cat "$D/backends" >"$tmp/vb.f"
diff "$tmp/vb.f" "$tmp/vb" | show
ok $(cmp -s "$tmp/vb" "$tmp/vb.f"; echo $?) "view backends is the debugfs file"

# --- report -----------------------------------------------------------------------------
$K report tests/data/results --output "$tmp/r.html" >/dev/null 2>&1
ok $([ $? -eq 0 ] && grep -q '<svg' "$tmp/r.html"; echo $?) "report writes an HTML page with plots"

# --- trace --------------------------------------------------------------------------------
if command -v trace-cmd >/dev/null; then
	$K -q exec 'create ts slab size=96 pool=4M' 'create tc kmem_cache size=96' >/dev/null 2>&1
	$K trace --json -- "$K" -q exec 'run churn on=ts,tc ops=500 cpus=0' \
		>"$tmp/tr.json" 2>"$tmp/tr.err"
	rc=$?
	show "$tmp/tr.err"
	# Where the kmem_cache_free event carries no cache name (5.10), the real
	# objects then stay in the "kmem_cache" row (docs/kernels.md).
	realrow=kmemlab-tc
	for f in /sys/kernel/tracing /sys/kernel/debug/tracing; do
		f=$f/events/kmem/kmem_cache_free/format
		[ -r "$f" ] || continue
		grep -q 'field:.* name;' "$f" || realrow=kmem_cache
		break
	done
	python3 - "$tmp/tr.json" "$realrow" <<'EOF' >"$tmp/tr.chk" 2>&1
import fnmatch, json, sys
d = json.load(open(sys.argv[1]))
rows = {(r["source"], r["name"]): r for r in d["rows"]}
ours = rows[("ours", "slab-96")]
real = rows[("real", sys.argv[2])]
assert d["lost_events"] == 0, d["lost_events"]
assert d["command_status"] == 0
# churn pairs: 500 pairs timed per op, then 500 loop-timed (docs/metrics.md)
n = 2 * 500
for r in (ours, real):
    assert r["allocs"] == n and r["frees"] == n, r
assert ours["allocated_bytes"] == n * 96, ours
# the kernel's event says what the object takes in its slab: 96, or more
# where slub_debug adds red zones and tracking to the cache (debug kernel)
# (slub_debug=FLAGS,CACHE,...: the caches it names, all without a list)
debug = False
for w in open("/proc/cmdline").read().split():
    if w.startswith("slub_debug"):
        names = w.partition("=")[2].split(",")[1:]
        debug = not names or any(fnmatch.fnmatch("kmemlab-tc", c) for c in names)
per = real["allocated_bytes"] // n
assert real["allocated_bytes"] == n * per and (per > 96 if debug else per == 96), real
# churn asks for 64 bytes: our event carries the request; the kernel's
# kmem_cache_alloc carries the cache's object size as bytes_req
assert ours["requested_bytes"] == n * 64, ours
assert ours["internal_frag_pct"] == 33.3, ours
assert real["requested_bytes"] == n * 96, real
assert ours["instance"] == "ts", ours
print("ok")
EOF
	show "$tmp/tr.chk"
	ok $([ $rc -eq 0 ] && grep -q '^ok$' "$tmp/tr.chk"; echo $?) \
		"trace: 2 x 500 allocs and frees of churn pairs on slab and kmem_cache (row $realrow), no lost events"
	$K trace -- sh -c 'exit 3' >/dev/null 2>"$tmp/tr3.err"
	ok $([ $? -eq 1 ] && grep -q 'exited with status 3' "$tmp/tr3.err"; echo $?) \
		"trace: a failing command makes trace exit 1"
	# the documented 'kmemlab trace -- kmemlab ...', the tool not in PATH
	env PATH=/usr/sbin:/usr/bin:/sbin:/bin $K trace -- kmemlab -q view instances \
		>"$tmp/trp.out" 2>"$tmp/trp.err"
	rc=$?
	show "$tmp/trp.err"
	ok $([ $rc -eq 0 ] && grep -q '^events: ' "$tmp/trp.out" &&
		! grep -q 'not found' "$tmp/trp.err"; echo $?) \
		"trace -- kmemlab ...: CMD finds this very tool (got $rc)"
else
	skip "trace counts" "no trace-cmd"
	skip "trace failing command" "no trace-cmd"
	skip "trace -- kmemlab" "no trace-cmd"
fi

# --- every real backend has its stand-in advice in sim mode -------------------------
$K --csv backends >"$tmp/be.csv" 2>&1
bad=
for b in $(awk -F, 'NR > 1 && $3 == "real" { print $1 }' "$tmp/be.csv"); do
	$K sim run churn --backend "$b" >/dev/null 2>"$tmp/si.err"
	rc=$?
	[ $rc -eq 2 ] && grep -q "^kmemlab: --backend $b: .* exists in kernel mode only; " "$tmp/si.err" ||
		bad="$bad $b"
done
show "$tmp/be.csv"
ok $([ -z "$bad" ] && grep -q '^kmalloc,' "$tmp/be.csv"; echo $?) \
	"kmemlab sim refuses each real backend with what stands in for it${bad:+ (not:$bad)}"

# --- bad options, not root --------------------------------------------------------------
$K slabtop --bogus >/dev/null 2>"$tmp/bad"
ok $([ $? -eq 2 ] && grep -q '^kmemlab: slabtop: ' "$tmp/bad"; echo $?) "an unknown option exits 2 with a message"
$K heapmap >/dev/null 2>"$tmp/bad2"
ok $([ $? -eq 2 ] && grep -q '^kmemlab: heapmap: ' "$tmp/bad2"; echo $?) "a missing operand exits 2"
$K trace >/dev/null 2>"$tmp/bad3"
ok $([ $? -eq 2 ] && grep -q '^kmemlab: trace: no command' "$tmp/bad3"; echo $?) "trace without a command exits 2"
if command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$K" status >/dev/null 2>&1
	r1=$?
	setpriv --reuid=65534 --regid=65534 --clear-groups "$K" trace -- true >/dev/null 2>"$tmp/nr"
	r2=$?
	ok $([ $r1 -eq 4 ] && [ $r2 -eq 4 ] && grep -q 'needs root' "$tmp/nr"; echo $?) \
		"status and trace as nobody exit 4"
else
	skip "not root exits 4" "no setpriv"
fi

# --- cleanup ------------------------------------------------------------------------------
$K -q exec reset >/dev/null 2>&1
rmmod kmemlab
ok $? "rmmod after the views"
$K status >/dev/null 2>&1
ok $([ $? -eq 4 ]; echo $?) "status after rmmod exits 4"
rm -rf "$tmp"
tap_end
