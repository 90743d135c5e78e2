#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kfuzz: the in-guest fuzzer of kmemlab's command language, against the
real module (run as root, in the VM: tools/vm/kmemlab-vm).

Commands come from the language's own grammar, read from the module at
start: the backends and their create keys (view `backends`), the workloads
and their keys with bounds and enums (view `workloads`), the other verbs of
docs/interface.md section 5; values at and past every bound, malformed
numbers, and a share of mutated or raw byte strings. CLIENTS processes
write concurrently, each on its own session, with one more that reads views
and sends `stop`; the parent stops, continues and kills clients at random
(a killed client is replaced, its quota carried over) and, with
--fault, changes the page source's fault injection as it goes.

At the end: fault injection off, `validate` on every instance (0
violations), `reset`, the budget back to 0 and no instance left, rmmod
clean, and no kernel report in the log since the start (BUG, WARNING,
Oops, KASAN, lockdep, kmemleak...). Any failure saves the command logs of
every client (with times, so the interleaving can be rebuilt) and the
kernel log into --save-dir and exits 1. --replay DIR runs a saved log
again, in its recorded order, on one session per client.

Exit status: 0 clean, 1 a finding, 2 usage, 4 skipped (not root, no module).
"""

import argparse
import errno
import json
import mmap
import os
import random
import re
import shutil
import signal
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import kmlctl  # noqa: E402

NAMES = ["a", "b", "c", "d", "e", "f"]
VIEWS = ["stats", "slabinfo", "buddyinfo", "frag", "latency", "heapmap"]
VERBS = {v.encode() for v in ("create", "destroy", "alloc", "free", "handles",
                               "shrink", "reset", "validate", "trace", "stop",
                               "help", "run")}
GVIEWS = ["backends", "instances", "context", "slabinfo", "workloads", "fault"]


def read_grammar():
    """(backends {name: [keys]}, workloads {name: [keys]}, keyspecs
    {key: (type, min, max, words)}) from the module's own views."""
    backends = {}
    for line in kmlctl.view("backends").splitlines():
        w = line.split()
        if len(w) < 4:
            continue
        keys = dict(x.split("=", 1) for x in w[3:] if "=" in x and not x.startswith("desc"))
        k = keys.get("keys", "none")
        backends[w[0]] = [] if k == "none" else k.split(",")
    specs, workloads, common = {}, {}, []
    for line in kmlctl.view("workloads").splitlines():
        w = line.split()
        if not w:
            continue
        if w[0] == "common":
            common = [x for x in w[1:] if "=" not in x]
        elif w[0] == "key":
            d = dict(x.split("=", 1) for x in w[1:] if "=" in x)
            specs[d["name"]] = (d.get("type"), int(d.get("min", 0)),
                                int(d.get("max", 0)),
                                d.get("words", "").split(","))
        elif w[0] == "workload":
            d = dict(x.split("=", 1) for x in w[1:] if "=" in x and not x.startswith("desc"))
            workloads[d["name"]] = d.get("keys", "").split(",") if d.get("keys") else []
    return backends, workloads, specs, common


