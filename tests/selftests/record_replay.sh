#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftest of issue 11's "a recording of a real program replays in the VM
# on our allocators and the real ones": a threaded Python program (two
# threads make 2000-byte buffers that the main thread frees) is recorded
# with 'kmemlab record' in the guest, then replayed in kernel mode through
# debugfs by thread on CPUs 0 and 1 on slab, first-fit, buddy, kmalloc and
# kmem_cache. Checked: the op counts of the recording's summary, of the
# trace, of 'trace load' and of every replay row are the same; every row
# is valid; the frees that the trace makes on another thread's CPU were
# made on another CPU (cross_cpu_frees=, docs/metrics.md), and their number
# is the one the trace implies. Then the version-2 fields' bad input is
# refused through debugfs with its line, leaving nothing loaded. TAP on
# stdout. Run as root in the VM (tests/selftests/run).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=$top/userspace/kmemlab
ko=${KMEMLAB_KO:-$top/kmemlab.ko}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 16
if [ "$(id -u)" != 0 ] || [ ! -x "$K" ] || [ ! -f userspace/kmemlab-record.so ]; then
	echo "# SKIP: needs root, $K and userspace/kmemlab-record.so"
	exit 4
fi
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	echo "# SKIP: no $PY"
	exit 4
fi
if [ "$(getconf _NPROCESSORS_ONLN)" -lt 2 ]; then
	echo "# SKIP: needs 2 CPUs"
	exit 4
fi
export KMEMLAB_NO_REEXEC=1
grep -q '^kmemlab ' /proc/modules && rmmod kmemlab
if ! insmod "$ko"; then
	echo "not ok 1 - insmod $ko"
	exit 1
fi

cat >"$tmp/thr.py" <<'PY'
import queue
import threading

q = queue.Queue()


def work():
    for _ in range(300):
        q.put(bytearray(2000))


ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
n = 0
while not q.empty():
    q.get()
    n += 1
print(n)
PY

# 1. the recording
"$K" record -o "$tmp/t.trace" -- "$PY" "$tmp/thr.py" >"$tmp/out" 2>"$tmp/err"
rc=$?
show "$tmp/err"
[ $rc -eq 0 ] && [ "$(cat "$tmp/out")" = 600 ]
ok $? "record of a threaded python3 program exits 0 (the program printed 600)"
ops=$(grep -c '^[afr] ' "$tmp/t.trace")
said=$(sed -n 's/.*\.trace: \([0-9]*\) ops.*/\1/p' "$tmp/err")
events=$(sed -n 's/.* from \([0-9]*\) events.*/\1/p' "$tmp/err")
unknown=$(sed -n 's/.*dropped: \([0-9]*\) frees of unknown.*/\1/p' "$tmp/err")
large=$(sed -n 's/.*, \([0-9]*\) requests above 1 GiB.*/\1/p' "$tmp/err")
[ -n "$ops" ] && [ "$ops" -gt 1000 ] && [ "$ops" = "$said" ] &&
	[ "$events" -eq $((ops + unknown + large)) ]
ok $? "op lines ($ops) = ops said ($said) = events ($events) - dropped ($unknown + $large)"
threads=$(grep -c '^#   t=' "$tmp/t.trace")
[ "$threads" -eq 3 ]
ok $? "3 thread streams in the trace ($threads)"

# the frees the trace makes on another worker's CPU (2 workers): by a thread
# T2 of an object allocated or last reallocated by T1, T1 mod 2 != T2 mod 2
expect=$(awk '$1 ~ /^[afr]$/ {
		t = 0
		for (i = 3; i <= NF; i++) if ($i ~ /^t=/) t = substr($i, 3) % 2
		if ($1 == "a") { own[$2] = t; live[$2] = 1 }
		else if ($1 == "f" && $2 != "-1") {
			if (live[$2] && own[$2] != t) x++
			delete live[$2]
		} else if ($1 == "r") {
			if (live[$2] && own[$2] != t) x++
			if ($3 == 0) delete live[$2]
			else { own[$2] = t; live[$2] = 1 }
		}
	} END { print x + 0 }' "$tmp/t.trace")
[ "$expect" -ge 300 ]
ok $? "the trace has frees by another thread than the allocator's: $expect on 2 workers (at least 300)"

