#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages (make deb) install and work: both are unpacked into a
# scratch root (dpkg -x: nothing is installed on this machine), DKMS builds
# the module from kmemlab-dkms's source against a kernel of tools/kernels
# (default 6.12, fetched into the cache) in that root's own DKMS tree, and
# that kernel boots in the VM, loads the DKMS-built module and runs the
# packaged tool against it. TAP on stdout; exit 1 when a test fails.
#   tests/kernels/deb.sh [KERNEL]
# KMEMLAB_VM_LOCK: the lock file of VM boots (default /tmp/kmemlab-vm.lock;
# empty when the caller holds the lock).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
# shellcheck disable=SC1091
. tests/lib/tap.sh
kname=${1:-6.12}
lock=${KMEMLAB_VM_LOCK-/tmp/kmemlab-vm.lock}
out=build/deb-test
scratch=$out/root
rm -rf "$out"
mkdir -p "$scratch/var/lib/dkms"
tap_plan 9
ver=$(sed -n 's/^#define KML_VERSION "\(.*\)"/\1/p' module/engine/kml_version.h)

t0=$SECONDS
tools/deb >"$out/deb.log" 2>&1
st=$?
show "$out/deb.log"
ok $st "make deb builds kmemlab_$ver.dsc, kmemlab-dkms and kmemlab ($((SECONDS - t0)) s)"
dkms_deb=build/deb/kmemlab-dkms_${ver}_all.deb
tool_debs=(build/deb/kmemlab_"${ver}"_*.deb)
tool_deb=${tool_debs[0]}
[ -s "$dkms_deb" ] && [ -s "$tool_deb" ] && [ -s "build/deb/kmemlab_$ver.dsc" ] &&
	dpkg -x "$dkms_deb" "$scratch" && dpkg -x "$tool_deb" "$scratch"
ok $? "both packages unpack into a scratch root"

# what each package holds
src=$scratch/usr/src/kmemlab-$ver
grep -qx "PACKAGE_VERSION=\"$ver\"" "$src/dkms.conf" && [ -f "$src/Kbuild" ] &&
	[ -f "$src/module/kernel/main.c" ] && [ -f "$src/module/engine/kml_version.h" ] &&
	! dpkg -c "$tool_deb" | grep -q '/usr/src/'
ok $? "kmemlab-dkms holds the module's source and dkms.conf at version $ver; kmemlab none of it"
[ "$("$scratch/usr/bin/kmemlab" --version)" = "kmemlab tool $ver" ] &&
	[ -s "$scratch/usr/share/man/man1/kmemlab.1.gz" ] &&
	zcat "$scratch/usr/share/man/man1/kmemlab.1.gz" | grep -q '^\.SS bench' &&
	[ -s "$scratch/usr/share/bash-completion/completions/kmemlab" ] &&
	[ -s "$scratch/usr/share/doc/kmemlab/cli.md.gz" ]
ok $? "kmemlab holds the tool ($ver), kmemlab(1), the bash completion and the docs"
dpkg -I "$dkms_deb" | grep -q 'Depends:.*dkms' &&
	dpkg-deb -e "$dkms_deb" "$out/control" && grep -q '^DKMS_NAME=kmemlab$' "$out/control/postinst" &&
	grep -q 'common.postinst' "$out/control/postinst"
ok $? "kmemlab-dkms depends on dkms and its postinst hands the module to DKMS"

# DKMS, in the scratch root's trees, against the cached kernel's headers
info=$(tools/kernels fetch "$kname" 2>"$out/fetch.log" && tools/kernels info "$kname")
st=$?
show "$out/fetch.log"
ok $st "kernel $kname is fetched (tools/kernels fetch $kname)"
release=
kdir=
[ $st = 0 ] && eval "$info"
t0=$SECONDS
dk=(--sourcetree "$top/$scratch/usr/src" --dkmstree "$top/$scratch/var/lib/dkms")
{
	dkms add -m kmemlab -v "$ver" "${dk[@]}" &&
		nice -n 10 dkms build -m kmemlab -v "$ver" -k "$release" \
			--kernelsourcedir "$kdir" "${dk[@]}"
} >"$out/dkms.log" 2>&1
st=$?
ko=$scratch/var/lib/dkms/kmemlab/$ver/$release/x86_64/module/kmemlab.ko
if [ $st != 0 ] || [ ! -s "$ko" ]; then
	st=1
	tail -n 20 "$out/dkms.log" | show
fi
ok $st "dkms build makes kmemlab.ko for $release from the package ($((SECONDS - t0)) s)"

# the kernel boots, loads the DKMS-built module, the packaged tool talks to it
cat >"$out/guest.sh" <<GUEST
set -x
insmod $ko || exit 11
$scratch/usr/bin/kmemlab version || exit 12
$scratch/usr/bin/kmemlab -e 'create s slab' -e 'alloc s 100' status || exit 13
rmmod kmemlab || exit 14
GUEST
vm=(tools/vm/kmemlab-vm --timeout 600 --kernel "$release" -- sh "$out/guest.sh")
[ -n "$lock" ] && vm=(flock "$lock" "${vm[@]}")
t0=$SECONDS
if [ -s "$ko" ]; then
	"${vm[@]}" >"$out/vm.log" 2>&1
	st=$?
else
	echo "no module" >"$out/vm.log"
	st=1
fi
[ $st = 0 ] || show "$out/vm.log"
ok $st "$release boots in the VM, loads the DKMS-built module, the packaged tool runs against it and it unloads ($((SECONDS - t0)) s)"
grep -q "module $ver (dkms-$ver)" "$out/vm.log" ||
	grep -q "dkms-$ver" "$out/vm.log"
st=$?
[ $st = 0 ] || grep -i 'version' "$out/vm.log" | head -n 5 | show
ok $st "the module says it was built by DKMS from package version $ver"
tap_end