class Gen:
    """Commands from the grammar, bad ones included."""

    CREATE_VALS = {
        "pool": ["4K", "64K", "1M", "4M", "8M", "16M", "0", "1", "3", "64M",
                 "1G", "5G", "99999999999999999999", "-1", "4k", "1m"],
        "size": ["1", "8", "64", "100", "192", "4096", "8192", "1M", "0", "5000000"],
        "align": ["1", "8", "16", "64", "4096", "3", "0"],
        "header": ["0", "8", "16", "7"],
        "base": ["0", "1000", "4096"],
        "min_split": ["1", "16", "0"],
        "list": ["address", "lifo", "fifo", "bogus"],
        "zero": ["0", "1", "2"],
        "pcp": ["0", "1"],
        "check": ["0", "1"],
        "coalesce": ["0", "1"],
        "redzone": ["0", "1"],
        "poison": ["0", "1"],
        "ctor": ["0", "1"],
        "min_partial": ["0", "5", "100"],
    }

    def __init__(self, rng, grammar, traces):
        self.r = rng
        self.backends, self.workloads, self.specs, self.common = grammar
        self.traces = traces

    def name(self):
        r = self.r.random()
        if r < 0.97:
            return self.r.choice(NAMES)
        return self.r.choice(["", "A", "x" * 40, "a/b", "..", "é", "a b"])

    def num(self, lo=0, hi=1 << 20):
        c = self.r.random()
        if c < 0.6:
            return str(self.r.randint(lo, hi))
        return self.r.choice(["0", "1", str(hi), str(hi + 1), str(lo - 1),
                              "18446744073709551615", "18446744073709551616",
                              "4K", "1M", "2G", "12x", "", "0x10", "-0"])

    def kv(self, key):
        spec = self.specs.get(key)
        if key in self.CREATE_VALS and (spec is None or self.r.random() < 0.5):
            return "%s=%s" % (key, self.r.choice(self.CREATE_VALS[key]))
        if spec is None:
            return "%s=%s" % (key, self.num())
        t, lo, hi, words = spec
        if t == "enum":
            return "%s=%s" % (key, self.r.choice(words + ["nope"]))
        if t == "num":
            # keep runs short: small ops and batches most of the time
            if key in ("ops", "sample"):
                hi = 3000 if self.r.random() < 0.98 else 20000
            if key == "reps":
                hi = 3
            if key == "batch":
                hi = 512 if self.r.random() < 0.95 else hi
            return "%s=%s" % (key, self.num(max(lo, 0), hi))
        if key == "cpus":
            return "cpus=%s" % self.r.choice(["0", "1", "0,1", "1,0", "0,0",
                                               "2", "63", "64", "", "0,1,2,3"])
        if key == "trace":
            return "trace=%s" % self.r.choice(self.traces + ["none"])
        return "%s=%s" % (key, self.num())

    def create(self):
        be = self.r.choice(list(self.backends) + ["slub", ""])
        keys = self.backends.get(be, ["pool"])
        words = ["create", self.name(), be]
        for k in self.r.sample(keys, self.r.randint(0, min(3, len(keys)))):
            words.append(self.kv(k))
        if self.r.random() < 0.05:
            words.append(self.kv(self.r.choice(["bogus", "size", "pool"])))
        return " ".join(words)

    def run(self):
        wl = self.r.choice(list(self.workloads) + ["nope"])
        insts = [self.name() for _ in range(self.r.randint(1, 3))]
        words = ["run", wl, "on=" + ",".join(insts)]
        keys = [k for k in self.common if k != "on"] + self.workloads.get(wl, [])
        if "ops" not in [w.split("=")[0] for w in words] and self.r.random() < 0.95:
            words.append("ops=%d" % self.r.randint(1, 2000))
        for k in self.r.sample(keys, self.r.randint(0, min(4, len(keys)))):
            if k == "ops" and any(w.startswith("ops=") for w in words):
                continue
            words.append(self.kv(k))
        return " ".join(words)

    def trace_payload(self):
        lines = ["kmemlab-trace 1"]
        n = self.r.randint(0, 30)
        live = []
        for _ in range(n):
            c = self.r.random()
            if c < 0.5 or not live:
                h = self.r.randint(0, 50)
                live.append(h)
                lines.append("a %d %s" % (h, self.num(0, 8192)))
            elif c < 0.9:
                lines.append("f %d" % self.r.choice(live))
            else:
                lines.append(self.r.choice(["r 1 2 3", "x", "a", "f 999",
                                            "# comment", "", "a 1 8\r"]))
        return "\n".join(lines) + "\n"

    def well_formed(self):
        c = self.r.random()
        if c < 0.16:
            return self.create()
        if c < 0.22:
            return "destroy " + self.name()
        if c < 0.42:
            return "alloc %s %s" % (self.name(), self.num(0, 70000))
        if c < 0.54:
            return "free %s %s" % (self.name(), self.num(0, 300))
        if c < 0.58:
            return "handles " + self.name()
        if c < 0.61:
            return "shrink " + self.name()
        if c < 0.63:
            return "reset" + (" " + self.name() if self.r.random() < 0.7 else "")
        if c < 0.70:
            return "validate " + self.name()
        if c < 0.73:
            return "trace load %s\n%s" % (self.r.choice(self.traces),
                                          self.trace_payload())
        if c < 0.745:
            return "trace drop " + self.r.choice(self.traces + ["zz"])
        if c < 0.75:
            return "trace list"
        if c < 0.76:
            return "help"
        if c < 0.77:
            return "stop"
        return self.run()

    def mutate(self, s):
        b = bytearray(s.encode())
        for _ in range(self.r.randint(1, 4)):
            op = self.r.random()
            if not b:
                b = bytearray(self.r.randbytes(self.r.randint(1, 16)))
                continue
            i = self.r.randrange(len(b))
            if op < 0.3:
                b[i] = self.r.randrange(256)
            elif op < 0.5:
                del b[i:i + self.r.randint(1, 8)]
            elif op < 0.7:
                b[i:i] = self.r.choice([b"\n", b"\0", b" ", b"=", b",", b"\xff",
                                        b"\033]0;x\007", b"\r", b"  ", b"=="])
            elif op < 0.85:
                b[i:i] = b[self.r.randrange(len(b)):][:16]
            else:
                b = b[:i]
        return bytes(b)

    def command(self):
        c = self.r.random()
        if c < 0.80:
            return self.well_formed().encode()
        if c < 0.95:
            return self.mutate(self.well_formed())
        if c < 0.99:
            return self.r.randbytes(self.r.randint(0, 200))
        return self.r.choice([b"", b"\n", b"x" * 5000, b"create " * 600,
                              b"alloc a " + b"9" * 400])


