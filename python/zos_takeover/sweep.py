#!/usr/bin/env python3
"""Resumable parallel sweeps of zos-takeover scenarios (Python 3 standard library only).

    sweep.py run SWEEP.json --sim SIM [--out DIR] [--jobs N] [--timeout S] [--force]
             [--retry-failed] [--emit joblist|slurm]
    sweep.py collect DIR
    sweep.py run-one DIR HASH --sim SIM [--timeout S]     (one run: what a joblist line runs)

The user-facing commands are ./zos-takeover sweep ... (doc/sweeps.rst). Exit status: 0 all
runs done and none failed; 1 some runs failed or are missing (the table has the others);
2 bad input or a directory that cannot be used (one line, nothing written); 3 results
could not be written; 130 interrupted (rerun the same command to resume).
"""
import argparse
import csv
import ctypes
import errno
import fcntl
import hashlib
import io
import itertools
import json
import os
import selectors
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from zos_takeover import jsoncheck  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA = os.path.join(ROOT, "scenarios", "sweeps", "sweep.schema.json")
MARKER = ".zos-takeover-sweep"
MAX_RUNS = 1_000_000
DEFAULT_TIMEOUT = 3600.0

# results.csv: the axis columns come first, then these (doc/sweeps.rst, "The results table").
RUN_COLUMNS = ["run", "hash", "run_status", "run_error"]
ROW_COLUMNS = [
    ("event", "event"), ("event_type", "event_type"), ("subject", "subject"),
    ("event_s", "event_s"), ("window_end_s", "window_end_s"), ("client", "client"),
    ("station_model", "arp"), ("target", "target"), ("status", "status"),
    ("reason", "reason"), ("reachable_at_event", "reachable_at_event"),
    ("recovered", "recovered"), ("outage_s", "outage_s"),
    ("first_success_s", "first_success_s"), ("longest_gap_s", "longest_gap_s"),
    ("probes_sent", "sent"), ("probes_lost", "lost"),
]
TCP_COLUMNS = [
    ("tcp_stall_s", "stall_s"), ("tcp_survived", "survived"),
    ("tcp_retransmissions", "retransmissions"), ("tcp_close_reason", "close_reason"),
    ("tcp_closed_s", "closed_s"),
]
RESERVED = set(RUN_COLUMNS) | {c for c, _ in ROW_COLUMNS} | {c for c, _ in TCP_COLUMNS}


