#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Fault injection against the real module, TAP on stdout:

- fail_nth= at load: the page source fails, the reply says so, nothing
  is left; fail_prob=101 is refused with a reason in the kernel log;
- the debugfs file `fault`: a sweep of fail-every-Nth over the page source
  and metadata memory (N = 1..KMEMLAB_FAULT_SWEEP, default 16) while a
  script of every command kind runs: each command succeeds or replies one
  error line (an injected ENOMEM says so), a failed create leaves no
  instance, then validate is clean, reset gives the budget back to 0;
- the kernel's own failslab and fail_page_alloc (on a kernel with
  CONFIG_FAULT_INJECTION_DEBUG_FS, such as tools/debug-kernel), limited
  to this process (task-filter, make-it-fail): the real backends' objects
  and the command's own copies fail, with the same guarantees (not the
  creates of real caches: the kernel dumps a stack on a failed
  kmem_cache_create());
- rmmod clean, and no kernel report (BUG, WARNING, KASAN, lockdep...)
  in the log since the start.
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import kmlctl  # noqa: E402

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KO = os.environ.get("KMEMLAB_KO", os.path.join(TOP, "kmemlab.ko"))
SWEEP = int(os.environ.get("KMEMLAB_FAULT_SWEEP", "16"))

n_test = 0
fails = 0


def ok(cond, desc, detail=None):
    global n_test, fails
    n_test += 1
    print("%sok %d - %s" % ("" if cond else "not ", n_test, desc))
    if not cond:
        fails += 1
        if detail:
            for line in str(detail).splitlines()[:30]:
                print("# " + line)
    sys.stdout.flush()


SCRIPT = [
    "create b buddy pool=16M",
    "create p buddy pool=8M pcp=1",
    "create s slab pool=4M",
    "create k slab size=192 pool=4M",
    "create h first-fit pool=64K",
    "create g segregated pool=64K",
    "create n null",
    "alloc s 100", "alloc s 3000", "alloc k 192", "alloc h 200",
    "alloc g 64", "alloc b 4096", "alloc h 70000",
    "handles s", "free s 0", "shrink s", "shrink k",
    "validate b", "validate s",
    "run churn on=s,k ops=300",
    "run sizes on=h,g ops=200 max=2000",
    "run pages on=b,p ops=200 maxorder=3",
    "run remote on=k cpus=0,1 ops=200",
    "trace load t\nkmemlab-trace 1\na 1 100\na 2 200\nf 1\n",
    "run replay on=s trace=t",
    "trace drop t",
    "destroy h",
    "create h2 best-fit pool=32K",
    "reset k",
]

REAL_CACHE_CREATE = re.compile(r"create \S+ kmem_cache(_bulk)?( |$)")
REAL_SCRIPT = [
    "create r kmalloc",
    "create c kmem_cache size=256",
    "create q kmem_cache_bulk size=96",
    "create v vmalloc",
    "create a alloc_pages",
    "alloc r 100", "alloc r 5000", "alloc c 256", "alloc q 96",
    "alloc v 20000", "alloc a 16384", "alloc a 4096",
    "handles r", "free r 0", "shrink c",
    "validate r", "validate c",
    "run churn on=r,c ops=300",
    "run sizes on=r,v ops=100 max=8000",
    "run pages on=a ops=100 maxorder=2",
    "trace load t\nkmemlab-trace 1\na 1 100\na 2 200\nf 1\n",
    "run replay on=r trace=t",
    "trace drop t",
    "destroy v",
    "create d kmalloc pool=1M",
    "alloc d 300",
]


def name_of_create(cmd):
    w = cmd.split()
    return w[1] if w[0] == "create" else None


def run_script(ctl, script, tag, task_fail=False):
    """Run @script; return a list of problems."""
    problems = []
    for cmd in script:
        mark = kmlctl.field(kmlctl.view("fault"), "pages_injected") or 0
        mark += kmlctl.field(kmlctl.view("fault"), "meta_injected") or 0
        # A failed kmem_cache_create() prints a stack dump by design
        # (mm/slab_common.c), which any kernel log check takes for a
        # report: the creates of real caches run without the kernel's
        # injection (ours still fails them: page source and metadata).
        fail = task_fail and not REAL_CACHE_CREATE.match(cmd)
        if fail:
            kmlctl.make_it_fail(True)
        try:
            err, r = ctl.cmd(cmd)
        finally:
            if fail:
                kmlctl.make_it_fail(False)
        now = kmlctl.field(kmlctl.view("fault"), "pages_injected") or 0
        now += kmlctl.field(kmlctl.view("fault"), "meta_injected") or 0
        name = name_of_create(cmd)
        c = cmd.split("\n")[0]
        if not err:
            if r.startswith("error:"):
                problems.append("%s: '%s' succeeded with %s" % (tag, c, r))
            if name and name not in kmlctl.instances():
                problems.append("%s: '%s' succeeded, %s not listed" % (tag, c, name))
            continue
        if not (r.startswith("error: ") and r.count("\n") == 1 and r.endswith("\n")):
            problems.append("%s: '%s' failed (errno %d) with %r" % (tag, c, err, r))
        if err == 12 and now != mark and "(fault injection: " not in r:
            problems.append("%s: '%s': ENOMEM after injection, reply %r" % (tag, c, r))
        if name and "already exists" not in r and name in kmlctl.instances():
            problems.append("%s: '%s' failed but %s is listed" % (tag, c, name))
    return problems


