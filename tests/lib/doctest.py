#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run the command examples of the documentation and compare their output.

In every fenced block of the given Markdown files, a line "$ CMD" whose
command is the tool in sim mode ("kmemlab sim ..." or "userspace/kmemlab
sim ...", continued by a trailing backslash) is run with bash from a
scratch directory that links the work tree's top-level entries (so files
the example writes stay out of the tree), with "kmemlab" on PATH. Its
stdout and stderr together must equal the lines shown under it, up to the
next "$" line or the end of the block; a line "..." stands for any number
of lines. An HTML comment right before the block changes that:
  <!-- doctest: run -->          run the commands, check only that they exit 0
  <!-- doctest: skip REASON -->  do not run it (REASON is printed)
  <!-- doctest: excerpt FILE -->  the block's lines are a contiguous part of
                                 FILE (a lab's graded transcript, which the
                                 labs layer checks against the reference)
  <!-- doctest: kernel -->       kernel mode: every line of the block is a
                                 command ("kmemlab" the tool, a trailing
                                 "# ..." a comment) that must exit 0; run
                                 only with --kernel, as root with the
                                 module loaded (the VM's selftests do)
A command shown without output lines must exit 0. Besides sim mode, the
commands that need no module ("kmemlab diff", "report", "help") run too.
Prints TAP; exits 1 when an example fails.
"""
import os
import re
import subprocess
import sys
import tempfile

SIM = re.compile(r"^(userspace/)?kmemlab( -[a-zA-Z-]+)* (sim|diff|report|help)\b")


def blocks(path):
    """(line number, directive, [lines]) of every fenced block."""
    out, directive, inside, start, body = [], None, False, 0, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines, 1):
        if not inside:
            m = re.match(r"^\s*<!-- doctest: (run|skip|kernel|excerpt)(.*?)-->", line)
            if m:
                directive = (m.group(1), m.group(2).strip())
                continue
            if line.startswith("```"):
                inside, start, body = True, i, []
            elif line.strip():
                directive = None
            continue
        if line.startswith("```"):
            out.append((start, directive, body))
            inside, directive = False, None
        else:
            body.append((i, line))
    return out


def examples(body):
    """(line, command, expected lines) of the sim commands of a block."""
    ex, k = [], 0
    while k < len(body):
        lineno, line = body[k]
        k += 1
        if not line.startswith("$ "):
            continue
        cmd = line[2:]
        while cmd.endswith("\\") and k < len(body):
            cmd = cmd[:-1] + " " + body[k][1].strip()
            k += 1
        want = []
        while k < len(body) and not body[k][1].startswith("$ "):
            want.append(body[k][1])
            k += 1
        while want and not want[-1].strip():
            want.pop()
        ex.append((lineno, cmd, want))
    return ex


def excerpt(path, start, source, body):
    """A result: whether @body's lines appear, in a row, in @source."""
    lines = [l.rstrip() for _, l in body]
    try:
        with open(source, encoding="utf-8") as f:
            text = [l.rstrip() for l in f.read().split("\n")]
    except OSError as e:
        return (False, "%s:%d" % (path, start), "excerpt of " + source,
                str(e), [], [])
    ok = any(text[i:i + len(lines)] == lines
             for i in range(len(text) - len(lines) + 1))
    return (ok, "%s:%d" % (path, start), "excerpt of " + source,
            "" if ok else "not found in " + source, lines, [])


def matches(want, got):
    """Whether the lines @got fit @want, where "..." matches any lines."""
    if not want:
        return not got
    if want[0] == "...":
        return any(matches(want[1:], got[i:]) for i in range(len(got) + 1))
    return bool(got) and want[0].rstrip() == got[0].rstrip() and \
        matches(want[1:], got[1:])


def main():
    top = os.getcwd()
    kernel = len(sys.argv) > 1 and sys.argv[1] == "--kernel"
    files = sys.argv[2:] if kernel else sys.argv[1:]
    results = []
    scratch = tempfile.mkdtemp(prefix="kmemlab-doctest.")
    for name in os.listdir(top):
        if not name.startswith("."):
            os.symlink(os.path.join(top, name), os.path.join(scratch, name))
    env = dict(os.environ, PATH=os.path.join(top, "userspace") + ":" +
               os.environ.get("PATH", ""), TERM="dumb", COLUMNS="100")
    env.pop("KMEMLAB_HOST_TTY", None)
    for path in files:
        for start, directive, body in blocks(path):
            if bool(directive and directive[0] == "kernel") != kernel:
                continue
            if directive and directive[0] == "excerpt":
                if not kernel:
                    results.append(excerpt(path, start, directive[1], body))
                continue
            if kernel:
                todo = [(n, l.strip(), []) for n, l in body
                        if l.strip() and not l.strip().startswith("#")]
            else:
                todo = examples(body)
            for lineno, cmd, want in todo:
                if kernel:
                    cmd = re.sub(r"(^|; |-- )kmemlab ", r"\1userspace/kmemlab ", cmd)
                    p = subprocess.run(["bash", "-c", cmd], cwd=scratch,
                                       env=env, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True,
                                       timeout=600)
                    ok = p.returncode == 0
                    got = p.stdout.rstrip("\n").split("\n")[-20:]
                    results.append((ok, "%s:%d" % (path, lineno), cmd,
                                    "" if ok else "exit status %d" %
                                    p.returncode, [], got))
                    continue
                if not SIM.match(cmd):
                    continue
                where = "%s:%d" % (path, lineno)
                if directive and directive[0] == "skip":
                    results.append((None, where, cmd, directive[1]))
                    continue
                p = subprocess.run(["bash", "-c", cmd], cwd=scratch, env=env,
                                   stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True,
                                   timeout=300)
                got = p.stdout.rstrip("\n").split("\n") if p.stdout else []
                if (directive and directive[0] == "run") or not want:
                    ok = p.returncode == 0
                    why = "exit status %d" % p.returncode
                else:
                    ok = matches(want, got)
                    why = "output differs"
                results.append((ok, where, cmd, "" if ok else why, want, got))
    subprocess.run(["rm", "-rf", scratch])
    print("TAP version 13")
    print("1..%d" % len(results))
    failed = 0
    for n, r in enumerate(results, 1):
        ok, where, cmd = r[0], r[1], r[2]
        title = "%s: %s" % (where, cmd if len(cmd) < 90 else cmd[:87] + "...")
        if ok is None:
            print("ok %d - %s # SKIP %s" % (n, title, r[3]))
        elif ok:
            print("ok %d - %s" % (n, title))
        else:
            failed += 1
            print("not ok %d - %s (%s)" % (n, title, r[3]))
            for w in r[4]:
                print("#   want: %s" % w)
            for g in r[5][:40]:
                print("#   got:  %s" % g)
    print("# %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
