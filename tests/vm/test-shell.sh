#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kmemlab-vm --shell on a real terminal (tmux): a root shell in the guest at
# the terminal's size and TERM; the module loads; 'kmemlab top' draws its
# screen there and quits on q; Ctrl-C reaches the guest's foreground
# command and not the VM; the shell's exit status comes back. Without a
# terminal --shell is a usage error. TAP on stdout.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
vm=$top/tools/vm/kmemlab-vm
n=0 failed=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}
echo "TAP version 13"
echo "1..7"

"$vm" --shell </dev/null >/dev/null 2>/tmp/kmv-shell.$$
rc=$?
grep -q 'needs a terminal' /tmp/kmv-shell.$$
ok $(( $? || rc != 2 )) "--shell without a terminal is a usage error (exit $rc)"
rm -f /tmp/kmv-shell.$$

if ! command -v tmux >/dev/null; then
	for t in "the guest shell has the terminal's size and TERM" \
		"kmemlab top draws on the guest's terminal and quits on q" \
		"Ctrl-C stops the guest's command, not the VM" \
		"insmod kmemlab.ko in the shell" "the shell's exit status comes back" \
		"top shows our slab while a run uses it; the run stops"
	do
		n=$((n + 1))
		echo "ok $n - $t # SKIP no tmux (make deps)"
	done
	exit 0
fi

sock=kmv-test-$$
T() { tmux -L "$sock" "$@"; }
screen() { T capture-pane -p -t kv | tr -d '\r'; }
# wait_for PATTERN SECONDS: until the screen shows PATTERN (extended regex)
wait_for() {
	local i
	for ((i = 0; i < $2 * 5; i++)); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.2
	done
	screen | sed 's/^/# | /'
	return 1
}
trap 'T kill-server 2>/dev/null' EXIT
TERM=xterm-256color T new-session -d -s kv -x 100 -y 30 \
	"cd '$top' && '$vm' --shell; echo VMEXIT=\$?; sleep 120"
if ! wait_for '^kmemlab-vm:[^ ]*# ?$' 180; then
	for ((i = n; i < 7; i++)); do ok 1 "the guest shell starts"; done
	exit 1
fi

T send-keys -t kv 'echo "size=$(stty size) term=$TERM"' Enter
wait_for '^size=30 100 term=tmux-256color$|^size=30 100 term=screen' 20
ok $? "the guest shell has the terminal's size and TERM"

T send-keys -t kv 'insmod kmemlab.ko && echo loaded=$?' Enter
wait_for '^loaded=0$' 60
ok $? "insmod kmemlab.ko in the shell"

T send-keys -t kv 'userspace/kmemlab top -d 1' Enter
wait_for 'kmemlab top  ours [0-9]+  real [0-9]+  every 1.000s .* h help  q quit' 60
st=$?
T send-keys -t kv q
wait_for '^kmemlab-vm:[^ ]*# ?$' 30
ok $(( st || $? )) "kmemlab top draws on the guest's terminal and quits on q"

# our slab watched by top while a run uses it (busy instances stay shown)
T send-keys -t kv "userspace/kmemlab exec 'create s slab size=64' >/dev/null && { userspace/kmemlab exec 'run churn on=s ops=100000000' >/dev/null & } && sleep 2 && userspace/kmemlab top -d 1" Enter
wait_for 'kmemlab top  ours 1  ' 60 && wait_for '^ours +[0-9]+ +[0-9]+ .* slab-64( |$)' 30
st=$?
T send-keys -t kv q
sleep 1
T send-keys -t kv "userspace/kmemlab exec stop; wait; echo waited" Enter
wait_for '^waited$' 60
ok $(( st || $? )) "top shows our slab while a run uses it; the run stops"

T send-keys -t kv 'sleep 300' Enter
sleep 3
T send-keys -t kv C-c
sleep 1
T send-keys -t kv 'echo slept=$?' Enter
wait_for '^slept=130$' 30
ok $? "Ctrl-C stops the guest's command, not the VM"

T send-keys -t kv 'rmmod kmemlab; exit 7' Enter
wait_for '^VMEXIT=7$' 60
ok $? "the shell's exit status comes back"
echo "# $((n - failed)) passed, $failed failed"
((failed == 0))
