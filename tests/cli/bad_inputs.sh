#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Bad input to the CLI in sim mode, one row per case: the exit status
# (docs/cli.md: 1 failure, 2 usage) and the whole first line on stderr,
# which must be "kmemlab: WHAT: WHY" with the engine's own reason and no
# strerror text glued to it, the accepted values or bounds as enforced,
# and what to do where there is something to do. Nothing on stdout.
# TAP on stdout; exit 1 when a case fails.
#   tests/cli/bad_inputs.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi

# STATUS<TAB>FIRST LINE OF STDERR<TAB>ARGUMENTS (after 'kmemlab sim', for eval)
cat >"$tmp/table" <<'TABLE'
2	kmemlab: --backend kmem_cache: the kernel's kmem_cache exists in kernel mode only; in sim mode use glibc@REAL@ (its real allocators) in its place (see 'kmemlab sim backends')	run churn --backend slab,kmem_cache,kmalloc --size 64
2	kmemlab: --backend kmalloc: the kernel's kmalloc exists in kernel mode only; in sim mode use glibc@REAL@ (its real allocators) in its place (see 'kmemlab sim backends')	run churn --backend kmalloc
2	kmemlab: --backend kmem_cache_bulk: the kernel's bulk kmem_cache API exists in kernel mode only; in sim mode use glibc@REAL@ (its real allocators) in its place (see 'kmemlab sim backends')	run churn --backend kmem_cache_bulk
2	kmemlab: --backend vmalloc: the kernel's vmalloc exists in kernel mode only; in sim mode use glibc@REAL@ (its real allocators) in its place (see 'kmemlab sim backends')	run sizes --backend vmalloc
2	kmemlab: --backend alloc_pages: the kernel's page allocator exists in kernel mode only; nothing stands in for it in sim mode: compare our buddy alone (see 'kmemlab sim backends')	run pages --backend buddy,alloc_pages
2	kmemlab: --backend nosuch: unknown backend 'nosuch' (see 'kmemlab sim backends')	run churn --backend nosuch
1	kmemlab: create x nosuch: unknown backend 'nosuch' (see 'kmemlab sim backends')	exec 'create x nosuch'
1	kmemlab: create x nosuch: unknown backend 'nosuch' (see 'kmemlab sim backends')	-e 'create x nosuch' slabinfo
1	kmemlab: bogus: unknown command 'bogus' (see 'kmemlab sim exec help')	-e bogus status
1	kmemlab: destroy q: no instance 'q' (see 'kmemlab sim view instances')	exec 'destroy q'
1	kmemlab: create k slab size=2M: size=2M: above the bound 1048576 of backend 'slab'	exec 'create k slab size=2M'
1	kmemlab: create b buddy pool=1M: pool=1048576: not a multiple of 4194304 (the buddy's pool is made of order-10 blocks of 4 MiB); give pool=4M	exec 'create b buddy pool=1M'
1	kmemlab: nosuch: no instance 'nosuch' with a view 'stats' (instances: 'kmemlab sim view instances'; an instance's views: stats, slabinfo, buddyinfo, frag, latency, heapmap)	view nosuch stats
1	kmemlab: bogus: no such view (engine-wide views: backends, workloads, instances, context, slabinfo; an instance's: stats, slabinfo, buddyinfo, frag, latency, heapmap)	view bogus
2	kmemlab: --mode: 'bogus' is not one of pairs, phases, batch	run churn --backend slab --mode bogus
2	kmemlab: --dist: 'normal' is not one of uniform, pow2, kmalloc-mix	run sizes --backend slab --dist normal
2	kmemlab: --reps: '101' is out of range [1, 100]	run churn --backend slab --reps 101
2	kmemlab: --reps: '0' is out of range [1, 100]	run churn --backend slab --reps 0
2	kmemlab: --ops: '0' is out of range [1, 134217728]	run churn --backend slab --ops 0
2	kmemlab: run: batch=1025: above the bound 1024	run bulk --backend slab --batch 1025
2	kmemlab: --batch: '0' is out of range [1, 65536]	run bulk --backend slab --batch 0
2	kmemlab: --tier: 'bogus': expected freelist, sheaves or magazine	run bulk --backend slab --tier bogus
2	kmemlab: --tier: no slab in --backend (the tier is our slab's)	run bulk --backend buddy --tier sheaves
2	kmemlab: run: cpus=: no cpu 99 (cpus 0..@LASTCPU@ exist)	run churn --backend slab --cpus 0,99
2	kmemlab: --backend: more than 8 backends and instances	run churn --backend a,b,c,d,e,f,g,h,i
2	kmemlab: --csv: conflicts with --json: one output format at a time	--json --csv slabinfo
2	kmemlab: --csv: conflicts with --json: one output format at a time	slabinfo --json --csv
2	kmemlab: --json: conflicts with --csv: one output format at a time	--csv slabinfo --json
2	kmemlab: status: no CSV output	--csv status
2	kmemlab: nosuch: unknown command (see 'kmemlab --help')	nosuch
2	kmemlab: backends: unexpected argument 'x' (see 'kmemlab help backends')	backends x
2	kmemlab: run: unknown workload 'nosuch' (churn|sizes|burst|dentry|pages|remote|bulk; traces: kmemlab replay) (see 'kmemlab help run')	run nosuch --backend slab
2	kmemlab: heapmap: --color: 'red' is not one of auto, always, never	heapmap h --color red
2	kmemlab: slabtop: -o: no such letter in slabtop: write --once (a letter means one thing in every command, docs/cli.md) (see 'kmemlab help slabtop')	slabtop -o
2	kmemlab: slabinfo: -r: no such letter in slabinfo: write --real (a letter means one thing in every command, docs/cli.md) (see 'kmemlab help slabinfo')	slabinfo -r
2	kmemlab: diff: -o: no such letter in diff: write --only (a letter means one thing in every command, docs/cli.md) (see 'kmemlab help diff')	diff a b -o x
1	kmemlab: create k slab tier=bogus: tier=bogus: expected freelist|sheaves|magazine	exec 'create k slab tier=bogus'
1	kmemlab: create k slab size=64 tier=sheaves sheaf=0: sheaf=0: below the minimum 1	exec 'create k slab size=64 tier=sheaves sheaf=0'
1	kmemlab: create k slab size=64 tier=sheaves sheaf=257: sheaf=257: above the bound 256	exec 'create k slab size=64 tier=sheaves sheaf=257'
1	kmemlab: create k slab size=64 tier=magazine sheaf=8: sheaf= needs tier=sheaves (tier=magazine has no sheaves)	exec 'create k slab size=64 tier=magazine sheaf=8'
1	kmemlab: create k buddy tier=sheaves: backend 'buddy' does not take tier= (it takes: pool zero pcp check)	exec 'create k buddy tier=sheaves'
TABLE
real=$($K -q sim --csv backends | awk -F, 'NR > 1 && $3 == "real" && $1 != "glibc" { printf ", %s", $1 }')
lastcpu=$(($(getconf _NPROCESSORS_ONLN) - 1))
n=$(grep -c . "$tmp/table")
tap_plan $((n * 2 + 5))
i=0
while IFS='	' read -r want_rc want_msg args; do
	i=$((i + 1))
	want_msg=$(printf '%s\n' "$want_msg" | sed "s/@REAL@/$real/; s/@LASTCPU@/$lastcpu/")
	eval "$K sim $args" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	got=$(head -n 1 "$tmp/err")
	if [ "$rc" -ne "$want_rc" ]; then
		echo "# kmemlab sim $args: exit $rc, expected $want_rc"
	fi
	ok $([ "$rc" -eq "$want_rc" ] && [ ! -s "$tmp/out" ]; echo $?) \
		"exit $want_rc, nothing on stdout: kmemlab sim $args"
	if [ "$got" != "$want_msg" ]; then
		echo "# got:  $got"
		echo "# want: $want_msg"
	fi
	ok $([ "$got" = "$want_msg" ]; echo $?) "message of: kmemlab sim $args"
done <"$tmp/table"

# kmemlab -s: the letter of --sort, no longer --sim (checked without 'sim')
$K -s status >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "kmemlab: -s: not a global option: sim mode is 'kmemlab sim COMMAND' or 'kmemlab --sim COMMAND' (-s is --sort of slabtop and top)" ]; echo $?) \
	"kmemlab -s says how to ask for sim mode (exit $rc)"

# a trace's words come back with control bytes as '?', as a command's do:
# an escape sequence in a trace must not reach the terminal (issue 12, bug 3)
printf 'kmemlab-trace 1\n\033]0;owned\007 0 8\n' >"$tmp/esc.rep"
printf '2\n1\na 0 8\r\r\n' >"$tmp/cr.rep"
$K sim replay "$tmp/esc.rep" --backend first-fit >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 1 ] && ! LC_ALL=C grep -q '[[:cntrl:]]' "$tmp/err" &&
	[ "$(cat "$tmp/err")" = "kmemlab: $tmp/esc.rep:2: bad op '?]0;owned?' (expected a, f or r)" ]; echo $?) \
	"a trace's escape sequence is shown as '?' (exit $rc)"
$K sim replay "$tmp/cr.rep" --backend first-fit >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 1 ] && [ "$(cat "$tmp/err")" = "kmemlab: $tmp/cr.rep:3: bad size '8?'" ]; echo $?) \
	"a stray CR in a trace is shown as '?' (exit $rc)"

: >"$tmp/empty.rep"
$K sim replay "$tmp/empty.rep" --backend first-fit >"$tmp/out" 2>"$tmp/err"
rc=$?
ok $([ $rc -eq 1 ] && [ ! -s "$tmp/out" ] &&
	[ "$(cat "$tmp/err")" = "kmemlab: $tmp/empty.rep: empty file (a trace starts with its header)" ]; echo $?) \
	"an empty trace file is named as such (exit $rc)"

# the limit of --backend is in run's help
$K help run >"$tmp/help" 2>&1
ok $(grep -q -- '--backend LIST .*at most 8 with --on' "$tmp/help"; echo $?) \
	"kmemlab help run states the limit of 8 backends"
tap_end