# Shared progress: per slot, commands done (int64), so a replacement of a
# killed client takes the rest of its quota.
SLOT = struct.Struct("q")


def client(slot, seed, quota, progress, grammar, traces, logdir, stopper):
    rng = random.Random(seed)
    gen = Gen(rng, grammar, traces)
    ctl = open_session()
    log = open(os.path.join(logdir, "client-%d-%d.log" % (slot, os.getpid())), "w")
    done = SLOT.unpack_from(progress, slot * 8)[0]
    n = 0
    stats = {}
    while done < quota:
        if stopper:
            c = rng.random()
            if c < 0.3:
                cmd = b"stop"
            elif c < 0.6:
                cmd = None
                try:
                    kmlctl.view(rng.choice(GVIEWS))
                except OSError:
                    pass
            else:
                cmd = None
                try:
                    kmlctl.view("inst/%s/%s" % (rng.choice(NAMES), rng.choice(VIEWS)))
                except OSError:
                    pass
            time.sleep(rng.random() * 0.01)
        else:
            cmd = gen.command()
        if cmd is not None:
            log.write("%.6f %r\n" % (time.monotonic(), cmd))
            n += 1
            if n % 50 == 0:
                log.flush()
            err, _ = ctl.cmd(cmd)
            verb = cmd.split(b" ", 1)[0].split(b"\n", 1)[0][:12]
            verb = verb.decode() if verb in VERBS else "?"
            key = "%s:%s" % (verb, "ok" if not err else errno.errorcode.get(err, err))
            stats[key] = stats.get(key, 0) + 1
        done += 1
        SLOT.pack_into(progress, slot * 8, done)
        if n % 1000 == 0 and cmd is not None:
            save_stats(logdir, stats)
    log.close()
    ctl.close()
    save_stats(logdir, stats)
    os._exit(0)


