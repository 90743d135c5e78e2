#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# OSTEP's malloc.py, line for line, over long random runs (-n 1000) that
# run out of memory: the operations of each expected output in
# tests/data/ostep/ (malloc.py's own output, see its README) are replayed
# as engine commands on a teaching heap created with ostep=1, and every
# line after malloc.py's banner must come out the same: the allocations
# that fail ("returned -1", numbered like the others), the frees, the
# searched counts and every free list, however long. TAP on stdout; exit 1
# when a test fails.
#   tests/cli/ostep_random.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 10
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi

# The banner's value of option $1 in file $2.
opt() {
	sed -n "s/^$1 //p" "$2" | head -n 1
}

for gz in tests/data/ostep/*.txt.gz; do
	name=$(basename "$gz" .txt.gz)
	gzip -dc "$gz" >"$tmp/want.all"
	case $(opt policy "$tmp/want.all") in
	FIRST) be=first-fit ;;
	BEST) be=best-fit ;;
	WORST) be=worst-fit ;;
	esac
	case $(opt listOrder "$tmp/want.all") in
	ADDRSORT) list=addr ;;
	SIZESORT+) list=size-asc ;;
	SIZESORT-) list=size-desc ;;
	INSERT-FRONT) list=lifo ;;
	INSERT-BACK) list=fifo ;;
	esac
	align=$(opt alignment "$tmp/want.all")
	[ "$align" = -1 ] && align=1
	coalesce=0
	[ "$(opt coalesce "$tmp/want.all")" = True ] && coalesce=1
	create="create h $be pool=$(opt size "$tmp/want.all") base=$(opt baseAddr "$tmp/want.all") header=$(opt headerSize "$tmp/want.all") align=$align list=$list coalesce=$coalesce zero=0 ostep=1"
	# malloc.py's operations, in order, as engine commands
	{
		echo "$create"
		sed -n -e 's/^ptr\[[0-9]*\] = Alloc(\([0-9]*\)).*/alloc h \1/p' \
			-e 's/^Free(ptr\[\([0-9]*\)\])$/free h \1/p' "$tmp/want.all"
	} >"$tmp/cmds"
	# everything after the banner (its first blank line)
	sed '1,/^$/d' "$tmp/want.all" >"$tmp/want"
	tr '\n' '\0' <"$tmp/cmds" | xargs -0 $K -q sim exec >"$tmp/out" 2>"$tmp/err"
	rc=$?
	grep -v -e '^created instance=' -e '^handle=' -e '^freed handle=' \
		"$tmp/out" >"$tmp/got"
	diff "$tmp/want" "$tmp/got" | head -n 20 | show
	show "$tmp/err"
	ok $([ $rc -eq 0 ] && cmp -s "$tmp/want" "$tmp/got"; echo $?) \
		"$name: $(grep -c '^ptr' "$tmp/want") allocations, $(grep -c '^Free(' "$tmp/want") frees, every line as malloc.py's"
done

# The numbering: a failed allocation uses a number, the next one goes on.
$K -q sim exec 'create h first-fit pool=100 base=1000 zero=0 ostep=1' 'alloc h 60' \
	'alloc h 50' 'alloc h 30' 'free h 0' 'free h 2' >"$tmp/out" 2>&1
cat >"$tmp/want" <<'X'
created instance=h backend=first-fit family=heap id=1 zero=0
handle=0 size=60 usable=64 addr=1000 searched=1
ptr[0] = Alloc(60) returned 1000 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1064 sz:36 ]

handle=1 size=50 usable=56 addr=-1 searched=1
ptr[1] = Alloc(50) returned -1 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1064 sz:36 ]

handle=2 size=30 usable=32 addr=1064 searched=1
ptr[2] = Alloc(30) returned 1064 (searched 1 elements)
Free List [ Size 1 ]: [ addr:1096 sz:4 ]

freed handle=0 size=60 usable=64
Free(ptr[0])
returned 0
Free List [ Size 2 ]: [ addr:1000 sz:64 ][ addr:1096 sz:4 ]

freed handle=2 size=30 usable=32
Free(ptr[2])
returned 0
Free List [ Size 1 ]: [ addr:1000 sz:100 ]

X
diff "$tmp/want" "$tmp/out" | show
ok $(cmp -s "$tmp/want" "$tmp/out"; echo $?) "ostep=1: a failed allocation takes a number and the sequence goes on"

# Without ostep=1 a failure stays an error (ENOMEM), and numbers are reused.
$K -q sim exec 'create h first-fit pool=100 base=1000' 'alloc h 60' \
	'alloc h 50' >"$tmp/out" 2>"$tmp/err"
rc=$?

ok $([ $rc -eq 1 ] && grep -q "could not allocate 50 bytes" "$tmp/err"; echo $?) \
	"without ostep=1 a failed allocation is an error, exit 1"
tap_end
