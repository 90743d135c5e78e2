# SPDX-License-Identifier: GPL-2.0
"""Helpers for the in-guest tests that drive the real module through
debugfs: a control-file session, views, the fault injection knobs (ours
and the kernel's failslab / fail_page_alloc), and the kernel log checks.
Used by tests/fuzz/kfuzz.py and tests/selftests/fault_inject.py."""

import errno
import os
import re
import subprocess

DEBUGFS = "/sys/kernel/debug"
KML = DEBUGFS + "/kmemlab"

# Kernel reports that fail a run: the start of a message, after the
# "[ seconds]" stamp (tools/vm/kmemlab-vm's BAD_LOG_RE, plus the debug
# kernel's checkers: KASAN, KFENCE, kmemleak, lockdep, debug objects,
# sleeping in atomic context).
BAD_LOG = re.compile(
    r"^(\[[^]]*\])*\s*(BUG:|kernel BUG at|WARNING:|Oops|general protection"
    r"|Call Trace:|watchdog: BUG: soft lockup|kmemlab: ERROR:"
    r"|INFO: possible (circular|recursive|irq lock)|INFO: task .* blocked"
    r"|UBSAN:|ODEBUG:|kmemleak: .*new suspected memory leaks"
    r"|============================================$)")


class Control:
    """One session: an open control file. cmd() writes one command and
    returns (errno or 0, reply text)."""

    def __init__(self):
        self.fd = os.open(KML + "/control", os.O_RDWR)

    def cmd(self, text):
        data = text if isinstance(text, bytes) else text.encode()
        err = 0
        try:
            os.write(self.fd, data)
        except OSError as e:
            err = e.errno
        chunks = []
        while True:
            b = os.read(self.fd, 1 << 16)
            if not b:
                break
            chunks.append(b)
        return err, b"".join(chunks).decode("utf-8", "replace")

    def ok(self, text):
        err, r = self.cmd(text)
        if err:
            raise RuntimeError("%r: %s: %s" % (text, errno.errorcode.get(err, err), r))
        return r

    def close(self):
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def view(name):
    with open(KML + "/" + name, "rb") as f:
        return f.read().decode("utf-8", "replace")


def instances():
    """Names of the instances now."""
    return [l.split()[0] for l in view("instances").splitlines() if l.strip()]


def field(text, key):
    m = re.search(r"(?:^| )%s=(-?\d+)" % re.escape(key), text, re.M)
    return int(m.group(1)) if m else None


def fault(settings):
    """Write our fault injection settings (module/core/fault.h)."""
    fd = os.open(KML + "/fault", os.O_WRONLY)
    try:
        os.write(fd, settings.encode())
    finally:
        os.close(fd)


def kernel_fault(kind, **attrs):
    """Set /sys/kernel/debug/<kind>/<attr> (failslab, fail_page_alloc);
    False when the kernel has no such fault injection."""
    d = DEBUGFS + "/" + kind
    if not os.path.isdir(d):
        return False
    for k, v in attrs.items():
        with open(d + "/" + k.replace("_", "-"), "w") as f:
            f.write(str(v))
    return True


_make_it_fail_fd = -1


def make_it_fail(on):
    """The calling process's make-it-fail flag (the task filter of the
    kernel's fault injection). The file stays open from the first call:
    an open() while the flag is set may itself be failed on purpose, and
    then the flag could never be cleared."""
    global _make_it_fail_fd
    if _make_it_fail_fd < 0:
        _make_it_fail_fd = os.open("/proc/self/make-it-fail", os.O_WRONLY)
    os.pwrite(_make_it_fail_fd, b"1" if on else b"0", 0)


def dmesg():
    return subprocess.run(["dmesg"], capture_output=True, text=True,
                          errors="replace").stdout


def bad_lines(log):
    return [l for l in log.splitlines() if BAD_LOG.match(l)]


# A backtrace frame of a kmemleak report: "    [<hashed>] symbol+off/size"
# or, for an address that no longer resolves, "    [<hashed>] 0xffff...".
KMEMLEAK_FRAME = re.compile(r"^\s*\[<[0-9a-f]+>\]\s+(\S+)")


def kmemleak_ours(text):
    """The reports of a kmemleak file's text that are kmemlab's: a frame
    names kmemlab (the module is loaded), or a frame does not resolve at
    all: the code of a module that was unloaded since, and in the test VM
    kmemlab is the only module that is ever unloaded, so a leak found after
    its rmmod shows up that way."""
    ours = []
    for r in re.split(r"(?m)^(?=unreferenced object)", text):
        if not r.startswith("unreferenced object"):
            continue
        frames = [m.group(1) for m in map(KMEMLEAK_FRAME.match,
                                          r.splitlines()) if m]
        if "kmemlab" in r or any(re.fullmatch(r"0x[0-9a-f]+", f)
                                 for f in frames):
            ours.append(r)
    return ours


def kmemleak_scan():
    """Scan twice (a leak must stay unreferenced for two scans) and return
    the reports that are kmemlab's (kmemleak_ours); None without
    kmemleak."""
    p = DEBUGFS + "/kmemleak"
    if not os.path.exists(p):
        return None
    for _ in range(2):
        with open(p, "w") as f:
            f.write("scan")
    with open(p) as f:
        return kmemleak_ours(f.read())


def kmemleak_clear():
    p = DEBUGFS + "/kmemleak"
    if os.path.exists(p):
        with open(p, "w") as f:
            f.write("clear")


def budget_used():
    return field(view("context"), "budget_used")


if __name__ == "__main__":
    # kmlctl.py bad-lines FILE | kmemleak FILE | kmemleak-scan: print what
    # the checks above find (a saved kernel log, a saved kmemleak file, or
    # a scan now); status 1 when they find anything.
    import sys
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "kmemleak-scan":
        found = kmemleak_scan() or []
    elif what in ("bad-lines", "kmemleak") and len(sys.argv) == 3:
        with open(sys.argv[2], errors="replace") as f:
            text = f.read()
        found = bad_lines(text) if what == "bad-lines" else kmemleak_ours(text)
    else:
        sys.exit("usage: kmlctl.py bad-lines FILE | kmemleak FILE | kmemleak-scan")
    for x in found:
        print(x.rstrip("\n"))
    sys.exit(1 if found else 0)