class OneLineParser(argparse.ArgumentParser):
    """argparse with one-line errors (exit status 2), like the rest of zos-takeover."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


class Refused(Exception):
    """Bad input or an unusable directory: one line, exit status 2, nothing written."""


class Interrupted(Exception):
    pass


def say(msg):
    print(f"zos-takeover sweep: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# The sweep file: schema check, axes, expansion


class Column:
    """One column of the table: an axis (or a member of a zipped axis)."""

    def __init__(self, name, paths, values, where):
        self.name, self.paths, self.values, self.where = name, paths, values, where

    def as_json(self):
        return {"name": self.name, "paths": self.paths, "values": self.values}


class Sweep:
    def __init__(self, path):
        self.path = path
        try:
            self.data = jsoncheck.load_file(path)
        except OSError as e:
            raise Refused(f"{path}: cannot read: {e.strerror}")
        except jsoncheck.JsonError as e:
            raise Refused(f"{path}: {e}")
        with open(SCHEMA) as f:
            checker = jsoncheck.Checker(json.load(f))
        try:
            checker.check(self.data)
        except jsoncheck.JsonError as e:
            raise Refused(f"{path}: {e}")
        with open(path, "rb") as f:
            self.text = f.read()
        d = self.data
        base = os.path.splitext(os.path.basename(path))[0]
        self.name = d.get("name", base)
        scen = d["scenario"]
        self.scenario = scen if os.path.isabs(scen) else os.path.relpath(os.path.join(
            os.path.dirname(os.path.abspath(path)), scen))
        if not os.path.isfile(self.scenario):
            raise Refused(f"{path}: /scenario: no file {self.scenario} (expected a scenario "
                          f"file, relative to the sweep file)")
        self.fixed = list(d.get("set", {}).items())
        if "runs" in d and ("replications" in d or "firstRun" in d):
            key = "replications" if "replications" in d else "firstRun"
            raise Refused(f"{path}: /{key}: not together with runs (expected either runs or "
                          f"replications and firstRun)")
        if "runs" in d:
            self.runs = list(d["runs"])
        else:
            first = d.get("firstRun", 1)
            n = d.get("replications", 1)
            if first + n - 1 > 4294967295:
                raise Refused(f"{path}: /replications: runs {first}..{first + n - 1} go past "
                              f"4294967295 (expected run values in [0, 4294967295])")
            self.runs = list(range(first, first + n))
        self.timeout = d.get("timeout", DEFAULT_TIMEOUT)
        self.groups = []  # each a list of Columns that vary together
        names, paths = {}, {}
        for p, _ in self.fixed:
            paths[p] = f"/set/{jsoncheck.escape(p)}"
        for i, axis in enumerate(d["axes"]):
            members = axis["zip"] if "zip" in axis else [axis]
            group = []
            for j, m in enumerate(members):
                where = f"/axes/{i}/zip/{j}" if "zip" in axis else f"/axes/{i}"
                ps = m["path"] if isinstance(m["path"], list) else [m["path"]]
                name = m.get("name", ps[0])
                if name in RESERVED or name in names:
                    other = names.get(name, "a column of the results table")
                    raise Refused(f"{path}: {where}/name: column name {jsoncheck.show(name)} "
                                  f"is already {other} (expected a name of its own)")
                names[name] = f"the name of {where}"
                for k, p in enumerate(ps):
                    pw = f"{where}/path" + (f"/{k}" if isinstance(m["path"], list) else "")
                    if p == "/run":
                        raise Refused(f"{path}: {pw}: /run is set by replications or runs "
                                      f"(expected another pointer)")
                    clash = [q for q in paths if q == p or q.startswith(p + "/")
                             or p.startswith(q + "/")]
                    if clash:
                        raise Refused(f"{path}: {pw}: {p} overlaps {clash[0]} of "
                                      f"{paths[clash[0]]} (expected each scenario value "
                                      f"set once)")
                    paths[p] = pw
                if group and len(m["values"]) != len(group[0].values):
                    raise Refused(f"{path}: {where}/values: {len(m['values'])} values, but "
                                  f"{group[0].where}/values has {len(group[0].values)} "
                                  f"(expected zipped axes of the same length)")
                group.append(Column(name, ps, m["values"], where))
            seen = {}
            for k, combo in enumerate(zip(*[c.values for c in group])):
                key = json.dumps(combo)
                if key in seen:
                    at = f"/axes/{i}/values/{k}" if "zip" not in axis else f"/axes/{i}/zip"
                    what = (f"got {jsoncheck.show(combo[0])} a second time (expected distinct "
                            f"values)" if "zip" not in axis else
                            f"values {seen[key]} and {k} of every member are the same "
                            f"{jsoncheck.show(list(combo))} (expected distinct combinations)")
                    raise Refused(f"{path}: {at}: {what}")
                seen[key] = k
            self.groups.append(group)
        self.columns = [c for g in self.groups for c in g]
        n_configs = 1
        for g in self.groups:
            n_configs *= len(g[0].values)
        if n_configs * len(self.runs) > MAX_RUNS:
            raise Refused(f"{path}: /axes: {n_configs} configurations x {len(self.runs)} runs "
                          f"= {n_configs * len(self.runs)} runs (expected at most {MAX_RUNS})")

    def configurations(self):
        """Yields (values {column: value}, [(pointer, value, where)]) in product order."""
        for combo in itertools.product(*[range(len(g[0].values)) for g in self.groups]):
            values, sets = {}, []
            for g, k in zip(self.groups, combo):
                for c in g:
                    values[c.name] = c.values[k]
                    for p in c.paths:
                        sets.append((p, c.values[k], f"{c.where}/values/{k}"))
            yield values, sets


def set_args(fixed, sets, run):
    args = []
    for p, v in fixed:
        args += ["--set", f"{p}={json.dumps(v)}"]
    for p, v, _ in sets:
        args += ["--set", f"{p}={json.dumps(v)}"]
    return args + ["--set", f"/run={run}"]


def canonical_hash(scenario):
    text = json.dumps(scenario, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def describe(values):
    return ", ".join(f"{k}={jsoncheck.show(v)}" for k, v in values.items()) or "the base scenario"


def expand(sweep, sim, jobs):
    """Checks every configuration with the simulator's --validate (in parallel) and returns
    the plan: [{hash, run, values}] and {hash: canonical scenario}. Raises Refused naming the
    axis value of the first invalid configuration."""
    configs = list(sweep.configurations())
    results = [None] * len(configs)
    first = sweep.runs[0]
    # The base scenario alone first: its own errors as the simulator prints them.
    base = subprocess.run([sim, sweep.scenario, "--validate"], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if base.returncode != 0:
        lines = base.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
        if base.returncode == 2:
            raise Refused(lines[-1])
        raise Refused(f"{sweep.path}: /scenario: the simulator failed on "
                      f"{sweep.scenario} (exit status {base.returncode}): {lines[-1]}")

    def tasks():
        for i, (values, sets) in enumerate(configs):
            argv = [sim, sweep.scenario, "--validate"] + set_args(sweep.fixed, sets, first)
            yield i, argv, True

    def done(i, rc, out, err, elapsed, timed_out):
        results[i] = (rc, out, err)

    Pool(jobs).run(tasks(), done, timeout=120)
    plan, scenarios = [], {}
    for (values, sets), (rc, out, err) in zip(configs, results):
        if rc != 0:
            line = (err.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
            raise Refused(config_error(sweep, values, sets, rc, line))
        scen = json.loads(out)
        for r in sweep.runs:
            scen = dict(scen)
            scen["run"] = r
            h = canonical_hash(scen)
            scenarios[h] = scen
            plan.append({"hash": h, "run": r, "values": values})
    return plan, scenarios


def config_error(sweep, values, sets, rc, line):
    """The sweep file's line for a configuration the simulator refused."""
    if rc == 2 and line.startswith("--set: "):
        rest = line[len("--set: "):]
        pointer = rest.split(": ", 1)[0]
        for p, v, where in sets:
            if pointer == p or pointer.startswith(p + "/"):
                return f"{sweep.path}: {where}: {jsoncheck.show(v)} for {rest}"
        for p, v in sweep.fixed:
            if pointer == p or pointer.startswith(p + "/"):
                return f"{sweep.path}: /set/{jsoncheck.escape(p)}: {rest}"
    where = "/axes" if sets else ("/set" if sweep.fixed else "/scenario")
    if len({w for _, _, w in sets}) == 1:  # one axis value: name it
        where = sets[0][2]
    return (f"{sweep.path}: {where}: with {describe(values)} the scenario is refused: "
            f"{line}" if rc == 2 else
            f"{sweep.path}: {where}: the simulator failed on {describe(values)} "
            f"(exit status {rc}): {line}")


