#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# 'kmemlab record --kernel' without a kernel: the conversion of a text
# recording (tests/cli/data/kmem-events.txt, in the layout of tracefs's
# trace file and of 'trace-cmd report', a comm with blanks and brackets
# included) into a native trace, the trace replayed, the per-call-site
# summary, and bad input. The recording itself is a VM selftest
# (tests/selftests/record_kernel.sh). TAP on stdout; exit 1 when a test
# fails.
#   tests/cli/record_kernel.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 14
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi
R="$K record --kernel"

$R --convert tests/cli/data/kmem-events.txt -o "$tmp/k.trace" 2>"$tmp/err"
rc=$?
show "$tmp/err"
cat >"$tmp/want" <<'X'
kmemlab-trace 2
a 0 640 t=0 ns=0 ev=kmalloc cache=kmalloc-1024 alloc=1024 gfp=GFP_KERNEL|__GFP_NOWARN site=__alloc_skb+0x8e
a 1 4096 t=1 ns=1000 ev=cache cache=names_cache alloc=4096 gfp=GFP_KERNEL site=getname_flags+0x4c
f 0 t=0 ns=2000 ev=kmalloc site=skb_free_head+0x30
f 1 t=1 ns=3000 ev=cache site=putname+0x50
a 1 16384 t=1 ns=5000 ev=page cache=order-2 alloc=16384 gfp=GFP_KERNEL
a 0 600 t=0 ns=6000 ev=kmalloc cache=kmalloc-1024 alloc=1024 gfp=GFP_ATOMIC site=__alloc_skb+0x8e
f 1 t=0 ns=7000 ev=page
X
grep -v '^#' "$tmp/k.trace" >"$tmp/got"
diff "$tmp/want" "$tmp/got" | show
ok $([ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/got"; echo $?) \
	"convert: every op with its CPU as t=, time, kind, cache (named by its free), sizes, gfp and call site"
grep -q '^# events: kmalloc=3 kfree=2 kmem_cache_alloc=1 kmem_cache_free=1 mm_page_alloc=1 mm_page_free=1 mm_page_free_batched=0$' "$tmp/k.trace" &&
	grep -q '^# ops=7 unmatched_frees=1 zero_size=1 over_bounds=0 missed_frees=0 lost=0$' "$tmp/k.trace"
ok $? "the header counts the events: 9 = 7 ops + 1 free of an older object + 1 kmalloc(0)"

$K -q sim replay "$tmp/k.trace" --backend slab,first-fit,buddy --reps 1 --cpus 0,1 >"$tmp/rep" 2>&1
rc=$?
grep -e " ok$" -e FAIL "$tmp/rep" | show
ok $([ $rc -eq 0 ] && [ "$(grep -c ' ok$' "$tmp/rep")" = 3 ]; echo $?) \
	"the recording replays by CPU (t=) on slab, first-fit and buddy, its other fields read past"

# --by-cache: each cache's ops on a cache of its largest object, the page
# ops on the buddy; the rows add up to the trace's ops
$K -q sim replay "$tmp/k.trace" --by-cache --reps 1 --backend slab,first-fit,buddy --csv >"$tmp/bc" 2>"$tmp/err"
rc=$?
show "$tmp/err" "$tmp/bc"
cat >"$tmp/want" <<'X'
kmalloc-1024,1024,slab,3,0,ok
kmalloc-1024,1024,first-fit,3,0,ok
names_cache,4096,slab,2,0,ok
names_cache,4096,first-fit,2,0,ok
(pages),16384,buddy,2,0,ok
TOTAL,-,slab,5,0,ok
TOTAL,-,first-fit,5,0,ok
TOTAL,-,buddy,2,0,ok
X
awk -F, 'NR > 1 { print $1 "," $2 "," $3 "," $4 "," $5 "," $10 }' "$tmp/bc" >"$tmp/got"
diff "$tmp/want" "$tmp/got" | show
ok $([ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/got" &&
	[ $(($(awk -F, '$1 == "TOTAL" && $3 != "first-fit" { s += $4 } END { print s }' "$tmp/bc"))) = "$(grep -c '^[af] ' "$tmp/k.trace")" ]; echo $?) \
	"replay --by-cache: a row per cache and backend, frees with their allocation's cache, TOTAL = the trace's ops"
# the bundled kernel recordings (traces/kernel, recorded in the VM): every
# op replayed once, on our slab (a cache each) or our buddy
bad=
for f in traces/kernel/*.trace; do
	$K -q sim replay "$f" --by-cache --reps 1 --csv >"$tmp/bc" 2>"$tmp/err" || bad="$bad $f:exit"
	want=$(sed -n 's/^# ops=\([0-9]*\) .*/\1/p' "$f")
	got=$(awk -F, '$1 == "TOTAL" { s += $4 } END { print s + 0 }' "$tmp/bc")
	n=$(grep -c ',slab,' "$tmp/bc")
	echo "# $f: ops $want, replayed $got, $((n - 1)) caches"
	[ -n "$want" ] && [ "$got" = "$want" ] && [ "$n" -gt 10 ] &&
		! grep -v '^cache,' "$tmp/bc" | grep -v ',ok$' | grep -q . || bad="$bad $f"
done
ok $([ -z "$bad" ] && ls traces/kernel/*.trace >/dev/null; echo $?) \
	"the bundled kernel recordings replay by cache in sim mode: every op once, every row valid$bad"
$K -q sim replay "$tmp/k.trace" --by-cache --reps 1 --backend slab >"$tmp/bc" 2>&1
rc=$?
show "$tmp/bc"
ok $([ $rc -eq 0 ] && grep -q '^not replayed: 1 group without a backend of its family' "$tmp/bc" &&
	! grep -q '^(pages)' "$tmp/bc"; echo $?) "--by-cache without a page allocator: the page ops are said to be left out"
printf 'kmemlab-trace 1\na 0 8\nf 0\n' >"$tmp/v1.trace"
$K -q sim replay "$tmp/v1.trace" --by-cache --reps 1 >"$tmp/out" 2>"$tmp/err"
rc1=$?
$K -q sim replay traces/gcc-compile.trace --by-cache --reps 1 >>"$tmp/out" 2>>"$tmp/err"
rc2=$?
$K -q sim replay "$tmp/k.trace" --by-cache --on x 2>>"$tmp/err"
rc3=$?
show "$tmp/err"
ok $([ $rc1 -eq 1 ] && [ $rc2 -eq 1 ] && [ $rc3 -eq 2 ] && [ ! -s "$tmp/out" ] &&
	grep -q "v1.trace:1: native version 1 has no cache= field" "$tmp/err" &&
	grep -q "gcc-compile.trace:7: allocation without cache=" "$tmp/err" &&
	grep -q -- "--by-cache: not with --on" "$tmp/err"; echo $?) \
	"--by-cache of a version 1 trace or one without cache=: exit 1 with file:line; with --on: exit 2"

$R --summary --input "$tmp/k.trace" >"$tmp/sum" 2>&1
rc=$?
cat >"$tmp/want" <<'X'
CALL_SITE                                    ALLOCS      REQ_BYTES    ALLOC_BYTES  WASTE_%      FREES XCPU_FREES
(no call site)                                    1          16384          16384      0.0          1          1
getname_flags+0x4c                                1           4096           4096      0.0          1          0
__alloc_skb+0x8e                                  2           1240           2048     39.5          1          0
TOTAL                                             4          21720          22528      3.6          3          1
X
diff "$tmp/want" "$tmp/sum" | show
ok $([ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/sum"; echo $?) \
	"--summary --input: per call site, largest ALLOC_BYTES first, frees and cross-CPU frees at the allocating site"

$R --convert tests/cli/data/kmem-events.txt -o "$tmp/k2.trace" --summary >"$tmp/sum2" 2>/dev/null
ok $(cmp -s "$tmp/want" "$tmp/sum2"; echo $?) "--summary right after a conversion: the same table"

# the output of 'trace-cmd report' (a recording made in the VM by 'kmemlab
# trace', tests/data/trace-report.txt): its layout, with the probe column
$R --convert tests/data/trace-report.txt -o "$tmp/tr.trace" 2>/dev/null
rc=$?
grep '^a ' "$tmp/tr.trace" | head -n 2 | show
ok $([ $rc -eq 0 ] && grep -q '^# ops=12 unmatched_frees=4 ' "$tmp/tr.trace" &&
	grep -q '^a 1 832 t=0 ns=1993250000 ev=kmalloc cache=kmalloc-1024 alloc=1024 gfp=GFP_KERNEL site=kmemlab_real_stats+0xc7$' "$tmp/tr.trace"; echo $?) \
	"convert 'trace-cmd report' output: 12 ops, 4 frees of older objects, every field"

# bad input: no event in it, garbage, no -o, an unknown option
printf '# tracer: nop\nsomething else\n' >"$tmp/none.txt"
$R --convert "$tmp/none.txt" -o "$tmp/none.trace" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 1 ] && [ ! -e "$tmp/none.trace" ] && grep -q "no kmem:kmalloc, kmem:kfree" "$tmp/err"; echo $?) \
	"a recording without the events: exit 1, a clear message, no file"
$R --convert tests/cli/data/kmem-events.txt 2>"$tmp/err"
ok $([ $? -eq 2 ] && grep -q "needs -o FILE" "$tmp/err"; echo $?) "no -o: exit 2"
$R --bogus 2>"$tmp/err"
ok $([ $? -eq 2 ] && grep -q "unknown option" "$tmp/err"; echo $?) "an unknown option: exit 2"
printf 'kmemlab-trace 2\nzz\n' >"$tmp/bad.trace"
$R --summary --input "$tmp/bad.trace" 2>"$tmp/err"
rc=$?
show "$tmp/err"
ok $([ $rc -eq 1 ] && grep -q "bad.trace:2: not an op" "$tmp/err"; echo $?) "--input of a garbage file: exit 1 with file:line"
tap_end
