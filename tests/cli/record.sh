#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kmemlab record: a small C program (tests/cli/data/record_prog.c: threads,
# cross-thread frees, realloc, posix_memalign, aligned_alloc, fork) is
# recorded; the trace's op counts are the recorded events less the dropped
# ones, the thread streams and alignments are there, the trace replays in
# sim mode on several backends with each thread on its worker; bad input
# (options, garbage and truncated raw recordings, a command that is not
# found or fails) gives a clear message, the documented exit status and no
# output file. TAP on stdout.
#   tests/cli/record.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
if [ ! -x "$K" ] || [ ! -f "$top/userspace/kmemlab-record.so" ]; then
	echo "# SKIP: $K or its kmemlab-record.so not built (make userspace)"
	exit 4
fi
if ! ${CC:-cc} -O1 -pthread -o "$tmp/prog" tests/cli/data/record_prog.c; then
	echo "# SKIP: no C compiler"
	exit 4
fi
export KMEMLAB_NO_REEXEC=1
tap_plan 29

# field N of the summary line that starts with PREFIX
num() { sed -n "s/.*$1 \([0-9]*\).*/\1/p" "$2" | head -1; }

"$K" record --raw "$tmp/raw" -o "$tmp/t.trace" -- "$tmp/prog" >"$tmp/out" 2>"$tmp/err"
ok $? "record of the test program exits 0"
show "$tmp/err"
head -1 "$tmp/t.trace" | grep -q '^# recorded by: kmemlab record -- ' && \
	grep -q '^kmemlab-trace 2$' "$tmp/t.trace"
ok $? "native version 2 header, with the command"
ops=$(grep -c '^[afr] ' "$tmp/t.trace")
said=$(sed -n 's/.*\.trace: \([0-9]*\) ops.*/\1/p' "$tmp/err")
events=$(sed -n 's/.* from \([0-9]*\) events.*/\1/p' "$tmp/err")
unknown=$(sed -n 's/.*dropped: \([0-9]*\) frees of unknown.*/\1/p' "$tmp/err")
large=$(sed -n 's/.*, \([0-9]*\) requests above 1 GiB.*/\1/p' "$tmp/err")
[ -n "$ops" ] && [ "$ops" = "$said" ] && [ "$events" -eq $((ops + unknown + large)) ]
ok $? "op lines ($ops) = ops said ($said) = events ($events) - dropped ($unknown + $large)"
# the raw files hold the same events: 40-byte records after a 32-byte header,
# one mark per process image
raw=0
for f in "$tmp"/raw/*.kmr; do
	raw=$((raw + ($(stat -c %s "$f") - 32) / 40))
done
marks=$(ls "$tmp"/raw/*.kmr | wc -l)
[ "$raw" -eq $((events + marks)) ]
ok $? "raw records ($raw) = events ($events) + one end mark per image ($marks)"
[ "$(grep -c '^a [0-9]* 200 .*al=64' "$tmp/t.trace")" -eq 3 ]
ok $? "the 3 posix_memalign(64, 200) are a lines with al=64"
[ "$(grep -c '^a [0-9]* 4096 .*al=4096' "$tmp/t.trace")" -eq 1 ]
ok $? "aligned_alloc(4096, 4096) is an a line with al=4096"
grep -q 'posix_memalign 3, aligned_alloc 1' "$tmp/err" && grep -q 'reallocarray 1' "$tmp/err"
ok $? "the summary counts the calls: posix_memalign 3, aligned_alloc 1, reallocarray 1"
threads=$(grep -c '^#   t=' "$tmp/t.trace")
[ "$threads" -ge 6 ] && [ "$(grep -c '^[afr] .* t=[1-4] ' "$tmp/t.trace")" -ge 1200 ]
ok $? "6 threads or more (main, 4 workers, the child): $threads; the workers' 1200 ops have their t="
# the child's stream: its own process image and thread
child=$(grep '^#   t=' "$tmp/t.trace" | awk -v main="$(sed -n '3s/.* pid \([0-9]*\) .*/\1/p' "$tmp/t.trace")" '$4 != main { sub("t=", "", $2); print $2 }' | head -1)
[ -n "$child" ] && grep -q "^a [0-9]* 77 t=$child " "$tmp/t.trace" && grep -q "^r [0-9]* 99 t=$child " "$tmp/t.trace"
ok $? "the forked child is its own stream (t=$child): its malloc(77) and realloc(99)"
# cross-thread frees: an object of size 1000..1003 allocated by a worker, freed by t=0
xfree=0
for k in 0 1 2 3; do
	id=$(sed -n "s/^a \([0-9]*\) $((1000 + k)) t=[1-4] .*/\1/p" "$tmp/t.trace" | tail -1)
	[ -n "$id" ] && awk -v id="$id" -v sz=$((1000 + k)) '$1 == "a" && $2 == id && $3 == sz { on = 1; next } on && $1 == "f" && $2 == id { print $3; exit }' "$tmp/t.trace" | grep -q '^t=0$' && xfree=$((xfree + 1))