# ---------------------------------------------------------------------------------------
# Running processes: N at a time, no threads (children die with the sweep: PDEATHSIG)

_libc = None
# util-linux's setpriv sets the parent-death signal and execs the command: then subprocess can
# spawn without a Python preexec_fn (which forces a full fork of this process per run).
SETPRIV = ["setpriv", "--pdeathsig", "KILL"] if shutil.which("setpriv") else []


def _die_with_parent():
    global _libc
    try:
        if _libc is None:
            _libc = ctypes.CDLL(None, use_errno=True)
        _libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Pool:
    def __init__(self, jobs):
        self.jobs = max(1, jobs)

    def run(self, tasks, on_done, timeout=None, on_tick=None, tick=0.5):
        """Runs (key, argv, capture_stdout) from tasks, jobs at a time; calls
        on_done(key, returncode, stdout, stderr, elapsed_s, timed_out) as each ends.
        On Interrupted/KeyboardInterrupt: terminates the running ones, waits, re-raises."""
        sel = selectors.DefaultSelector()
        running = {}  # Popen -> [key, start, open pipes, out chunks, err chunks, timed_out]
        tasks = iter(tasks)
        exhausted = False
        try:
            while True:
                while not exhausted and len(running) < self.jobs:
                    try:
                        key, argv, capture = next(tasks)
                    except StopIteration:
                        exhausted = True
                        break
                    p = subprocess.Popen(SETPRIV + argv, stdin=subprocess.DEVNULL,
                                         stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                                         stderr=subprocess.PIPE,
                                         preexec_fn=None if SETPRIV else _die_with_parent)
                    st = [key, time.monotonic(), 0, [], [], False]
                    for pipe, idx in ((p.stdout, 3), (p.stderr, 4)):
                        if pipe is not None:
                            os.set_blocking(pipe.fileno(), False)
                            sel.register(pipe, selectors.EVENT_READ, (p, idx))
                            st[2] += 1
                    running[p] = st
                if not running:
                    break
                wait = tick if on_tick else None
                if timeout:
                    now = time.monotonic()
                    left = min(st[1] + timeout - now for st in running.values())
                    wait = max(0.0, left) if wait is None else max(0.0, min(wait, left))
                for sk, _ in sel.select(wait):
                    p, idx = sk.data
                    st = running[p]
                    data = os.read(sk.fileobj.fileno(), 65536)
                    if data:
                        st[idx].append(data)
                    else:
                        sel.unregister(sk.fileobj)
                        sk.fileobj.close()
                        st[2] -= 1
                if timeout:
                    now = time.monotonic()
                    for p, st in running.items():
                        if not st[5] and now - st[1] > timeout:
                            st[5] = True
                            p.kill()
                for p in [p for p, st in running.items() if st[2] == 0]:
                    st = running.pop(p)
                    rc = p.wait()
                    on_done(st[0], rc, b"".join(st[3]), b"".join(st[4]),
                            time.monotonic() - st[1], st[5])
                if on_tick:
                    on_tick()
        except (Interrupted, KeyboardInterrupt):
            for p in running:
                try:
                    p.terminate()
                except OSError:
                    pass
            for p in running:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
            raise
        finally:
            sel.close()


