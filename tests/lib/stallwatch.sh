# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
#
# A stall watchdog for the selftest runner (tests/selftests/run). Source
# it, set stall (seconds; 0: no limit), then:
#   run_watched TAP PROG   run PROG with its output in TAP; its status, or
#                          124 when TAP did not grow for $stall s: the
#                          kernel's blocked tasks and CPUs are dumped
#                          (SysRq w and l), PROG is killed and TAP gets a
#                          "not ok" line saying so. A stalled program stuck
#                          in the kernel may never die: it is not waited for.
# KMEMLAB_SYSRQ and KMEMLAB_KMSG name the SysRq trigger and the kernel log
# (default /proc/sysrq-trigger and /dev/kmsg), KMEMLAB_STALL_POLL how often
# TAP is looked at (default 5 s): the host test (tests/cli/stallwatch.sh)
# points them at files and polls every second.
stall=${stall:-0}
stall_sysrq=${KMEMLAB_SYSRQ:-/proc/sysrq-trigger}
stall_kmsg=${KMEMLAB_KMSG:-/dev/kmsg}
stall_poll=${KMEMLAB_STALL_POLL:-5}
stall_seen=0

# stall_watch TAP PID NAME (in the background): polls TAP's size
stall_watch() {
	size=-1
	quiet=0
	while kill -0 "$2" 2>/dev/null; do
		sleep "$stall_poll"
		now=$(wc -c <"$1")
		if [ "$now" != "$size" ]; then
			size=$now
			quiet=0
			continue
		fi
		quiet=$((quiet + stall_poll))
		if [ "$quiet" -ge "$stall" ]; then
			echo "selftests: $3 printed nothing for $stall s; SysRq w and l" >>"$stall_kmsg"
			echo w >>"$stall_sysrq"
			echo l >>"$stall_sysrq"
			kill -USR1 $$
			kill -9 "$2"
			exit 0
		fi
	done
}

trap 'stall_seen=1' USR1

run_watched() {
	"$2" >"$1" 2>&1 &
	pid=$!
	watcher=
	if [ "$stall" -gt 0 ]; then
		stall_watch "$1" "$pid" "$(basename "$2")" &
		watcher=$!
	fi
	wait "$pid"
	st=$?
	if [ "$stall_seen" = 1 ]; then
		stall_seen=0
		echo "not ok 1 $(basename "$2") printed nothing for $stall s: stalled (the kernel log has the blocked tasks)" >>"$1"
		return 124
	fi
	if [ -n "$watcher" ]; then
		kill "$watcher" 2>/dev/null
		wait "$watcher" 2>/dev/null
	fi
	return $st
}