def save_stats(logdir, stats):
    """This client's reply counts (rewritten as it goes: a killed client
    keeps most of them)."""
    # written aside, then renamed: a client killed meanwhile leaves the
    # previous, whole file
    tmp = os.path.join(logdir, ".tmp-stats-%d" % os.getpid())
    with open(tmp, "w") as f:
        json.dump(stats, f)
    os.replace(tmp, os.path.join(logdir, "stats-%d" % os.getpid()))


def open_session():
    """A control session; opening one allocates the session's metadata,
    which fault injection (where=meta) may fail: retry then."""
    for _ in range(1000):
        try:
            return kmlctl.Control()
        except OSError as e:
            if e.errno != errno.ENOMEM:
                raise
            time.sleep(0.01)
    return kmlctl.Control()


def spawn(slot, seed, quota, progress, grammar, traces, logdir, stopper=False):
    pid = os.fork()
    if pid == 0:
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            client(slot, seed, quota, progress, grammar, traces, logdir, stopper)
        except BaseException:	# a bug of the fuzzer: reported by the parent
            import traceback
            with open(os.path.join(logdir, "exception-%d" % os.getpid()), "w") as f:
                traceback.print_exc(file=f)
        os._exit(3)
    return pid


def load_module(ko):
    if os.path.isdir(kmlctl.KML):
        return
    subprocess.run(["insmod", ko], check=True)


def finish_checks(args, log_start, problems):
    """Validate, reset, budget, rmmod, kernel log. Appends to problems."""
    try:
        kmlctl.fault("off")
    except OSError as e:
        problems.append("fault off: %s" % e)
    ctl = kmlctl.Control()
    # a run a killed client started may still be ending
    for _ in range(100):
        err, r = ctl.cmd("stop")
        if "runs=0" in r:
            break
        time.sleep(0.1)
    names = kmlctl.instances()
    for n in names:
        err, r = ctl.cmd("validate " + n)
        if err or kmlctl.field(r, "violations") != 0:
            problems.append("validate %s: %s" % (n, r.strip()))
    err, r = ctl.cmd("reset")
    if err:
        problems.append("reset: %s" % r.strip())
    if kmlctl.instances():
        problems.append("instances left after reset: %s" % kmlctl.instances())
    used = kmlctl.budget_used()
    if used:
        problems.append("budget_used=%s after reset" % used)
    for t in re.findall(r"(?m)^trace name=(\S+)", ctl.cmd("trace list")[1]):
        ctl.cmd("trace drop " + t)
    ctl.close()
    if not args.keep_loaded:
        p = subprocess.run(["rmmod", "kmemlab"], capture_output=True, text=True)
        if p.returncode:
            problems.append("rmmod: %s" % p.stderr.strip())
    leaks = kmlctl.kmemleak_scan()
    if leaks:
        problems.append("kmemleak: %d report(s) naming kmemlab" % len(leaks))
        problems.extend(leaks[:3])
    log = kmlctl.dmesg()[log_start:]
    bad = kmlctl.bad_lines(log)
    if bad:
        problems.append("kernel log: %d report line(s)" % len(bad))
        problems.extend(bad[:20])
    return log


def save(args, logdir, klog, problems):
    dest = os.path.join(args.save_dir, time.strftime("fuzz-%Y%m%d-%H%M%S"))
    shutil.copytree(logdir, dest)
    with open(os.path.join(dest, "dmesg.txt"), "w") as f:
        f.write(klog)
    with open(os.path.join(dest, "problems.txt"), "w") as f:
        f.write("\n".join(problems) + "\n")
    with open(os.path.join(dest, "README"), "w") as f:
        f.write("kfuzz seed=%d count=%d clients=%d\n"
                "replay: tests/fuzz/kfuzz.py --replay %s\n"
                % (args.seed, args.count, args.clients, dest))
    return dest