# 2. trace load through debugfs
"$K" exec "trace load t
$(cat "$tmp/t.trace")" >"$tmp/load" 2>&1
rc=$?
show "$tmp/load"
[ $rc -eq 0 ] && grep -q "trace=t format=native ops=$ops .* threads=3 " "$tmp/load"
ok $? "kernel trace load: ops=$ops threads=3"
max=$(sed -n 's/.* max_size=\([0-9]*\).*/\1/p' "$tmp/load")
peak=$(sed -n 's/.* peak_bytes=\([0-9]*\).*/\1/p' "$tmp/load")
pool=65536
while [ "$pool" -lt $((4 * peak + 65536)) ] && [ "$pool" -lt 4194304 ]; do
	pool=$((pool * 2))
done

# 3. the replay by thread on CPUs 0 and 1, our allocators and the kernel's
"$K" exec "create s slab" "create f first-fit pool=$pool" "create b buddy" \
	"create m kmalloc" "create c kmem_cache size=$max" \
	"run replay on=s,f,b,m,c trace=t cpus=0,1 reps=2" >"$tmp/run" 2>&1
rc=$?
grep -v '^result' "$tmp/run" | show
[ $rc -eq 0 ] && [ "$(grep -c '^result ' "$tmp/run")" -eq 10 ]
ok $? "run replay on slab, first-fit, buddy, kmalloc, kmem_cache, cpus=0,1, 2 reps: 10 result lines"
grep '^result ' "$tmp/run" | sed 's/^result /# /' | cut -c1-400
# one field of a result line
fld() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
bad=0
xbad=0
exact=0
while read -r line; do
	be=$(fld backend "$line")
	if [ "$(fld ops "$line")" != "$ops" ] || [ "$(fld ops_done "$line")" != "$ops" ] ||
		[ "$(fld 'done' "$line")" != ok ]; then
		echo "# $be: ops/ops_done not $ops"
		bad=$((bad + 1))
	fi
	for k in bad_frees misaligned violations; do
		[ "$(fld $k "$line")" = 0 ] || { echo "# $be: $k=$(fld $k "$line")"; bad=$((bad + 1)); }
	done
	[ "$(fld cpus "$line")" = 0,1 ] || bad=$((bad + 1))
	# exact when every allocation succeeded (docs/metrics.md); a request
	# above a backend's largest (python's 256 KiB blocks on our slab's
	# kmalloc classes) fails in its row, and the frees of its id with it,
	# and so do the requests past the budget of a kmem_cache whose one
	# object size is the largest request (256 KiB for each of ~1000 live)
	x=$(fld cross_cpu_frees "$line")
	f=$(fld failures "$line")
	case $be in kmalloc) [ "$f" = 0 ] || { echo "# $be: failures=$f"; bad=$((bad + 1)); } ;; esac
	if [ "$f" = 0 ]; then
		[ "$x" = "$expect" ] || { echo "# $be: cross_cpu_frees=$x, expected $expect"; xbad=$((xbad + 1)); }
		exact=$((exact + 1))
	else
		echo "# $be: failures=$f (requests it cannot serve), cross_cpu_frees=$x"
		[ "$x" -ge 0 ] && [ "$x" -le "$expect" ] || xbad=$((xbad + 1))
	fi
done <<EOF
$(grep '^result ' "$tmp/run")
EOF
[ $bad -eq 0 ]
ok $? "every row valid: ops = ops_done = $ops (the trace's ops), done=ok, no bad free, misalignment or violation; no failure on kmalloc"
[ $xbad -eq 0 ] && [ $exact -ge 6 ]
ok $? "cross_cpu_frees = $expect (the frees the trace makes across the 2 workers) on every row without a failure ($exact of 10, at least first-fit, buddy, kmalloc), in 0..$expect on the others"
for be in slab first-fit buddy kmalloc kmem_cache; do
	grep -q "^result .* backend=$be " "$tmp/run" || echo "# no row of $be"
done
[ "$(grep '^result ' "$tmp/run" | sed 's/.* backend=\([^ ]*\) .*/\1/' | sort -u | tr '\n' ' ')" = \
	"buddy first-fit kmalloc kmem_cache slab " ]