# ---------------------------------------------------------------------------------------
# The sweep directory


def fsync_dir(path):
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def write_atomic(path, data, sync=True):
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        if sync:
            f.flush()
            os.fsync(f.fileno())
    os.replace(tmp, path)


def dumps(obj):
    return json.dumps(obj, indent=1, ensure_ascii=False) + "\n"


class SweepDir:
    def __init__(self, path):
        self.path = path
        self.runs = os.path.join(path, "runs")
        self.tmp = os.path.join(path, "tmp")
        self.scenarios = os.path.join(path, "scenarios")
        self.lock_fd = None

    def is_sweep(self):
        return os.path.isfile(os.path.join(self.path, MARKER))

    def lock(self, shared=False):
        fd = os.open(os.path.join(self.path, ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise Refused(f"{self.path}: in use by another sweep or its jobs (wait for them, "
                          f"or stop them, then rerun)")
        self.lock_fd = fd

    def plan(self):
        try:
            with open(os.path.join(self.path, "plan.json")) as f:
                return json.load(f)
        except FileNotFoundError:
            return None

    def done(self):
        """{hash: run.json} of the finished runs (ok or failed)."""
        out = {}
        try:
            names = os.listdir(self.runs)
        except FileNotFoundError:
            return out
        for h in names:
            try:
                with open(os.path.join(self.runs, h, "run.json")) as f:
                    out[h] = json.load(f)
            except (OSError, ValueError):
                pass
        return out

    def clean_tmp(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def prepare(sweep, plan, scenarios, out, force, sim_timeout):
    """Makes or reuses the sweep directory; returns a locked SweepDir."""
    if os.path.exists(out) and not os.path.isdir(out):
        raise Refused(f"--out {out}: is a file, not a directory (expected a new or empty "
                      f"directory, or an earlier sweep's)")
    d = SweepDir(out)
    if os.path.isdir(out) and os.listdir(out) and not d.is_sweep():
        raise Refused(f"--out {out}: not empty and not a sweep directory (expected a new or "
                      f"empty directory, or an earlier sweep's; it has no {MARKER})")
    parent = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(out):
        try:
            os.makedirs(parent, exist_ok=True)
            os.mkdir(out)
        except OSError as e:
            raise Refused(f"--out {out}: cannot create: {e.strerror}")
    d.lock()
    if not d.is_sweep():  # first, so that a directory we began is always known as ours
        write_atomic(os.path.join(out, MARKER), "zos-takeover sweep directory\n")
    new = {"version": 1, "name": sweep.name, "sweepFile": os.path.abspath(sweep.path),
           "scenarioFile": os.path.abspath(sweep.scenario),
           "columns": [c.as_json() for c in sweep.columns],
           "runs": plan, "timeout": sim_timeout}
    old = d.plan()
    if old is not None and not force:
        if old["runs"] != plan or [c["name"] for c in old["columns"]] != \
                [c.name for c in sweep.columns]:
            raise Refused(changed_message(d, sweep, old, plan))
    if old is not None and force:  # start over: everything but the marker and the lock
        for name in os.listdir(out):
            if name in (MARKER, ".lock"):
                continue
            p = os.path.join(out, name)
            if os.path.isdir(p):
                shutil.rmtree(p)
            elif os.path.exists(p):
                os.remove(p)
        old = None
    d.clean_tmp()
    os.makedirs(d.runs, exist_ok=True)
    os.makedirs(d.scenarios, exist_ok=True)
    for h, scen in scenarios.items():
        p = os.path.join(d.scenarios, h + ".json")
        if not os.path.exists(p):
            # compact: json's C encoder (with indent it takes the slow Python one)
            write_atomic(p, json.dumps(scen, ensure_ascii=False) + "\n", sync=False)
    if old is None or old != new:
        write_atomic(os.path.join(out, "sweep.json"), sweep.text)
        write_atomic(os.path.join(out, "plan.json"), dumps(new))
    fsync_dir(out)
    return d


def json_diff(a, b, pointer=""):
    """Pointers where two JSON values differ (first few)."""
    if type(a) is not type(b) or not isinstance(a, (dict, list)):
        return [] if a == b else [pointer or "/"]
    out = []
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                out.append(f"{pointer}/{jsoncheck.escape(k)}")
            else:
                out += json_diff(a[k], b[k], f"{pointer}/{jsoncheck.escape(k)}")
    else:
        for i in range(max(len(a), len(b))):
            if i >= len(a) or i >= len(b):
                out.append(f"{pointer}/{i}")
            else:
                out += json_diff(a[i], b[i], f"{pointer}/{i}")
    return out


def changed_message(d, sweep, old, plan):
    try:
        with open(os.path.join(d.path, "sweep.json"), "rb") as f:
            old_sweep = json.loads(f.read())
    except (OSError, ValueError):
        old_sweep = None
    diff = json_diff(old_sweep, sweep.data) if old_sweep is not None else []
    finished = len(d.done())
    fix = "use --force to start over (deletes them), or another --out"
    if diff:
        more = f", also {', '.join(diff[1:3])}" if len(diff) > 1 else ""
        more += f" and {len(diff) - 3} more" if len(diff) > 3 else ""
        return (f"{sweep.path}: {diff[0]}: changed since the results in {d.path} were made "
                f"({finished} runs{more}); {fix}")
    keep = {r["hash"] for r in old["runs"]}
    differ = sum(1 for r in plan if r["hash"] not in keep)
    return (f"{sweep.path}: /scenario: {sweep.scenario} (or the simulator's defaults) changed "
            f"since the results in {d.path} were made ({finished} runs): {differ} of "
            f"{len(plan)} expanded scenarios differ; {fix}")


# ---------------------------------------------------------------------------------------
# One run: the simulator into a temporary directory, renamed into runs/<hash>


def run_argv(sim, d, h, tmpdir):
    return [sim, os.path.join(d.scenarios, h + ".json"), "--out", tmpdir, "--quiet"]


def new_tmp(d, h):
    os.makedirs(d.tmp, exist_ok=True)
    return os.path.join(d.tmp, f"{h}.{socket.gethostname()}.{os.getpid()}")


def finish_run(d, h, entry, tmpdir, rc, err, elapsed, timed_out, timeout, sync_parent=True):
    """Records one run: its outputs (ok) or its error (failed), then renames atomically.
    Returns the run.json record."""
    lines = err.decode("utf-8", "replace").strip().splitlines()
    if rc == 0 and not timed_out and os.path.isfile(os.path.join(tmpdir, "summary.json")):
        status, error = "ok", None
    else:
        status = "failed"
        if timed_out:
            error = f"timeout: killed after {timeout:g} s (the per-run limit)"
        elif rc < 0:
            try:
                name = signal.Signals(-rc).name
            except ValueError:
                name = f"signal {-rc}"
            error = f"crashed: killed by {name}" + (f": {lines[-1]}" if lines else "")
        elif rc == 0:
            error = "exit status 0 but no summary.json"
        else:
            error = f"exit status {rc}: " + (lines[-1] if lines else "no message")
        shutil.rmtree(tmpdir, ignore_errors=True)
        os.makedirs(tmpdir)
        with open(os.path.join(tmpdir, "stderr.txt"), "wb") as f:
            f.write(err)
    rec = {"hash": h, "run": entry["run"], "values": entry["values"], "status": status,
           "error": error, "exitStatus": rc, "elapsed_s": round(elapsed, 3),
           "host": socket.gethostname()}
    with open(os.path.join(tmpdir, "run.json"), "w") as f:
        f.write(dumps(rec))
        f.flush()
        os.fsync(f.fileno())
    fsync_dir(tmpdir)
    final = os.path.join(d.runs, h)
    try:
        os.rename(tmpdir, final)
    except OSError as e:
        if e.errno in (errno.EEXIST, errno.ENOTEMPTY):  # done meanwhile by another job
            shutil.rmtree(tmpdir, ignore_errors=True)
        else:
            raise
    if sync_parent:  # else the caller syncs runs/ once (a rename lost is a run done again)
        fsync_dir(d.runs)
    return rec


# ---------------------------------------------------------------------------------------
# Progress


class Progress:
    def __init__(self, total, done, failed):
        self.total, self.done, self.failed = total, done, failed
        self.start_done = done
        self.t0 = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.last = 0.0

    @staticmethod
    def duration(seconds):
        m, s = divmod(int(seconds + 0.5), 60)
        return f"{m}m{s:02d}s" if m else f"{s}s"

    def eta(self):
        n = self.done - self.start_done
        if n == 0:
            return "ETA ?"
        if self.done >= self.total:
            return "took " + self.duration(time.monotonic() - self.t0)
        return "ETA " + self.duration((time.monotonic() - self.t0) / n * (self.total - self.done))

    def update(self, final=False):
        now = time.monotonic()
        if self.tty:
            if not final and now - self.last < 0.2:
                return
            width = 30
            fill = int(width * self.done / max(1, self.total))
            bar = "#" * fill + "-" * (width - fill)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} runs, {self.failed} failed, "
                             f"{self.eta()}   " + ("\n" if final else ""))
            sys.stderr.flush()
            self.last = now
        elif final or now - self.last >= 5.0:
            say(f"{self.done}/{self.total} runs done, {self.failed} failed, {self.eta()}")
            self.last = now

    def note(self, msg):
        if self.tty:
            sys.stderr.write("\r" + " " * 78 + "\r")
        say(msg)


# ---------------------------------------------------------------------------------------
# The results table


def _csv_rows(path):
    try:
        with open(path, newline="") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        return None


def cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def write_results(d, plan=None):
    """DIR/results.csv from the plan and the finished runs; returns (ok, failed, missing)."""
    plan = plan or d.plan()
    cols = [c["name"] for c in plan["columns"]]
    done = d.done()
    rows, have_tcp, ok, failed, missing = [], False, 0, 0, 0
    for entry in plan["runs"]:
        h = entry["hash"]
        rec = done.get(h)
        base = [cell(entry["values"][c]) for c in cols] + [str(entry["run"]), h]
        if rec is None:
            missing += 1
            continue
        if rec["status"] != "ok":
            failed += 1
            rows.append((base + ["failed", rec.get("error") or ""], None, None))
            continue
        ok += 1
        run_dir = os.path.join(d.runs, h)
        outages = _csv_rows(os.path.join(run_dir, "outages.csv")) or []
        tcp = _csv_rows(os.path.join(run_dir, "tcp.csv"))
        if tcp is not None:
            have_tcp = True
        tcp_by = {(t["client"], t["target"]): t for t in tcp or []}
        if not outages:
            rows.append((base + ["ok", ""], None, None))
        for o in outages:
            rows.append((base + ["ok", ""], o, tcp_by.get((o["client"], o["target"]))))
    header = cols + RUN_COLUMNS + [c for c, _ in ROW_COLUMNS]
    if have_tcp:
        header += [c for c, _ in TCP_COLUMNS]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for base, o, t in rows:
        line = list(base) + [(o or {}).get(src, "") for _, src in ROW_COLUMNS]
        if have_tcp:
            line += [(t or {}).get(src, "") for _, src in TCP_COLUMNS]
        w.writerow(line)
    write_atomic(os.path.join(d.path, "results.csv"), buf.getvalue())
    return ok, failed, missing


# ---------------------------------------------------------------------------------------
# Commands


def default_jobs():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def install_signals():
    def handler(signum, frame):
        raise Interrupted(signal.Signals(signum).name)
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)