def heal(ctl, tag):
    """Fault injection off; validate everything; reset; budget 0."""
    problems = []
    kmlctl.fault("off")
    for n in kmlctl.instances():
        err, r = ctl.cmd("validate " + n)
        if err or kmlctl.field(r, "violations") != 0:
            problems.append("%s: validate %s: %s" % (tag, n, r.strip()))
    err, r = ctl.cmd("reset")
    if err:
        problems.append("%s: reset: %s" % (tag, r.strip()))
    ctl.cmd("trace drop t")
    if kmlctl.instances():
        problems.append("%s: left: %s" % (tag, kmlctl.instances()))
    used = kmlctl.budget_used()
    if used:
        problems.append("%s: budget_used=%d after reset" % (tag, used))
    return problems


def rmmod():
    subprocess.run(["rmmod", "kmemlab"], capture_output=True)


def main():
    if os.geteuid() != 0:
        print("# SKIP: needs root")
        return 4
    print("TAP version 13")
    print("1..8")
    rmmod()
    start = len(kmlctl.dmesg())

    # 1. at load
    p = subprocess.run(["insmod", KO, "fail_prob=101"], capture_output=True)
    ok(p.returncode != 0 and "fail_prob=101" in kmlctl.dmesg()[start:],
       "insmod fail_prob=101 fails and the kernel log says why")
    subprocess.run(["insmod", KO, "fail_nth=1"], check=True)
    ctl = kmlctl.Control()
    f = kmlctl.view("fault")
    err, r = ctl.cmd("create b buddy pool=8M")
    ok(f.startswith("fault nth=1 prob=0 where=pages ") and err == 12 and
       "(fault injection: 1 allocation(s) failed on purpose" in r and
       not kmlctl.instances() and kmlctl.budget_used() == 0,
       "fail_nth=1: create of a pool fails with ENOMEM, says so, leaves nothing",
       f + r)
    # a bad setting changes nothing
    try:
        kmlctl.fault("nth=2 prob=x")
        bad = False
    except OSError as e:
        bad = e.errno == 22
    ok(bad and kmlctl.view("fault").startswith("fault nth=1 "),
       "a bad setting is refused with EINVAL and changes nothing")

    # 2. the sweep
    problems = []
    injected = 0
    for where in ("pages", "pages+meta"):
        for n in range(1, SWEEP + 1):
            tag = "nth=%d where=%s" % (n, where)
            kmlctl.fault(tag)
            problems += run_script(ctl, SCRIPT, tag)
            f = kmlctl.view("fault")
            injected += kmlctl.field(f, "pages_injected") + kmlctl.field(f, "meta_injected")
            problems += heal(ctl, tag)
    ok(not problems and injected > SWEEP,
       "fail every Nth, N=1..%d, pages and pages+meta: %d failures injected, "
       "every command whole or refused, validate clean, budget back to 0"
       % (SWEEP, injected), "\n".join(problems))

    # 3. the kernel's failslab and fail_page_alloc on the real backends
    for kind in ("failslab", "fail_page_alloc"):
        attrs = dict(probability=20, interval=1, times=-1, verbose=0,
                     task_filter="Y", ignore_gfp_wait="N", space=0)
        if kind == "fail_page_alloc":
            attrs.update(ignore_gfp_highmem="N", min_order=0)
        if not kmlctl.kernel_fault(kind, **attrs):
            print("ok %d - # SKIP %s: this kernel has no fault injection in debugfs "
                  "(make check-debug boots one that has)" % (n_test + 1, kind))
            n_test_skip()
            continue
        problems = []
        for rnd in range(8):
            problems += run_script(ctl, REAL_SCRIPT + SCRIPT, "%s round %d" % (kind, rnd),
                                   task_fail=True)
            problems += heal(ctl, "%s round %d" % (kind, rnd))
        kmlctl.kernel_fault(kind, probability=0, times=0)
        ok(not problems, "%s (20%%, this task only), 8 rounds of every command on "
           "the real backends and ours: whole or refused, nothing left" % kind,
           "\n".join(problems))

    ctl.close()
    p = subprocess.run(["rmmod", "kmemlab"], capture_output=True, text=True)
    ok(p.returncode == 0, "rmmod after the sweeps", p.stderr)
    bad = kmlctl.bad_lines(kmlctl.dmesg()[start:])
    ok(not bad, "no kernel report in the log", "\n".join(bad))
    return 1 if fails else 0


def n_test_skip():
    global n_test
    n_test += 1


if __name__ == "__main__":
    sys.exit(main())