ok $? "rows of slab, first-fit, buddy, kmalloc and kmem_cache"

# the same on one CPU: no free on another CPU
"$K" exec "run replay on=s,m trace=t cpus=0 reps=1" >"$tmp/one" 2>&1 && [ "$(grep -c ' done=ok .* cross_cpu_frees=0 ' "$tmp/one")" -eq 2 ]
ok $? "every thread on CPU 0: cross_cpu_frees=0, done=ok"
"$K" exec "trace drop t" "destroy s" "destroy f" "destroy b" "destroy m" "destroy c" >/dev/null 2>&1
ok $? "trace drop, destroy the instances"

# 4. the CLI's replay of the recording in kernel mode: every row valid
"$K" -q replay "$tmp/t.trace" --backend slab,first-fit,buddy,kmalloc,kmem_cache \
	--cpus 0,1 --reps 1 >"$tmp/rp" 2>"$tmp/rpe"
rc=$?
show "$tmp/rp" "$tmp/rpe"
[ $rc -eq 0 ] && [ "$(grep -cE '^(slab|first-fit|buddy|kmalloc|kmem_cache) .* ok$' "$tmp/rp")" -eq 5 ]
ok $? "kmemlab replay in kernel mode, --cpus 0,1: 5 rows, VALID ok"

# 5. bad version-2 input through debugfs: the line, exit 1, nothing loaded
n=0
fails=0
while IFS='|' read -r body why; do
	n=$((n + 1))
	printf '%b' "$body" >"$tmp/bad$n.trace"
	"$K" -q replay "$tmp/bad$n.trace" --backend slab,kmalloc >/dev/null 2>"$tmp/be$n"
	st=$?
	if [ $st -ne 1 ] || ! grep -qF "kmemlab: $tmp/bad$n.trace:$why" "$tmp/be$n"; then
		echo "# case $n: exit $st, $(cat "$tmp/be$n")"
		fails=$((fails + 1))
	fi
done <<'EOF'
kmemlab-trace 2\na 0 8 t=0\na 1 8 t=65536\n|3: thread 65536 out of range (below 65536)
kmemlab-trace 2\na 0 8 t=-1\n|2: bad value 't=-1'
kmemlab-trace 2\na 0 8 t=1x\n|2: bad value 't=1x'
kmemlab-trace 2\na 0 8 t=1 t=2\n|2: field 't=' given twice
kmemlab-trace 2\na 0 8 t=\n|2: bad field 't=' (expected t=, al=, ns=, ev=, cache=, alloc=, gfp= or site=)
kmemlab-trace 2\na 0 8 al=48\n|2: alignment 48 is not a power of two up to 1073741824
kmemlab-trace 2\na 0 8 al=2147483648\n|2: alignment 2147483648 is not a power of two up to 1073741824
kmemlab-trace 2\na 0 8\nf 0 al=8\n|3: al= on an op that is not 'a'
kmemlab-trace 2\na 0 8 ns=1x\n|2: bad value 'ns=1x'
kmemlab-trace 2\na 0 8 x=1\n|2: bad field 'x=1' (expected t=, al=, ns=, ev=, cache=, alloc=, gfp= or site=)
kmemlab-trace 1\na 0 8 t=1\n|2: trailing garbage 't=1'
kmemlab-trace 2\na 0 8 t=0\nf 1 t=1\n|3: free of id 1 that is not live
EOF
[ $fails -eq 0 ] && [ $n -eq 12 ]
ok $? "12 bad version-2 traces refused through debugfs: FILE:LINE: why, exit 1"
"$K" exec 'trace list' >"$tmp/left" 2>&1 && "$K" view instances >"$tmp/inst" 2>&1
show "$tmp/left" "$tmp/inst"
grep -q '^traces=0 ' "$tmp/left" && [ ! -s "$tmp/inst" ]
ok $? "after the refusals nothing is loaded: no trace, no instance"

used=$("$K" view context | sed -n 's/.* budget_used=\([0-9]*\).*/\1/p')
echo "# budget_used=$used after the runs"
[ "$used" = 0 ]
ok $? "after the runs the module's budget is back to 0"

rmmod kmemlab
ok $? "rmmod after the replays"
tap_end