def check_sim(sim):
    if not (os.path.isfile(sim) and os.access(sim, os.X_OK)):
        raise Refused(f"--sim {sim}: not an executable file (expected zos-takeover-sim; "
                      f"./zos-takeover builds it)")


def cmd_run(a):
    sim = os.path.abspath(a.sim)
    check_sim(sim)
    sweep = Sweep(a.sweep)
    timeout = a.timeout if a.timeout is not None else sweep.timeout
    out = a.out or os.path.join("results", "sweep-" + sweep.name)
    if os.path.exists(out) and not os.path.isdir(out):
        raise Refused(f"--out {out}: is a file, not a directory (expected a new or empty "
                      f"directory, or an earlier sweep's)")
    if os.path.isdir(out) and os.listdir(out) and not SweepDir(out).is_sweep():
        raise Refused(f"--out {out}: not empty and not a sweep directory (expected a new or "
                      f"empty directory, or an earlier sweep's; it has no {MARKER})")
    plan, scenarios = expand(sweep, sim, a.jobs)
    d = prepare(sweep, plan, scenarios, out, a.force, timeout)
    done = d.done()
    if a.retry_failed:
        for h, rec in list(done.items()):
            if rec["status"] != "ok":
                shutil.rmtree(os.path.join(d.runs, h))
                del done[h]
    pending, seen = [], set(done)
    for entry in plan:
        if entry["hash"] not in seen:
            seen.add(entry["hash"])
            pending.append(entry)
    unique = len({e["hash"] for e in plan})
    if a.emit:
        return emit(a.emit, d, sweep, pending, sim, timeout)
    failed = sum(1 for r in done.values() if r["status"] != "ok")
    say(f"{sweep.name}: {len(plan)} runs ({len(sweep.columns)} axis columns, "
        f"{len(sweep.runs)} replications), {unique - len(pending)} already done, "
        f"{len(pending)} to run on {a.jobs} workers; results in {out}")
    progress = Progress(unique, unique - len(pending), failed)
    tmpdirs = {}

    def tasks():
        for entry in pending:
            tmp = new_tmp(d, entry["hash"]) + f".{len(tmpdirs)}"
            tmpdirs[entry["hash"]] = tmp
            yield entry, run_argv(sim, d, entry["hash"], tmp), False

    def on_done(entry, rc, out_, err, elapsed, timed_out):
        rec = finish_run(d, entry["hash"], entry, tmpdirs.pop(entry["hash"]), rc, err,
                         elapsed, timed_out, timeout, sync_parent=False)
        progress.done += 1
        if rec["status"] != "ok":
            progress.failed += 1
            progress.note(f"run {entry['hash']} ({describe(entry['values'])}, run "
                          f"{entry['run']}) failed: {rec['error']}")
        progress.update()

    try:
        if pending:
            progress.update()
            Pool(a.jobs).run(tasks(), on_done, timeout=timeout, on_tick=progress.update)
    except (Interrupted, KeyboardInterrupt):
        fsync_dir(d.runs)
        d.clean_tmp()
        progress.note(f"interrupted: {progress.done} of {unique} runs done; rerun the same "
                      f"command to go on")
        write_results(d)
        return 130
    if pending:
        progress.update(final=True)
    fsync_dir(d.runs)
    d.clean_tmp()
    ok, failed, missing = write_results(d)
    say(f"{ok} runs ok, {failed} failed; table: {os.path.join(out, 'results.csv')}")
    return 1 if failed or missing else 0