done
[ "$xfree" -eq 4 ]
ok $? "the 4 objects allocated by workers are freed by the main thread ($xfree found)"

"$K" sim replay "$tmp/t.trace" --backend glibc,slab,first-fit,buddy --cpus 0,1 --reps 2 >"$tmp/rp" 2>"$tmp/rpe"
ok $? "replay in sim on glibc, slab, first-fit, buddy over 2 workers"
show "$tmp/rpe"
[ "$(grep -cE '^(glibc|slab|first-fit|buddy) .* ok$' "$tmp/rp")" -eq 4 ]
ok $? "every row is valid (all ops done, aligned, no refused free)"
"$K" sim replay "$tmp/t.trace" --backend slab,best-fit --cpus 0 --reps 1 >"$tmp/rj" 2>/dev/null && \
	[ "$(grep -cE '^(slab|best-fit) .* ok$' "$tmp/rj")" -eq 2 ]
ok $? "replay with every thread on one worker: valid rows"
"$K" sim exec "trace load t
$(cat "$tmp/t.trace")" >"$tmp/load" 2>&1
grep -q "ops=$ops .* threads=$threads aligned=4" "$tmp/load"
ok $? "trace load: ops=$ops, threads=$threads, aligned=4"
# the 4 objects of workers t=1..4 freed by t=0: on 2 workers, those of t=1
# and t=3 are freed on the other worker's CPU; on one worker, none
"$K" sim exec "trace load t
$(cat "$tmp/t.trace")" "create s slab" "run replay on=s trace=t cpus=0,1 reps=1" \
	"run replay on=s trace=t cpus=0 reps=1" >"$tmp/xc" 2>&1
[ "$(grep -c ' cross_cpu_frees=' "$tmp/xc")" -eq 2 ] &&
	grep -q "cpus=0,1 ops=$ops ops_done=$ops done=ok .* cross_cpu_frees=2 " "$tmp/xc" &&
	grep -q "cpus=0 ops=$ops ops_done=$ops done=ok .* cross_cpu_frees=0 " "$tmp/xc"
ok $? "replay by thread: cross_cpu_frees=2 on 2 workers, 0 on one"

# --format rep: one thread only
cat >"$tmp/one.c" <<'C'
#include <stdlib.h>
int main(void) { void *volatile p = malloc(10); p = realloc(p, 20); free(p); return 0; }
C
${CC:-cc} -O1 -o "$tmp/one" "$tmp/one.c"
"$K" -q record --format rep -o "$tmp/one.rep" -- "$tmp/one" 2>"$tmp/e1"
ok $? "--format rep of a one-thread program"
n=$(sed -n 3p "$tmp/one.rep")
[ "$n" -eq "$(grep -c '^[afr] ' "$tmp/one.rep")" ] && grep -q '^a [0-9]* 10$' "$tmp/one.rep" && grep -q '^r [0-9]* 20$' "$tmp/one.rep" && \
	"$K" sim replay "$tmp/one.rep" --backend first-fit --reps 1 >/dev/null 2>&1
ok $? ".rep with a 4-line header whose num_ops is the body's; it replays"
"$K" record --format rep -o "$tmp/no.rep" -- "$tmp/prog" >/dev/null 2>"$tmp/e2"
st=$?
[ $st -eq 1 ] && [ ! -e "$tmp/no.rep" ] && grep -q "kmemlab: record: --format rep: the recording has .* threads" "$tmp/e2"
ok $? "--format rep of a threaded program: exit 1, why, no file"