def replay(args):
    """Replay saved client logs merged by time, one session per client."""
    import ast
    entries = []
    for fn in sorted(os.listdir(args.replay)):
        m = re.match(r"client-(\d+)-(\d+)\.log$", fn)
        if not m:
            continue
        with open(os.path.join(args.replay, fn)) as f:
            for line in f:
                t, rest = line.split(" ", 1)
                entries.append((float(t), fn, ast.literal_eval(rest)))
    entries.sort()
    load_module(args.ko)
    start = len(kmlctl.dmesg())
    sessions = {}
    for _, fn, cmd in entries:
        if fn not in sessions:
            sessions[fn] = kmlctl.Control()
        sessions[fn].cmd(cmd)
    for s in sessions.values():
        s.close()
    problems = []
    finish_checks(args, start, problems)
    print("replayed %d commands: %s" % (len(entries), "; ".join(problems) or "clean"))
    return 1 if problems else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=100000,
                    help="commands in all (default 100000)")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    ap.add_argument("--ko", default=os.environ.get("KMEMLAB_KO", "kmemlab.ko"))
    ap.add_argument("--save-dir", default="build/kfuzz")
    ap.add_argument("--fault", action="store_true",
                    help="also turn the page source's fault injection on and off")
    ap.add_argument("--no-signals", action="store_true")
    ap.add_argument("--hang-timeout", type=int, default=180,
                    help="seconds without a finished command that count as a hang")
    ap.add_argument("--progress", type=int, default=60, metavar="S",
                    help="print a progress line every S seconds (0: never)")
    ap.add_argument("--keep-loaded", action="store_true")
    ap.add_argument("--plant-warning", action="store_true",
                    help="write a WARNING line to the kernel log at the end (tests the check)")
    ap.add_argument("--tap", action="store_true", help="print TAP")
    ap.add_argument("--replay", metavar="DIR")
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("# SKIP: kfuzz needs root (run it in tools/vm/kmemlab-vm)")
        return 4
    if args.replay:
        return replay(args)
    if args.tap:
        print("TAP version 13\n1..1")
    load_module(args.ko)
    log_start = len(kmlctl.dmesg())
    kmlctl.kmemleak_clear()
    grammar = read_grammar()
    traces = ["t1", "t2", "t3"]
    logdir = "/tmp/kfuzz-%d" % os.getpid()
    os.makedirs(logdir)
    progress = mmap.mmap(-1, 8 * (args.clients + 1))
    quota = args.count // args.clients
    rng = random.Random(args.seed)
    pids = {}
    for slot in range(args.clients):
        pids[spawn(slot, args.seed * 1000 + slot, quota, progress, grammar,
                   traces, logdir)] = slot
    stopper = spawn(args.clients, args.seed * 1000 + 999, 1 << 62, progress,
                    grammar, traces, logdir, stopper=True)
    t0 = time.monotonic()
    respawn = 0
    signals = {"STOP": 0, "KILL": 0}
    faults = 0
    last_total, last_change, last_log_check = -1, time.monotonic(), 0.0
    last_progress = t0
    aborted = None
    while pids:
        time.sleep(0.05)
        now = time.monotonic()
        total = sum(SLOT.unpack_from(progress, s * 8)[0] for s in range(args.clients))
        if total != last_total:
            last_total, last_change = total, now
        elif now - last_change > args.hang_timeout:
            aborted = "no command finished for %d s: a hang" % args.hang_timeout
        if args.progress > 0 and now - last_progress >= args.progress:
            last_progress = now
            print("# progress: %d of %d commands after %.0f s (%.0f commands/s)" %
                  (total, quota * args.clients, now - t0, total / (now - t0)),
                  flush=True)
        if now - last_log_check > 5:
            last_log_check = now
            bad = kmlctl.bad_lines(kmlctl.dmesg()[log_start:])
            if bad:
                aborted = "kernel report during the run:\n" + "\n".join(bad[:20])
        if aborted:
            break
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                pid = 0
            if not pid:
                break
            slot = pids.pop(pid, None)
            if slot is None:
                continue
            done = SLOT.unpack_from(progress, slot * 8)[0]
            if done < quota:	# killed: a new client takes the rest
                respawn += 1
                pids[spawn(slot, args.seed * 1000 + slot + 100 * respawn, quota,
                           progress, grammar, traces, logdir)] = slot
        if not pids:
            break
        c = rng.random()
        victim = rng.choice(list(pids))
        if not args.no_signals and c < 0.02:
            os.kill(victim, signal.SIGSTOP)
            time.sleep(rng.random() * 0.2)
            os.kill(victim, signal.SIGCONT)
            signals["STOP"] += 1
        elif not args.no_signals and c < 0.03:
            os.kill(victim, signal.SIGKILL)
            signals["KILL"] += 1
        elif args.fault and c < 0.06:
            kmlctl.fault(rng.choice(["off", "off", "nth=%d" % rng.randint(1, 20),
                                     "prob=%d seed=%d" % (rng.randint(1, 30), rng.randint(0, 99)),
                                     "nth=%d where=pages+meta" % rng.randint(2, 50)]))
            faults += 1
    os.kill(stopper, signal.SIGKILL)
    if aborted:
        # clients stuck in the kernel may never die: do not wait for them
        for pid in list(pids):
            os.kill(pid, signal.SIGKILL)
        # every task's stack into the log, so that a stuck worker shows
        try:
            with open("/proc/sysrq-trigger", "w") as f:
                f.write("t")
            time.sleep(2)
        except OSError:
            pass
        klog = kmlctl.dmesg()[log_start:]
        dest = save(args, logdir, klog, [aborted])
        print("# " + aborted.replace("\n", "\n# "))
        print("# command logs saved in %s (seed %d)" % (dest, args.seed))
        if args.tap:
            print("not ok 1 - fuzz: aborted after %d commands" % last_total)
        sys.stdout.flush()
        os._exit(1)
    os.waitpid(stopper, 0)
    elapsed = time.monotonic() - t0
    total = sum(SLOT.unpack_from(progress, s * 8)[0] for s in range(args.clients))
    stats = {}
    for fn in os.listdir(logdir):
        if fn.startswith("stats-"):
            with open(os.path.join(logdir, fn)) as f:
                for k, v in json.load(f).items():
                    stats[k] = stats.get(k, 0) + v
    if args.plant_warning:	# prove that a kernel report is caught
        with open("/dev/kmsg", "w") as f:
            f.write("WARNING: kfuzz --plant-warning\n")
    problems = []
    for fn in os.listdir(logdir):
        if fn.startswith("exception-"):
            with open(os.path.join(logdir, fn)) as f:
                problems.append("a client died of an exception:\n" + f.read())
    klog = finish_checks(args, log_start, problems)
    rate = total / elapsed if elapsed else 0
    summary = ("kfuzz: %d commands from %d clients in %.1f s (%.0f commands/s), "
               "seed %d, %d SIGSTOP/CONT, %d SIGKILL (%d clients replaced), "
               "%d fault setting changes" % (total, args.clients, elapsed, rate,
                                             args.seed, signals["STOP"],
                                             signals["KILL"], respawn, faults))
    print("# " + summary)
    print("# replies (verb:errno): " + " ".join(
        "%s=%d" % kv for kv in sorted(stats.items())))
    if problems:
        dest = save(args, logdir, klog, problems)
        for p in problems:
            print("# " + p.replace("\n", "\n# "))
        print("# command logs saved in %s" % dest)
        if args.tap:
            print("not ok 1 - fuzz: %d commands, %d finding(s)" % (total, len(problems)))
        shutil.rmtree(logdir, ignore_errors=True)
        return 1
    shutil.rmtree(logdir, ignore_errors=True)
    if args.tap:
        print("ok 1 - fuzz: %d commands, no finding" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