def emit(kind, d, sweep, pending, sim, timeout):
    here = os.path.abspath(__file__)
    py = sys.executable or "python3"
    out = os.path.abspath(d.path)
    lines = [" ".join(shlex.quote(x) for x in [py, here, "run-one", out, e["hash"], "--sim",
                                                 sim, "--timeout", f"{timeout:g}"])
             for e in pending]
    write_atomic(os.path.join(d.path, "joblist.txt"), "".join(x + "\n" for x in lines))
    jl = os.path.join(out, "joblist.txt")
    if kind == "joblist":
        say(f"wrote {jl}: {len(lines)} runs, one command a line; run them with GNU parallel "
            f"(e.g. parallel --jobs 2 < {shlex.quote(jl)}, or --sshloginfile FILE on hosts "
            f"that see {out} at the same path), then: ./zos-takeover sweep --collect "
            f"{shlex.quote(d.path)}")
        return 0
    tasks = min(len(lines), 1000)
    script = f"""#!/bin/bash
# SLURM array job for the sweep {sweep.name}: {len(lines)} runs in {tasks} array tasks.
# Written by ./zos-takeover sweep --emit slurm. Submit: sbatch {out}/slurm.sh
# then, when the array is done: ./zos-takeover sweep --collect {out}
# Task i runs the lines i+1, i+1+{tasks}, ... of joblist.txt (every node must see {out}
# and the simulator {sim} at these paths).
#SBATCH --job-name=zos-sweep-{sweep.name}
#SBATCH --array=0-{max(0, tasks - 1)}
#SBATCH --cpus-per-task=1
#SBATCH --output={out}/slurm/%A_%a.out
#SBATCH --time={int(timeout // 60) + 2}
set -u
status=0
n=0
while IFS= read -r line; do
    if [ $((n % {tasks})) -eq "$SLURM_ARRAY_TASK_ID" ]; then
        bash -c "$line" || status=1
    fi
    n=$((n + 1))
done < {shlex.quote(jl)}
exit $status
"""
    os.makedirs(os.path.join(out, "slurm"), exist_ok=True)
    write_atomic(os.path.join(out, "slurm.sh"), script)
    os.chmod(os.path.join(out, "slurm.sh"), 0o755)
    say(f"wrote {out}/slurm.sh ({tasks} array tasks for {len(lines)} runs) and {jl}; "
        f"sbatch {out}/slurm.sh, then ./zos-takeover sweep --collect {shlex.quote(d.path)}")
    return 0