# bounds
"$K" record --max-ops 100 -o "$tmp/cut.trace" -- "$tmp/prog" >/dev/null 2>"$tmp/e3"
[ $? -eq 0 ] && [ "$(grep -c '^[afr] ' "$tmp/cut.trace")" -le 100 ] && grep -q '^# truncated' "$tmp/cut.trace" && grep -q 'warning: trace truncated' "$tmp/e3"
ok $? "--max-ops 100: at most 100 ops, marked truncated, warned"
"$K" sim replay "$tmp/cut.trace" --backend slab --reps 1 >/dev/null 2>&1
ok $? "the truncated trace replays"

# failures: exit status, message, no file
"$K" record -o "$tmp/f1" -- "$tmp/prog" 3 >/dev/null 2>"$tmp/e4"
st=$?
[ $st -eq 3 ] && [ ! -e "$tmp/f1" ] && grep -q "kmemlab: record: .*prog failed (exit status 3): no trace written" "$tmp/e4" && [ -z "$(ls "$tmp" | grep 'f1\.tmp')" ]
ok $? "a failing command: its status (3), why, no file"
"$K" record -o "$tmp/f2" -- "$tmp/nosuchprog" >/dev/null 2>"$tmp/e5"
st=$?
[ $st -eq 127 ] && [ ! -e "$tmp/f2" ] && grep -q "could not be run (exit status 127)" "$tmp/e5"
ok $? "a command not found: 127, why, no file"
"$K" record -- "$tmp/prog" >/dev/null 2>"$tmp/e6"
[ $? -eq 2 ] && grep -q "kmemlab: record: -o FILE is required" "$tmp/e6"
ok $? "no -o: usage error, exit 2"
"$K" record -o "$tmp/f3" --max-ops 0 -- "$tmp/prog" >/dev/null 2>"$tmp/e7"
[ $? -eq 2 ] && grep -q "max-ops: '0': expected a number from 1 to 1048576" "$tmp/e7" && [ ! -e "$tmp/f3" ]
ok $? "--max-ops 0: usage error, exit 2"
"$K" record -o "$tmp/f3" --format xml -- "$tmp/prog" >/dev/null 2>"$tmp/e8"
[ $? -eq 2 ] && grep -q "format: 'xml': expected native or rep" "$tmp/e8"
ok $? "--format xml: usage error, exit 2"

# raw recordings: garbage, truncated, damaged
mkdir "$tmp/g" "$tmp/tr"
head -c 1000 /dev/urandom >"$tmp/g/1-0.kmr"
"$K" record -o "$tmp/f4" --from "$tmp/g" >/dev/null 2>"$tmp/e9"
[ $? -eq 1 ] && [ ! -e "$tmp/f4" ] && grep -q "1-0.kmr: not a raw recording of kmemlab record" "$tmp/e9"
ok $? "--from garbage: exit 1, why, no file"
f=$(ls "$tmp"/raw/*.kmr | head -1)
head -c $(($(stat -c %s "$f") - 7)) "$f" >"$tmp/tr/x.kmr"
"$K" record -o "$tmp/f5" --from "$tmp/tr" >/dev/null 2>"$tmp/e10"
[ $? -eq 1 ] && [ ! -e "$tmp/f5" ] && grep -q "x.kmr: truncated: .* are not whole 40-byte records" "$tmp/e10"
ok $? "--from a truncated recording: exit 1, why, no file"
head -c $(($(stat -c %s "$f") - 40)) "$f" >"$tmp/tr/x.kmr"
"$K" record -o "$tmp/f6" --from "$tmp/tr" >/dev/null 2>"$tmp/e11"
[ $? -eq 0 ] && grep -q "x.kmr: no end mark" "$tmp/e11" && [ -s "$tmp/f6" ]
ok $? "--from a recording cut at a record boundary: kept, with a warning"
"$K" record -o "$tmp/f7" --from "$tmp/raw" 2>"$tmp/e12" && \
	[ "$(grep -c '^[afr] ' "$tmp/f7")" -eq "$ops" ]
ok $? "--from the kept raw recordings: the same $ops ops"
tap_end
