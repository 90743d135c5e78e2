#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# report.html rendered by headless Chromium: a sim bench table (one trace,
# five backends) and the results fixture become reports; they must be
# well-formed, name the trace by its file, keep every SVG text inside its
# SVG and every chart within its legend's 8 rows (tests/lib/svg_fit.py,
# by the writer's width estimate: characters x font size x 0.62), and
# their screenshot must not be blank (decoded with python3's zlib: at least
# 64 colours, 2..90 % of the pixels not white). TAP on stdout; exit 4
# (SKIP) without chromium, 1 when a test fails.
#   tests/cli/report_render.sh [PATH-TO-KMEMLAB]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
K=${1:-$top/userspace/kmemlab}
if [ ! -x "$K" ]; then
	echo "1..0 # SKIP $K not built (make userspace)"
	exit 4
fi
if ! command -v chromium >/dev/null 2>&1; then
	echo "1..0 # SKIP chromium not installed (make deps)"
	exit 4
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/tap.sh
tap_plan 9
FIT="python3 tests/lib/svg_fit.py"

shot() {
	# $1 page, $2 png; no network, no profile of the user's
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$tmp/profile" --screenshot="$2" \
		--window-size=1280,2000 "file://$1" >"$tmp/chromium.log" 2>&1
}

$K -q sim bench --quick --only frag-holes -o "$tmp/b" >"$tmp/bench.out" 2>&1
ok $([ -s "$tmp/b/report.html" ]; echo $?) "sim bench --only frag-holes writes report.html"

mkdir "$tmp/fx"
cp tests/data/results/results.json "$tmp/fx/"
$K -q report "$tmp/fx" >"$tmp/fx.out" 2>&1
ok $? "report of the results fixture"

if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$tmp/b/report.html" "$tmp/fx/report.html" 2>&1 | show
	ok $(xmllint --noout "$tmp/b/report.html" "$tmp/fx/report.html" 2>/dev/null; echo $?) \
		"both reports are well-formed XML"
else
	skip "both reports are well-formed XML" "xmllint not installed"
fi

grep -q 'replay trace=frag-holes<' "$tmp/b/report.html" &&
	! grep -q 'trace=bench-' "$tmp/b/report.html"
ok $? "the page names the trace by its file (frag-holes), not bench-N"

n=$(grep -c '<tr class="cmp">' "$tmp/b/report.html")
grep -q '>Ratio to slab, 95 % interval</text>' "$tmp/b/report.html" &&
	grep -q '>Allocation latency tail (1 - CDF)</text>' "$tmp/b/report.html" &&
	[ "$n" -eq 4 ]
ok $? "headline rows of the 4 backends against slab, ratio bars, tail view"

$FIT fit "$tmp/b/report.html" >"$tmp/fit" 2>&1 &&
	$FIT fit "$tmp/fx/report.html" >>"$tmp/fit" 2>&1
st=$?
show "$tmp/fit"
ok $st "no SVG text runs past its SVG (both reports)"

$FIT series "$tmp/b/report.html" >"$tmp/series" 2>&1
st=$?
show "$tmp/series"
ok $st "no chart draws more lines than its legend names (8 rows + requested)"

shot "$tmp/b/report.html" "$tmp/b.png"
st=$?
[ $st -eq 0 ] || show "$tmp/chromium.log"
ok $([ $st -eq 0 ] && [ -s "$tmp/b.png" ]; echo $?) "chromium renders a screenshot"

$FIT png "$tmp/b.png" >"$tmp/png" 2>&1
st=$?
show "$tmp/png"
ok $st "the screenshot is not blank"
[ -n "${KMEMLAB_REPORT_SHOT:-}" ] && cp "$tmp/b.png" "$KMEMLAB_REPORT_SHOT"

tap_end
