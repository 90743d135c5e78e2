#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One meaning per option letter: every '-X, --long' that 'kmemlab --help'
# and 'kmemlab help COMMAND' list pairs each letter with one long name in
# every command, and the table "Option letters" of docs/cli.md lists
# exactly these pairs. The older long names --save (run, replay) and --out
# (bench) still work as --output. TAP on stdout; exit 1 when a test fails.
#   tests/cli/option_letters.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 5
if [ ! -x "$K" ]; then
	echo "# SKIP: $K not built (make userspace)"
	exit 4
fi

# letter and long name of every option, from the help of the tool
{
	$K --help | sed -n 's/^  \(-[A-Za-z]\), \(--[a-z-]*\).*/\1 \2/p'
	for c in $($K --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
		$K help "$c" | sed -n 's/^  \(-[A-Za-z]\), \(--[a-z-]*\).*/\1 \2/p'
	done
} | sort -u >"$tmp/pairs"
show "$tmp/pairs"
ok $([ -s "$tmp/pairs" ] && [ "$(cut -d' ' -f1 "$tmp/pairs" | uniq -d)" = "" ]; echo $?) \
	"each option letter has one long name in every command${tmp:+ }$(cut -d' ' -f1 "$tmp/pairs" | uniq -d | tr '\n' ' ')"

# the table of docs/cli.md: | `-X` | `--long` | ...
sed -n '/^## Option letters/,/^## /s/^| `\(-[A-Za-z]\)` | `\(--[a-z-]*\)`.*/\1 \2/p' docs/cli.md |
	sort -u >"$tmp/doc"
diff "$tmp/doc" "$tmp/pairs" | show
ok $(cmp -s "$tmp/doc" "$tmp/pairs"; echo $?) "docs/cli.md 'Option letters' lists exactly the letters the tool has"

# --output and its older names write the same files
run="$K -q sim run churn --backend slab --ops 200 --reps 1"
$run -o "$tmp/o" >/dev/null 2>&1
ok $([ -s "$tmp/o/results.json" ]; echo $?) "run -o DIR writes DIR/results.json"
$run --output "$tmp/out" >/dev/null 2>&1
ok $([ -s "$tmp/out/results.json" ]; echo $?) "run --output DIR writes DIR/results.json"
$run --save "$tmp/save" >/dev/null 2>&1
ok $([ -s "$tmp/save/results.json" ]; echo $?) "run --save DIR (the older name) still works"
tap_end
