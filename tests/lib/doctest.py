#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run the command examples of the documentation and compare their output.

In every fenced block of the given Markdown files, a line "$ CMD" whose
command is the tool in sim mode ("kmemlab sim ..." or "userspace/kmemlab
sim ...", maybe after KMEMLAB_*= environment settings, continued by a
trailing backslash) is run with bash from a
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
                                 module loaded (the VM's selftests do),
                                 in one bash (see script())
  <!-- doctest: host -->         the same on the host, in the work tree
  <!-- doctest: slow REASON; check: CMD; kernel check: CMD -->
                                 commands that take minutes (make check,
                                 make bench, recorded experiments): each is
                                 reported skipped with REASON, and each
                                 check, a cheap run of the same command
                                 line (a few operations, one table), runs
                                 on the host or, "kernel check", in the VM
A command shown without output lines must exit 0. A ```sh, ```bash or
```console block of commands without "$ " lines and without a directive
fails: every command block is run or says why not. Besides sim mode, the
commands that need no module ("kmemlab diff", "report", "help") run too.

A document with the line "<!-- doctest-document: engine -->" is in the
engine's command language (docs/interface.md): its blocks' "$ CMD" lines
are commands written to the control file, all of the document's in order
in one engine session (a sim engine on the host, tests/lib/engine_session.c;
the module's control file with --kernel), so state carries from block to
block. "$ cat FILE" reads a file of the debugfs directory ("backends",
"inst/k/stats"). Lines "> TEXT" right after a command are its payload
(trace load). "(kernel) $ CMD" runs only in the kernel session (kernel
backends), "(sim) $ CMD" only in the sim one; each session runs only its
own commands. In a "```sh" block, "$ CMD" lines are bash commands on the
control file: the kernel session runs them in order in one bash (the
state of an "exec 3<>control" holds), stderr with stdout, "bash: line N: "
read as "bash: "; each must exit 0 and print what is shown (compared as
the replies are). A command line may end in two spaces and a parenthesised
comment; "(N times)" there runs it N times (the last reply is shown). A reply line "(SITUATION) TEXT" documents what a situation
no single command makes gives (a concurrent run, a full table): it is
reported as skipped with SITUATION as the reason. Reply lines compare
exactly after this normalisation, applied to the shown and the real line:
  - a trailing column of two or more spaces, an errno name (EINVAL...) and
    an optional comment is the command's errno, checked, then dropped; a
    reply "error: ..." without it must come with a failing write;
  - a comment after three or more spaces that the real line lacks is
    not compared (stats annotated line by line);
  - a word "..." stands for any text within the line, a line "..." for
    any lines;
  - the values of fields that vary from run to run or host to host are
    not compared: KEY=VALUE with KEY ending in _ns (or _ns_med, _ns_min,
    _ns_max), ops_per_sec*, ns_per_1m_ticks, clock_step_ticks, and the
    context line's host fields (after zero_default=); in the kernel
    session also id= (ids are never reused within a module load, so they
    depend on what ran before).
On a kernel that does not zero allocations by default (context
zero_default=0: a debug kernel), the kernel session's transcripts are
skipped with that reason: they show Debian's kernels.
Prints TAP and a count of examples run and skipped by reason; exits 1 when
an example fails.
"""
import errno
import os
import re
import subprocess
import sys
import tempfile

SIM = re.compile(r"^(KMEMLAB_[A-Z_]+=\S* )*(userspace/)?kmemlab( -[a-zA-Z-]+)* (sim|diff|report|help)\b")


def blocks(path):
    """(line number, directive, [lines]) of every fenced block."""
    out, directive, inside, start, body = [], None, False, 0, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines, 1):
        if not inside:
            m = re.match(r"^\s*<!-- doctest: (run|skip|kernel|excerpt|host|slow)"
                         r"(.*?)-->", line)
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


def matches(want, got, match=None):
    """Whether the lines @got fit @want, where "..." matches any lines;
    @match compares two lines (default: equal but for trailing blanks)."""
    if not want:
        return not got
    if want[0] == "...":
        return any(matches(want[1:], got[i:], match)
                   for i in range(len(got) + 1))
    same = match(want[0], got[0]) if (match and got) else \
        (bool(got) and want[0].rstrip() == got[0].rstrip())
    return same and matches(want[1:], got[1:], match)


ENGINE_DOC = "<!-- doctest-document: engine -->"
ERRNO_COL = re.compile(r"^(.*?\S)\s{2,}(E[A-Z0-9]+)\b(\s.*)?$")
SITUATION = re.compile(r"^\(([^)]*)\)\s+(\S.*)$")
VOLATILE = re.compile(r"\b([a-z0-9_]*_ns(?:_med|_min|_max)?|ops_per_sec"
                      r"(?:_med|_min|_max)?|ns_per_1m_ticks|"
                      r"clock_step_ticks)=\S+")
KERNEL_ID = re.compile(r"\bid=\d+")


class SimSession:
    """The sim engine of tests/lib/engine_session.c, one session."""

    def __init__(self, binary):
        self.p = subprocess.Popen([binary], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)

    def _ask(self, kind, data):
        self.p.stdin.write(b"%s %d\n" % (kind, len(data)) + data)
        self.p.stdin.flush()
        head = self.p.stdout.readline().split()
        if len(head) != 2:
            raise RuntimeError("engine_session died")
        text = self.p.stdout.read(int(head[1]))
        return int(head[0]), text.decode("utf-8", "replace")

    def exec(self, cmd):
        return self._ask(b"X", cmd.encode())

    def view(self, path):
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == "inst":
            return self._ask(b"V", ("%s %s" % (parts[1], parts[2])).encode())
        if len(parts) == 1:
            return self._ask(b"V", path.encode())
        return -errno.ENOENT, ""

    def close(self):
        self.p.stdin.close()
        self.p.wait()


class ShellSession:
    """One bash, its commands run in order (an "exec 3<>..." holds)."""

    MARK = "\x01doctest-status"

    def __init__(self, cwd, env):
        self.p = subprocess.Popen(["bash", "--norc", "--noprofile"],
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, cwd=cwd, env=env,
                                  text=True)

    def run(self, cmd):
        """(exit status, output) of @cmd, stderr in the output; bash's
        "bash: line N: " prefix reads "bash: ", as in an interactive
        shell."""
        self.p.stdin.write("{ %s\n} 2>&1; printf '\\n%s %%d\\n' $?\n"
                           % (cmd, self.MARK))
        self.p.stdin.flush()
        lines = []
        while True:
            line = self.p.stdout.readline()
            if not line:
                return -1, "".join(lines)
            if line.startswith(self.MARK):
                break
            lines.append(line)
        text = "".join(lines)
        text = text[:-1] if text.endswith("\n") else text
        return int(line.split()[1]), re.sub(r"(?m)^bash: line \d+: ",
                                            "bash: ", text)

    def close(self):
        self.p.stdin.close()
        self.p.wait()


class KernelSession:
    """The module's control file, one open file."""

    def __init__(self, top="/sys/kernel/debug/kmemlab"):
        self.top = top
        self.fd = os.open(os.path.join(top, "control"), os.O_RDWR)

    def exec(self, cmd):
        rc = 0
        try:
            os.write(self.fd, cmd.encode())
        except OSError as e:
            rc = -e.errno
        chunks = []
        while True:
            b = os.read(self.fd, 65536)
            if not b:
                break
            chunks.append(b)
        return rc, b"".join(chunks).decode("utf-8", "replace")

    def view(self, path):
        try:
            with open(os.path.join(self.top, path), encoding="utf-8",
                      errors="replace") as f:
                return 0, f.read()
        except OSError as e:
            return -e.errno, ""

    def close(self):
        os.close(self.fd)


def engine_line(line, kernel):
    """@line normalised: volatile values replaced (see the docstring)."""
    line = line.rstrip()
    if line.startswith("context "):
        line = re.sub(r"( zero_default=\S+) .*$", r"\1 ...", line)
    line = VOLATILE.sub(lambda m: m.group(1) + "=N", line)
    if kernel:
        line = KERNEL_ID.sub("id=N", line)
    return line


def engine_match(kernel):
    """A line matcher where a word "..." of the shown line is any text."""
    def match(want, got):
        w, g = engine_line(want, kernel), engine_line(got, kernel)
        if w == g or re.split(r"\s{3,}", w, 1)[0] == g:
            return True
        if "..." not in w:
            return False
        parts = re.split(r"(?:(?<=\s)|^)\.\.\.(?=[\s)]|$)", w)
        if len(parts) == 1:
            return False
        return re.fullmatch(".*".join(re.escape(x) for x in parts), g,
                            re.S) is not None
    return match


def engine_examples(path):
    """(line, session kind, command, payload, expected lines, block start,
    directive) of every command of an engine document, in order, and the
    situations ((line, reason, text)) it documents without a command."""
    ex, situations = [], []
    with open(path, encoding="utf-8") as f:
        fences = f.read().split("\n")
    for start, directive, body in blocks(path):
        if fences[start - 1].startswith("```sh"):
            # shell commands on the control file: "$ CMD" lines run in
            # one shell of the kernel session; a script without them is
            # not run
            cur = None
            for lineno, line in body:
                if line.startswith("$ "):
                    cur = [lineno, "shell", line[2:], [], [], start, 1]
                    ex.append(cur)
                elif cur is not None:
                    cur[4].append(line)
            continue
        if directive and directive[0] == "skip":
            for lineno, line in body:
                if line.startswith("$ "):
                    situations.append((lineno, "!" + directive[1],
                                       line[2:]))
            continue
        cur = None
        for lineno, line in body:
            m = re.match(r"^(?:\((kernel|sim)\) )?\$ (.*)$", line)
            if m:
                cmd, times = m.group(2), 1
                c = re.match(r"^(.*?\S)\s{2,}\((.*)\)$", cmd)
                if c:
                    cmd = c.group(1)
                    t = re.match(r"^(\d+) times$", c.group(2))
                    times = int(t.group(1)) if t else 1
                cur = [lineno, m.group(1), cmd, [], [], start, times]
                ex.append(cur)
                continue
            if cur is None:
                continue
            if line.startswith("> ") and not cur[4]:
                cur[3].append(line[2:])
                continue
            sm = SITUATION.match(line)
            if sm and not line.startswith("(no "):
                situations.append((lineno, sm.group(1), sm.group(2)))
                continue
            cur[4].append(line)
    for e in ex:
        while e[4] and not e[4][-1].strip():
            e[4].pop()
    return ex, situations


def engine_check(rc, text, want, matcher):
    """(ok, why) of a reply against the shown lines."""
    got = text.rstrip("\n").split("\n") if text else []
    lines, want_err = [], None
    for w in want:
        m = ERRNO_COL.match(w)
        if m and hasattr(errno, m.group(2)):
            want_err = getattr(errno, m.group(2))
            w = m.group(1)
        lines.append(w)
    shows_error = any(l.startswith("error:") for l in lines)
    if want_err is not None and rc != -want_err:
        return False, "errno %s, the docs say %s" % (
            errno.errorcode.get(-rc, rc) if rc else "none (success)",
            errno.errorcode[want_err])
    if rc and not shows_error:
        return False, "the command failed (%s)" % errno.errorcode.get(-rc, rc)
    if not rc and shows_error:
        return False, "the command succeeded, the docs show an error"
    if not matches(lines, got, matcher):
        return False, "output differs"
    return True, ""


def unlike_docs(session):
    """Why the booted kernel's replies cannot be the transcripts', or None:
    they show Debian's kernels, which zero every allocation by default
    (init_on_alloc=1), and so do our caches to match (zero=1)."""
    rc, text = session.view("context")
    if rc == 0 and re.search(r"(^| )zero_default=0( |$)", text):
        return ("the transcripts show a kernel that zeroes on allocation by "
                "default (init_on_alloc=1, as Debian's); this one does not")
    return None


def run_engine_doc(path, kernel, results, session, shell=None):
    """Run the commands of engine document @path in @session; its shell
    commands in @shell (kernel only)."""
    ex, situations = engine_examples(path)
    mine = "kernel" if kernel else "sim"
    matcher = engine_match(kernel)
    unlike = unlike_docs(session) if kernel else None
    for lineno, only, cmd, payload, want, start, times in ex:
        where = "%s:%d" % (path, lineno)
        if unlike:
            results.append((None, where, cmd, unlike))
            continue
        if only == "shell":
            if not kernel:
                results.append((None, where, cmd, "a shell command on the "
                                "module's control file (runs in the VM)"))
                continue
            rc, text = shell.run(cmd)
            got = text.rstrip("\n").split("\n") if text.strip("\n") else []
            ok = rc == 0 and matches(want, got, matcher)
            results.append((ok, where, cmd, "" if ok else
                            "exit status %d" % rc if rc else
                            "output differs", want, got))
            continue
        if only and only != mine:
            results.append((None, where, cmd, "%s-only command (runs in "
                            "the %s session)" % (only, only)))
            continue
        if kernel and not only:
            continue
        if cmd.startswith("cat "):
            rc, text = session.view(cmd[4:].strip())
        else:
            for _ in range(times):
                rc, text = session.exec(cmd + "\n" + "".join(
                    l + "\n" for l in payload))
                if rc:
                    break
        ok, why = engine_check(rc, text, want, matcher)
        results.append((ok, where, cmd, why, want,
                        text.rstrip("\n").split("\n")))
    if not kernel:
        for lineno, reason, text in situations:
            results.append((None, "%s:%d" % (path, lineno), text,
                            reason[1:] if reason.startswith("!") else
                            "shown for a situation no transcript command "
                            "makes: " + reason))


def open_quote(cmd):
    """Whether @cmd ends inside a single-quoted string (a comment's
    apostrophe does not count)."""
    m = re.search(r"\s#\s", cmd)
    if m and cmd[:m.start()].count("'") % 2 == 0:
        cmd = cmd[:m.start()]
    return cmd.count("'") % 2 == 1


def lines(body):
    """(line, command) of a block of commands: blank lines and "#" lines
    dropped, a trailing backslash or an open single quote joining the next
    line."""
    out, k = [], 0
    while k < len(body):
        lineno, line = body[k]
        k += 1
        cmd = line.strip()
        if not cmd or cmd.startswith("#"):
            continue
        while (cmd.endswith("\\") or open_quote(cmd)) and k < len(body):
            cmd = cmd.rstrip("\\").rstrip() + " " + body[k][1].strip()
            k += 1
        out.append((lineno, cmd))
    return out


def module_loaded():
    with open("/proc/modules", encoding="utf-8") as f:
        return any(l.startswith("kmemlab ") for l in f)


def script(path, todo, kernel, scratch, env, results):
    # On the host a block runs in the work tree, as its reader would: the
    # scratch directory's links would let a command that copies the tree
    # (make lab) write through them into it.
    """Run the commands @todo of a block in order in one bash; each must
    exit 0. Kernel mode (as root, the module loaded): "sudo " is dropped;
    a block that loads the module ("insmod kmemlab.ko") starts with it
    unloaded, as on a fresh boot, and it is loaded again after any block
    that left it unloaded; "make" lines are the host's build, done before
    the VM boots; "tools/vm/kmemlab-vm -- CMD" (no runner options) runs
    CMD in this boot."""
    sh = ShellSession(scratch if kernel else os.getcwd(), env)
    ko = os.environ.get("KMEMLAB_KO", os.path.join(os.getcwd(),
                                                   "kmemlab.ko"))
    try:
        if kernel and any(re.search(r"\binsmod\b", c) for _, c in todo) \
                and module_loaded():
            subprocess.run(["rmmod", "kmemlab"], check=True)
        for lineno, cmd in todo:
            where = "%s:%d" % (path, lineno)
            if kernel:
                cmd = re.sub(r"^sudo ", "", cmd)
                if re.match(r"^make(\s|$)", cmd):
                    results.append((None, where, cmd, "the host's build "
                                    "(make check builds before the VM "
                                    "boots)"))
                    continue
                # already in the VM: the runner's command runs in this boot
                cmd = re.sub(r"^tools/vm/kmemlab-vm -- ", "", cmd)
                cmd = re.sub(r"(^|; |-- )kmemlab ", r"\1userspace/kmemlab ",
                             cmd)
            rc, text = sh.run(cmd)
            ok = rc == 0
            results.append((ok, where, cmd, "" if ok else "exit status %d"
                            % rc, [], text.rstrip("\n").split("\n")[-20:]))
    finally:
        sh.close()
        if kernel and not module_loaded():
            subprocess.run(["insmod", ko], check=True)


def slow(path, start, arg, body, kernel, scratch, env, results):
    """A block of commands that take minutes: "REASON; check: CMD; kernel
    check: CMD": its commands are reported skipped with REASON; each
    check (a cheap run of the same command line: fewer operations, one
    table) runs on the host, or in the VM for a kernel check, and must
    exit 0."""
    parts = [x.strip() for x in re.split(r";\s*(?=(?:kernel )?check: )",
                                         arg)]
    reason = parts[0]
    checks = []
    for x in parts[1:]:
        m = re.match(r"^(kernel )?check: (.*)$", x)
        if not m:
            results.append((False, "%s:%d" % (path, start), x,
                            "not 'check: CMD' or 'kernel check: CMD'",
                            [], []))
            continue
        checks.append((bool(m.group(1)), m.group(2)))
    if not kernel:
        for lineno, cmd in lines(body):
            results.append((None, "%s:%d" % (path, lineno), cmd, reason))
    mine = [(start, "check: " + c) for k, c in checks if k == kernel]
    if mine:
        script(path, [(n, c[len("check: "):]) for n, c in mine], kernel,
               scratch, env, results)


class Progress(list):
    """The results, each also named on stderr as it comes (kernel mode:
    the TAP is printed at the end, and the selftest runner's stall
    watchdog ends a program that prints nothing for 15 minutes)."""

    def append(self, r):
        super().append(r)
        print("# doctest: %d done, %s" % (len(self), r[1]), file=sys.stderr,
              flush=True)


def main():
    top = os.getcwd()
    kernel = len(sys.argv) > 1 and sys.argv[1] == "--kernel"
    files = sys.argv[2:] if kernel else sys.argv[1:]
    results = Progress() if kernel else []
    scratch = tempfile.mkdtemp(prefix="kmemlab-doctest.")
    for name in os.listdir(top):
        if not name.startswith("."):
            os.symlink(os.path.join(top, name), os.path.join(scratch, name))
    # Kernel mode: the docs' "insmod kmemlab.ko" loads the module under test
    # (KMEMLAB_KO: make matrix's build for the booted kernel), not the work
    # tree's, which is built for the default kernel.
    ko = os.environ.get("KMEMLAB_KO")
    if kernel and ko:
        link = os.path.join(scratch, "kmemlab.ko")
        if os.path.lexists(link):
            os.unlink(link)
        os.symlink(os.path.abspath(ko), link)
    env = dict(os.environ, PATH=os.path.join(top, "userspace") + ":" +
               os.environ.get("PATH", ""), TERM="dumb", COLUMNS="100")
    env.pop("KMEMLAB_HOST_TTY", None)
    for path in files:
        with open(path, encoding="utf-8") as f:
            engine_doc = ENGINE_DOC in f.read()
        if engine_doc:
            session = KernelSession() if kernel else SimSession(
                os.environ.get("KMEMLAB_ENGINE_SESSION",
                               os.path.join(top, "build/engine_session")))
            shell = ShellSession(scratch, env) if kernel else None
            try:
                run_engine_doc(path, kernel, results, session, shell)
            finally:
                session.close()
                if shell:
                    shell.close()
            continue
        with open(path, encoding="utf-8") as f:
            fences = f.read().split("\n")
        for start, directive, body in blocks(path):
            kind = directive[0] if directive else None
            if kind == "slow":
                slow(path, start, directive[1], body, kernel, scratch, env,
                     results)
                continue
            if not kernel and kind is None and re.match(
                    r"^```(sh|bash|console)", fences[start - 1]) and \
                    lines(body) and \
                    not any(l.startswith("$ ") for _, l in body):
                results.append((False, "%s:%d" % (path, start),
                                "block of commands", "neither run nor "
                                "marked: give it <!-- doctest: host -->,"
                                " kernel, or slow REASON", [], []))
                continue
            if (kind == "kernel") != kernel:
                continue
            if kind == "excerpt":
                if not kernel:
                    results.append(excerpt(path, start, directive[1], body))
                continue
            if kind in ("kernel", "host"):
                script(path, lines(body), kernel, scratch, env, results)
                continue
            for lineno, cmd, want in examples(body):
                where = "%s:%d" % (path, lineno)
                if not SIM.match(cmd):
                    results.append((False, where, cmd, "a command the doc "
                                    "test does not run: sim mode, or a block"
                                    " marked kernel, host or slow", [], []))
                    continue
                if kind == "skip":
                    results.append((None, where, cmd, directive[1]))
                    continue
                p = subprocess.run(["bash", "-c", cmd], cwd=scratch, env=env,
                                   stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True,
                                   timeout=300)
                got = p.stdout.rstrip("\n").split("\n") if p.stdout else []
                if kind == "run" or not want:
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
    skips = {}
    for r in results:
        if r[0] is None:
            skips[r[3]] = skips.get(r[3], 0) + 1
    print("# %d passed, %d failed" % (len(results) - failed - sum(
        skips.values()), failed))
    print("# examples: %d run (%d passed, %d failed), %d skipped" % (
        len(results) - sum(skips.values()), len(results) - failed -
        sum(skips.values()), failed, sum(skips.values())))
    for why, n in sorted(skips.items(), key=lambda x: -x[1]):
        print("#   skipped %d: %s" % (n, why))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