def cmd_run_one(a):
    d = SweepDir(a.dir)
    if not d.is_sweep():
        raise Refused(f"{a.dir}: not a sweep directory (no {MARKER})")
    d.lock(shared=True)
    plan = d.plan()
    entry = next((e for e in plan["runs"] if e["hash"] == a.hash), None)
    if entry is None:
        raise Refused(f"{a.dir}: no run {a.hash} in plan.json")
    if os.path.isdir(os.path.join(d.runs, a.hash)):
        return 0
    check_sim(os.path.abspath(a.sim))
    install_signals()
    tmp = new_tmp(d, a.hash)
    shutil.rmtree(tmp, ignore_errors=True)
    result = {}

    def on_done(key, rc, out, err, elapsed, timed_out):
        result["rec"] = finish_run(d, a.hash, entry, tmp, rc, err, elapsed, timed_out,
                                   a.timeout)
    try:
        Pool(1).run([(a.hash, run_argv(os.path.abspath(a.sim), d, a.hash, tmp), False)],
                    on_done, timeout=a.timeout)
    except (Interrupted, KeyboardInterrupt):
        shutil.rmtree(tmp, ignore_errors=True)
        return 130
    rec = result["rec"]
    if rec["status"] != "ok":
        print(f"zos-takeover sweep: run {a.hash} failed: {rec['error']}", file=sys.stderr)
        return 1
    return 0


def cmd_collect(a):
    d = SweepDir(a.dir)
    if not d.is_sweep() or d.plan() is None:
        raise Refused(f"{a.dir}: not a sweep directory (no {MARKER} or plan.json; make one "
                      f"with ./zos-takeover sweep SWEEP.json --out DIR [--emit joblist])")
    plan = d.plan()
    others = []
    for other in a.more:
        o = SweepDir(other)
        if not o.is_sweep() or o.plan() is None:
            raise Refused(f"{other}: not a sweep directory (no {MARKER} or plan.json)")
        if o.plan()["runs"] != plan["runs"]:
            raise Refused(f"{other}: its runs differ from those of {a.dir} (expected a "
                          f"directory of the same sweep, e.g. made with --emit joblist on "
                          f"another machine)")
        others.append(o)
    d.lock()
    d.clean_tmp()
    merged = 0
    wanted = {e["hash"] for e in plan["runs"]}
    for o in others:
        o.lock(shared=True)
        for h in sorted(set(o.done()) & wanted):
            if os.path.isdir(os.path.join(d.runs, h)):
                continue
            tmp = new_tmp(d, h) + ".merge"
            shutil.copytree(os.path.join(o.runs, h), tmp)
            fsync_dir(tmp)
            os.rename(tmp, os.path.join(d.runs, h))
            merged += 1
    if others:
        fsync_dir(d.runs)
        d.clean_tmp()
        say(f"merged {merged} runs from {', '.join(x.path for x in others)}")
    ok, failed, missing = write_results(d)
    say(f"{os.path.join(a.dir, 'results.csv')}: {ok} runs ok, {failed} failed, "
        f"{missing} not done yet")
    return 1 if failed or missing else 0


def main(argv=None):
    p = OneLineParser(prog="zos-takeover sweep", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=OneLineParser)
    r = sub.add_parser("run", prog="zos-takeover sweep",
                       description="Run a sweep (doc/sweeps.rst): the product of the sweep "
                                   "file's axes times its replications, resumable.")
    r.add_argument("sweep", help="the sweep file (schema: scenarios/sweeps/sweep.schema.json)")
    r.add_argument("--sim", required=True, help="the simulator (the wrapper gives "
                                                "build/zos-takeover-sim)")
    r.add_argument("--out", metavar="DIR", help="the sweep directory: new, empty or an "
                   "earlier run of the same sweep (default results/sweep-NAME)")
    r.add_argument("--jobs", type=int, default=default_jobs(), metavar="N",
                   help="runs at a time (default: the cores, %(default)s)")
    r.add_argument("--timeout", type=float, metavar="S",
                   help="per-run limit in seconds (default: the sweep file's, or 3600)")
    r.add_argument("--force", action="store_true",
                   help="DIR holds another sweep's results: delete them and start over")
    r.add_argument("--retry-failed", action="store_true",
                   help="run the recorded failed runs again")
    r.add_argument("--emit", choices=["joblist", "slurm"],
                   help="do not run: write DIR/joblist.txt (GNU parallel) or also "
                        "DIR/slurm.sh (SLURM array job); then sweep --collect DIR")
    o = sub.add_parser("run-one")
    o.add_argument("dir")
    o.add_argument("hash")
    o.add_argument("--sim", required=True)
    o.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    c = sub.add_parser("collect", prog="zos-takeover sweep --collect",
                       description="Write DIR/results.csv from the runs done; first copy into "
                                   "DIR the finished runs of other directories of the same "
                                   "sweep (e.g. run on machines without a shared file system).")
    c.add_argument("dir")
    c.add_argument("more", nargs="*", metavar="OTHER_DIR")
    a = p.parse_args(argv)
    if getattr(a, "jobs", 1) < 1:
        say("--jobs: got %d (expected at least 1)" % a.jobs)
        return 2
    if getattr(a, "timeout", None) is not None and not a.timeout > 0:
        say(f"--timeout: got {a.timeout:g} (expected seconds > 0)")
        return 2
    try:
        if a.cmd == "run":
            install_signals()
            return cmd_run(a)
        if a.cmd == "run-one":
            return cmd_run_one(a)
        return cmd_collect(a)
    except Refused as e:
        print(str(e), file=sys.stderr)
        return 2
    except (Interrupted, KeyboardInterrupt):
        say("interrupted before any run; nothing changed")
        return 130
    except OSError as e:
        say(f"cannot write results: {e}")
        return 3


if __name__ == "__main__":
    sys.exit(main())
