#!/usr/bin/python3
"""Tests of ./zos-takeover sweep, --collect, compare and the pandas readers (ctest: sweep/*).

Run one class: /usr/bin/python3 test/test_sweep.py Expansion (ZOS_SIM=build/zos-takeover-sim).
They run real sweeps of seed 001 cut to a short duration, and a fake simulator (a script
in front of the real one) that logs its runs, crashes or hangs on chosen detection delays.
"""
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
SWEEP = [sys.executable, os.path.join(ROOT, "python", "zos_takeover", "sweep.py")]
SIM = os.path.abspath(os.environ.get("ZOS_SIM", os.path.join(ROOT, "build", "zos-takeover-sim")))
SEED001 = os.path.join(ROOT, "scenarios", "seed-001-osa1-osa4.json")

FAKE_SIM = r'''#!/usr/bin/python3
# A simulator in front of the real one: --validate goes straight through; a run first sleeps
# $ZOS_FAKE_DELAY seconds, crashes (SIGSEGV) when the stack's detectionDelay is 0.7, hangs
# when it is 0.9 (or once $ZOS_FAKE_HANG_AFTER runs are logged), else logs its scenario file
# name to $ZOS_FAKE_LOG and becomes the real simulator (exec: same process, no child).
import json, os, signal, sys, time
real = os.environ["ZOS_REAL_SIM"]
args = sys.argv[1:]
if "--validate" in args:
    os.execv(real, [real] + args)
with open(args[0]) as f:
    dd = json.load(f)["stacks"][0]["detectionDelay"]
time.sleep(float(os.environ.get("ZOS_FAKE_DELAY", "0")))
log = os.environ.get("ZOS_FAKE_LOG")
hang_after = os.environ.get("ZOS_FAKE_HANG_AFTER")
if hang_after and log and os.path.exists(log):
    with open(log) as f:
        if len(f.read().split()) >= int(hang_after):
            time.sleep(600)
if dd == 0.7:
    sys.stderr.write("about to crash\n"); sys.stderr.flush()
    signal.signal(signal.SIGSEGV, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGSEGV)
if dd == 0.9:
    time.sleep(600)
if log:
    with open(log, "a") as f:
        f.write(os.path.basename(args[0])[:-5] + "\n")
os.execv(real, [real] + args)
'''


def sweep_file(dirname, axes, name="t", replications=1, **extra):
    d = {"scenario": SEED001, "set": {"/duration": 25}, "axes": axes,
         "replications": replications}
    d.update(extra)
    path = os.path.join(dirname, name + ".json")
    with open(path, "w") as f:
        json.dump(d, f)
    return path


def jload(path):
    with open(path) as f:
        return json.load(f)


def readtext(path):
    with open(path) as f:
        return f.read()


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def processes_mentioning(text):
    """Pids of the processes whose command line contains text."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if text.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="zos-sweep-test-")
        self.fake = os.path.join(self.tmp, "fake-sim")
        with open(self.fake, "w") as f:
            f.write(FAKE_SIM)
        os.chmod(self.fake, 0o755)
        self.log = os.path.join(self.tmp, "runs.log")
        self.env = dict(os.environ, ZOS_REAL_SIM=SIM, ZOS_FAKE_LOG=self.log)

    def tearDown(self):
        for pid in processes_mentioning(self.tmp):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)

    def sweep(self, *args, sim=None, env=None):
        return subprocess.run(SWEEP + ["run", "--sim", sim or SIM] + list(args),
                              capture_output=True, text=True, env=env or self.env,
                              stdin=subprocess.DEVNULL)

    def logged(self):
        try:
            with open(self.log) as f:
                return f.read().split()
        except FileNotFoundError:
            return []


class Expansion(Base):
    """Product, zip and replications: plan.json and the scenario of every run."""

    def test_product_zip_replications(self):
        sw = sweep_file(self.tmp, [
            {"name": "model", "path": ["/stations/0/arp", "/stations/1/arp"],
             "values": ["stock", "linux"]},
            {"zip": [{"name": "delay", "path": "/stacks/0/detectionDelay", "values": [0, 0.5, 1]},
                     {"name": "count", "path": "/stacks/0/gratuitousArpCount", "values": [1, 2, 3]}]},
        ], replications=2, firstRun=5)
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out, "--emit", "joblist")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "plan.json")) as f:
            plan = json.load(f)
        self.assertEqual([c["name"] for c in plan["columns"]], ["model", "delay", "count"])
        got = [(e["values"]["model"], e["values"]["delay"], e["values"]["count"], e["run"])
               for e in plan["runs"]]
        want = [(m, d, c, run) for m in ("stock", "linux")
                for d, c in ((0, 1), (0.5, 2), (1, 3)) for run in (5, 6)]
        self.assertEqual(got, want)
        self.assertEqual(len({e["hash"] for e in plan["runs"]}), 12)
        for e in plan["runs"]:
            with open(os.path.join(out, "scenarios", e["hash"] + ".json")) as f:
                scen = json.load(f)
            v = e["values"]
            self.assertEqual(scen["run"], e["run"])
            self.assertEqual(scen["duration"], 25)
            self.assertEqual(scen["stations"][0]["arp"], v["model"])
            self.assertEqual(scen["stations"][1]["arp"], v["model"])
            self.assertEqual(scen["stations"][2]["arp"], "linux")  # not swept: the base's
            self.assertEqual(scen["stacks"][0]["detectionDelay"], v["delay"])
            self.assertEqual(scen["stacks"][0]["gratuitousArpCount"], v["count"])
        # joblist: one line per run, nothing run yet
        with open(os.path.join(out, "joblist.txt")) as f:
            self.assertEqual(len(f.read().splitlines()), 12)
        self.assertEqual(os.listdir(os.path.join(out, "runs")), [])

    def test_explicit_runs_and_no_axes(self):
        sw = sweep_file(self.tmp, [], runs=[3, 9])
        del_key = jload(sw)
        del del_key["replications"]
        with open(sw, "w") as f:
            json.dump(del_key, f)
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out, "--emit", "joblist")
        self.assertEqual(r.returncode, 0, r.stderr)
        plan = jload(os.path.join(out, "plan.json"))
        self.assertEqual([e["run"] for e in plan["runs"]], [3, 9])
        self.assertEqual(plan["columns"], [])


class Table(Base):
    """results.csv: columns, one row per run x event x client x target, the axis values."""

    def test_columns_and_rows(self):
        sw = sweep_file(self.tmp, [
            {"name": "delay", "path": "/stacks/0/detectionDelay", "values": [0, 0.5]}],
            replications=2)
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out, "--jobs", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "results.csv")) as f:
            header = f.readline().strip().split(",")
        self.assertEqual(header, [
            "delay", "run", "hash", "run_status", "run_error", "event", "event_type", "subject",
            "event_s", "window_end_s", "client", "station_model", "target", "status", "reason",
            "reachable_at_event", "recovered", "outage_s", "first_success_s", "longest_gap_s",
            "probes_sent", "probes_lost"])
        rows = read_csv(os.path.join(out, "results.csv"))
        plan = jload(os.path.join(out, "plan.json"))
        self.assertEqual(len(plan["runs"]), 4)
        n = 0
        for e in plan["runs"]:
            run_dir = os.path.join(out, "runs", e["hash"])
            outages = read_csv(os.path.join(run_dir, "outages.csv"))
            mine = [x for x in rows if x["hash"] == e["hash"]]
            self.assertEqual(len(mine), len(outages))
            n += len(outages)
            summary = jload(os.path.join(run_dir, "summary.json"))
            self.assertEqual(summary["scenario"]["stacks"][0]["detectionDelay"],
                             e["values"]["delay"])
            self.assertEqual(summary["scenario"]["run"], e["run"])
            for x, o in zip(mine, outages):
                self.assertEqual(float(x["delay"]), e["values"]["delay"])
                self.assertEqual(x["run"], str(e["run"]))
                self.assertEqual(x["run_status"], "ok")
                self.assertEqual((x["client"], x["station_model"], x["target"], x["outage_s"],
                                  x["probes_lost"], x["recovered"], x["reason"]),
                                 (o["client"], o["arp"], o["target"], o["outage_s"], o["lost"],
                                  o["recovered"], o["reason"]))
        self.assertEqual(len(rows), n)
        # Detection delay shows in the measured outage of the failed port's address.
        def outage(delay, client):
            return [float(x["outage_s"]) for x in rows if x["delay"] == delay
                    and x["client"] == client and x["target"] == "192.168.1.1"]
        for a, b in zip(outage("0", "CLIENT1"), outage("0.5", "CLIENT1")):
            self.assertAlmostEqual(b - a, 0.5, delta=0.11)

    def test_tcp_columns(self):
        sw = sweep_file(self.tmp, [
            {"name": "pq25476", "path": ["/stacks/0/fixes/PQ25476", "/stacks/1/fixes/PQ25476"],
             "values": [True]}],
            scenario=os.path.join(ROOT, "scenarios", "seed-003-flat-network-tcp.json"))
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = read_csv(os.path.join(out, "results.csv"))
        self.assertIn("tcp_stall_s", rows[0])
        self.assertIn("tcp_survived", rows[0])
        h = rows[0]["hash"]
        tcp = read_csv(os.path.join(out, "runs", h, "tcp.csv"))
        by = {(t["client"], t["target"]): t for t in tcp}
        self.assertTrue(any((x["client"], x["target"]) in by for x in rows))
        for x in rows:
            t = by.get((x["client"], x["target"]), {"stall_s": "", "survived": ""})  # UDP: empty
            self.assertEqual((x["tcp_stall_s"], x["tcp_survived"]), (t["stall_s"], t["survived"]))


class Resume(Base):
    """kill -9 in the middle, rerun: the full table, no finished run done again."""

    def test_resume_after_kill9(self):
        axes = [{"name": "delay", "path": "/stacks/0/detectionDelay", "values": [0, 0.2, 0.4]}]
        sw = sweep_file(self.tmp, axes, replications=4)
        out = os.path.join(self.tmp, "out")
        env = dict(self.env, ZOS_FAKE_DELAY="0.2")
        # Every run after the third hangs: the sweep is killed with runs in progress.
        p = subprocess.Popen(SWEEP + ["run", "--sim", self.fake, sw, "--out", out, "--jobs", "2"],
                             env=dict(env, ZOS_FAKE_HANG_AFTER="3"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs = os.path.join(out, "runs")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if os.path.isdir(runs) and len(os.listdir(runs)) >= 3:
                break
            time.sleep(0.02)
        # Both workers are on hanging runs by now (the runner is idle, not spawning one: a
        # simulator forked in the instant the runner dies could not be told to follow it).
        time.sleep(0.5)
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        finished = set(os.listdir(runs))
        self.assertGreaterEqual(len(finished), 3)
        self.assertLess(len(finished), 12, "the sweep ended before the kill: nothing tested")
        self.assertFalse(os.path.exists(os.path.join(out, "results.csv")))
        # The simulators die with the sweep (PDEATHSIG): none is left writing into out.
        deadline = time.monotonic() + 5
        while processes_mentioning(out) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(processes_mentioning(out), [])
        first = self.logged()  # the runs that reached the real simulator
        self.assertTrue(finished <= set(first))
        r = self.sweep(sw, "--out", out, "--jobs", "2", sim=self.fake, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"{len(finished)} already done", r.stderr)
        second = self.logged()[len(first):]
        self.assertEqual(set(second) & finished, set(), "a finished run was done again")
        self.assertEqual(len(os.listdir(runs)), 12)
        self.assertEqual(os.listdir(os.path.join(out, "tmp")) if os.path.isdir(
            os.path.join(out, "tmp")) else [], [])
        # The table equals a sweep that was never interrupted.
        ref = os.path.join(self.tmp, "ref")
        r = self.sweep(sw, "--out", ref, "--jobs", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "results.csv"), "rb") as a, \
                open(os.path.join(ref, "results.csv"), "rb") as b:
            self.assertEqual(a.read(), b.read())
        # A third call runs nothing.
        n = len(self.logged())
        r = self.sweep(sw, "--out", out, sim=self.fake, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(self.logged()), n)


class Progress(Base):
    """A progress bar on a terminal, plain lines otherwise."""

    def test_tty_and_plain(self):
        import pty
        sw = sweep_file(self.tmp, [{"path": "/stacks/0/detectionDelay", "values": [0, 0.2]}])
        master, slave = pty.openpty()
        p = subprocess.Popen(SWEEP + ["run", "--sim", SIM, sw, "--out",
                                      os.path.join(self.tmp, "a")],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the other end is closed
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        self.assertEqual(p.wait(), 0)
        tty = b"".join(chunks).decode()
        self.assertRegex(tty, r"\r\[#{30}\] 2/2 runs, 0 failed, took (\d+m)?\d+s")
        r = self.sweep(sw, "--out", os.path.join(self.tmp, "b"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("\r", r.stderr)
        self.assertIn("zos-takeover sweep: 0/2 runs done, 0 failed, ETA ?", r.stderr)
        self.assertRegex(r.stderr,
                         r"zos-takeover sweep: 2/2 runs done, 0 failed, took (\d+m)?\d+s")


class Failures(Base):
    """A crashing run and a run over the time limit are recorded; the sweep goes on."""

    def test_crash_and_timeout(self):
        axes = [{"name": "delay", "path": "/stacks/0/detectionDelay", "values": [0, 0.7, 0.9, 0.2]}]
        sw = sweep_file(self.tmp, axes)
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out, "--timeout", "3", sim=self.fake)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("2 runs ok, 2 failed", r.stderr)
        rows = read_csv(os.path.join(out, "results.csv"))
        status = {}
        for x in rows:
            status.setdefault(x["delay"], set()).add((x["run_status"], x["run_error"]))
        self.assertEqual(status["0"], {("ok", "")})
        self.assertEqual(status["0.2"], {("ok", "")})
        (crash,) = status["0.7"]
        self.assertEqual(crash[0], "failed")
        self.assertIn("SIGSEGV", crash[1])
        self.assertIn("about to crash", crash[1])
        (hang,) = status["0.9"]
        self.assertEqual(hang, ("failed", "timeout: killed after 3 s (the per-run limit)"))
        self.assertEqual(len([x for x in rows if x["delay"] == "0.7"]), 1)
        # recorded: a rerun does not run them again; --retry-failed does
        n = len(self.logged())
        r = self.sweep(sw, "--out", out, "--timeout", "3", sim=self.fake)
        self.assertEqual(r.returncode, 1)
        self.assertIn("4 already done", r.stderr)
        r = self.sweep(sw, "--out", out, "--timeout", "3", "--retry-failed")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual({x["run_status"] for x in read_csv(os.path.join(out, "results.csv"))},
                         {"ok"})
        self.assertEqual(len(self.logged()), n)


class Changed(Base):
    """A sweep file changed since its results: named, refused; --force starts over."""

    def test_changed_sweep_file(self):
        axes = [{"name": "delay", "path": "/stacks/0/detectionDelay", "values": [0, 0.2]}]
        sw = sweep_file(self.tmp, axes)
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        before = {n: os.stat(os.path.join(out, n)).st_mtime_ns for n in ("results.csv", "plan.json")}
        runs = sorted(os.listdir(os.path.join(out, "runs")))
        axes[0]["values"] = [0, 0.3]
        sweep_file(self.tmp, axes)
        r = self.sweep(sw, "--out", out)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
        self.assertRegex(r.stderr, r"^\S*t\.json: /axes/0/values/1: changed since the results in "
                                   r".* were made \(2 runs\); use --force to start over")
        self.assertEqual(sorted(os.listdir(os.path.join(out, "runs"))), runs)
        self.assertEqual(before, {n: os.stat(os.path.join(out, n)).st_mtime_ns for n in before})
        r = self.sweep(sw, "--out", out, "--force")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = read_csv(os.path.join(out, "results.csv"))
        self.assertEqual({x["delay"] for x in rows}, {"0", "0.3"})
        self.assertEqual(len(os.listdir(os.path.join(out, "runs"))), 2)

    def test_changed_base_scenario(self):
        base = os.path.join(self.tmp, "base.json")
        shutil.copy(SEED001, base)
        sw = sweep_file(self.tmp, [], scenario="base.json")
        out = os.path.join(self.tmp, "out")
        self.assertEqual(self.sweep(sw, "--out", out, "--emit", "joblist").returncode, 0)
        scen = jload(base)
        scen["stacks"][0]["detectionDelay"] = 0.3
        with open(base, "w") as f:
            json.dump(scen, f)
        r = self.sweep(sw, "--out", out)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"^\S*t\.json: /scenario: \S*base\.json \(or the simulator's "
                                   r"defaults\) changed since .*1 of 1 expanded scenarios differ")


class BadInput(Base):
    """Bad sweep files and options: one line naming file, path and problem; exit 2; nothing
    written."""

    CASES = [
        ({"axes": []}, r'^F: missing key "scenario" \(required: scenario, axes\)$'),
        ({"scenario": SEED001, "axes": [], "extra": 1}, r'^F: /extra: unknown key "extra"'),
        ({"scenario": SEED001, "axes": [{"path": "/stacks/0/detectionDelay", "values": [0, -1]}]},
         r"^F: /axes/0/values/1: -1 for /stacks/0/detectionDelay: got -1 \(expected a number "
         r"in \[0, 3600\]\)$"),
        ({"scenario": SEED001, "axes": [{"path": "/stacks/0/nosuch", "values": [1]}]},
         r'^F: /axes/0/values/0: 1 for /stacks/0/nosuch: unknown key "nosuch"'),
        ({"scenario": SEED001, "axes": [{"zip": [
            {"path": "/stacks/0/detectionDelay", "values": [0, 0.5]},
            {"path": "/stacks/0/learningTime", "values": [1]}]}]},
         r"^F: /axes/0/zip/1/values: 1 values, but /axes/0/zip/0/values has 2 \(expected "
         r"zipped axes of the same length\)$"),
        ({"scenario": SEED001, "axes": [{"path": "/stacks/0/detectionDelay", "values": []}]},
         r"^F: /axes/0/values: got 0 items \(expected a list of 1 to 10000 values\)$"),
        ({"scenario": SEED001, "axes": [{"path": "/stacks/0/detectionDelay", "values": [1, 1]}]},
         r"^F: /axes/0/values/1: got 1 a second time \(expected distinct values\)$"),
        ({"scenario": SEED001, "axes": [{"zip": [
            {"path": "/stacks/0/detectionDelay", "values": [0, 0.5, 0]},
            {"path": "/stacks/0/learningTime", "values": [1, 1, 1]}]}]},
         r"^F: /axes/0/zip: values 0 and 2 of every member are the same \[0, 1\] \(expected "
         r"distinct combinations\)$"),
        ({"scenario": SEED001, "axes": [{"path": "/run", "values": [1]}]},
         r"^F: /axes/0/path: /run is set by replications or runs"),
        ({"scenario": SEED001, "axes": [{"path": "/stacks/0", "values": [1]},
                                        {"path": "/stacks/0/detectionDelay", "values": [1]}]},
         r"^F: /axes/1/path: /stacks/0/detectionDelay overlaps /stacks/0 of /axes/0/path"),
        ({"scenario": SEED001, "axes": [], "replications": 0},
         r"^F: /replications: got 0 \(expected a whole number of replications in \[1, 100000\]\)$"),
        ({"scenario": SEED001, "axes": [], "replications": 2, "runs": [1]},
         r"^F: /replications: not together with runs"),
        ({"scenario": "nosuch.json", "axes": []}, r"^F: /scenario: no file \S*nosuch.json"),
        ({"scenario": SEED001, "axes": [{"name": "run", "path": "/duration", "values": [30]}]},
         r'^F: /axes/0/name: column name "run" is already a column of the results table'),
        ({"scenario": SEED001, "axes": [{"path": "/duration", "values": [10]}]},
         r"^F: /axes/0/values/0: with /duration=10 the scenario is refused: \S+: /events/0/at: "),
        ({"scenario": SEED001, "axes": [], "set": {"/stations/0/arp": "bogus"}},
         r'^F: /set/~1stations~10~1arp: /stations/0/arp: got "bogus" \(expected one of'),
        ("{\"scenario\": 1", r"^F: not valid JSON at line 1 column 15"),
        ("{\"axes\": [], \"axes\": []}", r'^F: duplicate key "axes"$'),
        ("{\"scenario\": \"x\", \"axes\": [], \"timeout\": 1e999}",
         r"^F: 1e999 is out of range \(expected a finite number\)$"),
    ]

    def test_bad_sweep_files(self):
        for i, (content, pattern) in enumerate(self.CASES):
            with self.subTest(i=i, pattern=pattern):
                path = os.path.join(self.tmp, f"bad{i}.json")
                with open(path, "w") as f:
                    f.write(content if isinstance(content, str) else json.dumps(content))
                out = os.path.join(self.tmp, f"out{i}")
                r = self.sweep(path, "--out", out, sim=self.fake)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
                self.assertRegex(r.stderr.strip(), pattern.replace("F", path, 1))
                self.assertFalse(os.path.exists(out))
        self.assertEqual(self.logged(), [])  # the fake simulator never ran a scenario

    def test_bad_out(self):
        sw = sweep_file(self.tmp, [])
        notes = os.path.join(self.tmp, "notes.txt")
        with open(notes, "w") as f:
            f.write("mine\n")
        r = self.sweep(sw, "--out", notes)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"^--out \S+notes.txt: is a file, not a directory")
        other = os.path.join(self.tmp, "other")
        os.mkdir(other)
        with open(os.path.join(other, "keep.txt"), "w") as f:
            f.write("mine\n")
        r = self.sweep(sw, "--out", other)
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"not empty and not a sweep directory")
        self.assertEqual(os.listdir(other), ["keep.txt"])


class Schema(unittest.TestCase):
    """The sweep schema is valid draft 7; the shipped sweeps pass it; jsoncheck and the
    jsonschema library agree on the schema-level bad cases."""

    def test_schema(self):
        from zos_takeover import jsoncheck
        import jsonschema  # Debian's python3-jsonschema (./zos-takeover test installs it)
        schema = jload(os.path.join(ROOT, "scenarios", "sweeps", "sweep.schema.json"))
        jsonschema.Draft7Validator.check_schema(schema)
        checker = jsoncheck.Checker(schema)
        v = jsonschema.Draft7Validator(schema)
        sweeps = os.path.join(ROOT, "scenarios", "sweeps")
        shipped = [n for n in os.listdir(sweeps) if n.endswith(".json") and "schema" not in n]
        self.assertGreaterEqual(len(shipped), 3)
        for n in shipped:
            d = jload(os.path.join(sweeps, n))
            checker.check(d)
            self.assertEqual(list(v.iter_errors(d)), [], n)
        for content, pattern in BadInput.CASES:
            if isinstance(content, str) or "scenario" not in content or \
                    content["scenario"] != SEED001:
                continue
            mine = None
            try:
                checker.check(content)
            except jsoncheck.JsonError as e:
                mine = e
            theirs = list(v.iter_errors(content))
            if mine is not None:  # what jsoncheck refuses, draft 7 refuses too
                self.assertTrue(theirs, f"{pattern}: jsonschema accepts {content}")
            elif theirs:  # the library refuses what jsoncheck let through: a bug here
                self.fail(f"jsoncheck accepts {content}: {theirs[0].message}")
        with self.assertRaises(ValueError):  # a keyword jsoncheck does not know
            jsoncheck.Checker({"type": "object", "patternProperties": {}})


class Joblist(Base):
    """--emit joblist run by GNU parallel, then --collect: the same table as a direct sweep."""

    def test_parallel(self):
        if not shutil.which("parallel"):
            self.skipTest("GNU parallel is not installed (apt-get install parallel)")
        axes = [{"name": "delay", "path": "/stacks/0/detectionDelay", "values": [0, 0.7, 0.3]}]
        sw = sweep_file(self.tmp, axes, replications=2)
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out, "--emit", "joblist", sim=self.fake)
        self.assertEqual(r.returncode, 0, r.stderr)
        joblist = os.path.join(out, "joblist.txt")
        with open(joblist) as f:
            self.assertEqual(len(f.read().splitlines()), 6)
        # collect before anything ran: an empty table, exit 1 (runs missing)
        c = subprocess.run(SWEEP + ["collect", out], capture_output=True, text=True)
        self.assertEqual(c.returncode, 1, c.stderr)
        self.assertIn("0 runs ok, 0 failed, 6 not done yet", c.stderr)
        p = subprocess.run(["parallel", "--will-cite", "--jobs", "2", "--joblog",
                            os.path.join(self.tmp, "joblog"), "::::", joblist],
                           stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, env=self.env)
        self.assertEqual(p.returncode, 2, p.stderr)  # the two crashing runs exit 1
        self.assertEqual(len(set(self.logged())), 4)
        c = subprocess.run(SWEEP + ["collect", out], capture_output=True, text=True)
        self.assertEqual(c.returncode, 1, c.stderr)
        self.assertIn("4 runs ok, 2 failed, 0 not done yet", c.stderr)
        ref = os.path.join(self.tmp, "ref")
        r = self.sweep(sw, "--out", ref, sim=self.fake)
        self.assertEqual(r.returncode, 1, r.stderr)
        with open(os.path.join(out, "results.csv"), "rb") as a, \
                open(os.path.join(ref, "results.csv"), "rb") as b:
            self.assertEqual(a.read(), b.read())
        # the jobs again: every run is done, nothing runs
        n = len(self.logged())
        p = subprocess.run(["parallel", "--will-cite", "--jobs", "2", "::::", joblist],
                           stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, env=self.env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(len(self.logged()), n)

    def test_collect_from_other_directories(self):
        """Half the joblist in one directory, half in another (two machines without a shared
        file system), merged by --collect: the table of a direct sweep."""
        axes = [{"name": "delay", "path": "/stacks/0/detectionDelay", "values": [0, 0.3]}]
        sw = sweep_file(self.tmp, axes, replications=2)
        a, b = os.path.join(self.tmp, "a"), os.path.join(self.tmp, "b")
        for d in (a, b):
            self.assertEqual(self.sweep(sw, "--out", d, "--emit", "joblist").returncode, 0)
        for d, lines in ((a, slice(0, 2)), (b, slice(2, 4))):
            for line in readtext(os.path.join(d, "joblist.txt")).splitlines()[lines]:
                subprocess.run(["bash", "-c", line], check=True, env=self.env)
        self.assertEqual(len(os.listdir(os.path.join(a, "runs"))), 2)
        c = subprocess.run(SWEEP + ["collect", a, b], capture_output=True, text=True)
        self.assertEqual(c.returncode, 0, c.stderr)
        self.assertIn("merged 2 runs from", c.stderr)
        self.assertEqual(len(os.listdir(os.path.join(a, "runs"))), 4)
        ref = os.path.join(self.tmp, "ref")
        self.assertEqual(self.sweep(sw, "--out", ref).returncode, 0)
        with open(os.path.join(a, "results.csv"), "rb") as x, \
                open(os.path.join(ref, "results.csv"), "rb") as y:
            self.assertEqual(x.read(), y.read())
        # a directory of another sweep is refused
        other = sweep_file(self.tmp, [], name="other")
        o = os.path.join(self.tmp, "o")
        self.assertEqual(self.sweep(other, "--out", o, "--emit", "joblist").returncode, 0)
        c = subprocess.run(SWEEP + ["collect", a, o], capture_output=True, text=True)
        self.assertEqual(c.returncode, 2)
        self.assertRegex(c.stderr, r"^\S+/o: its runs differ from those of ")

    def test_slurm_script(self):
        sw = sweep_file(self.tmp, [{"path": "/stacks/0/detectionDelay", "values": [0, 0.3]}],
                        replications=3)
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out, "--emit", "slurm")
        self.assertEqual(r.returncode, 0, r.stderr)
        script = readtext(os.path.join(out, "slurm.sh"))
        self.assertIn("#SBATCH --array=0-5", script)
        # One array task run here as SLURM would: it does its line of the joblist.
        env = dict(self.env, SLURM_ARRAY_TASK_ID="4")
        p = subprocess.run(["bash", os.path.join(out, "slurm.sh")], env=env,
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        plan = jload(os.path.join(out, "plan.json"))
        self.assertEqual(os.listdir(os.path.join(out, "runs")), [plan["runs"][4]["hash"]])


class Compare(Base):
    """The compare report on a table made by hand: the figures, reproducible."""

    def make(self, outages_by_config):
        """A sweep directory with a results.csv of the given outages: {delay: [[run rows]]}."""
        out = os.path.join(self.tmp, "cmp")
        os.makedirs(out)
        with open(os.path.join(out, ".zos-takeover-sweep"), "w"):
            pass
        values = list(outages_by_config)
        with open(os.path.join(out, "plan.json"), "w") as f:
            json.dump({"columns": [{"name": "delay", "paths": ["/x"], "values": values}],
                       "runs": []}, f)
        cols = ["delay", "run", "hash", "run_status", "run_error", "event", "event_type",
                "subject", "event_s", "window_end_s", "client", "station_model", "target",
                "status", "reason", "reachable_at_event", "recovered", "outage_s",
                "first_success_s", "longest_gap_s", "probes_sent", "probes_lost"]
        with open(os.path.join(out, "results.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            for delay, runs in outages_by_config.items():
                for i, run in enumerate(runs):
                    for j, o in enumerate(run):
                        rec = "false" if o >= 100 else "true"
                        w.writerow([delay, i + 1, f"h{delay}-{i}", "ok", "", 0, "portFailure",
                                    "S/P", 20, 120, f"C{j}", "stock", "10.0.0.1", "measured",
                                    "", "true", rec, o, "", o, 10, 1])
        return out

    def compare(self, out, *args):
        return subprocess.run([sys.executable, "-m", "zos_takeover.compare", out] + list(args),
                              capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python")))

    def test_figures(self):
        # delay 0: 4 runs of 2 pairs: 0.1..0.8; delay 1: the same plus 1 s, one not recovered.
        out = self.make({"0": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]],
                         "1": [[1.1, 1.2], [1.3, 1.4], [1.5, 1.6], [1.7, 100.0]]})
        r = self.compare(out, "--by", "delay", "--baseline", "delay=0")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = read_csv(os.path.join(out, "compare.csv"))
        a, b = rows
        self.assertEqual(a["delay"], "0")
        self.assertEqual((a["runs"], a["pairs"]), ("4", "8"))
        self.assertEqual(a["median"], "0.450000")       # (0.4 + 0.5) / 2
        self.assertEqual(a["p95"], "0.765000")          # 0.7 + 0.65 * (0.8 - 0.7)
        self.assertEqual(a["max"], "0.800000")
        self.assertEqual(a["not_recovered"], "0.000000")
        self.assertEqual(b["not_recovered"], "0.125000")  # 1 of 8
        self.assertEqual(b["d_median"], "1.000000")
        for row in rows:
            for f in ("median", "p95", "max", "not_recovered"):
                self.assertLessEqual(float(row[f + "_lo"]), float(row[f]) + 1e-9)
                self.assertGreaterEqual(float(row[f + "_hi"]) + 1e-9, float(row[f + "_lo"]))
        # interval of the median difference: the two samples are 1 s apart but for one pair
        self.assertLessEqual(float(b["d_median_lo"]), 1.0)
        self.assertGreaterEqual(float(b["d_median_hi"]), 1.0)
        self.assertIn(">= 100.000", r.stdout)           # the max is a lower bound
        # reproducible: same seed, same bytes; another seed, other intervals
        first = readtext(os.path.join(out, "compare.csv"))
        self.assertEqual(self.compare(out, "--by", "delay", "--baseline", "delay=0").returncode, 0)
        self.assertEqual(readtext(os.path.join(out, "compare.csv")), first)
        self.assertEqual(self.compare(out, "--by", "delay", "--baseline", "delay=0",
                                      "--seed", "2").returncode, 0)
        self.assertNotEqual(readtext(os.path.join(out, "compare.csv")), first)

    def test_default_by_and_where(self):
        out = self.make({"0": [[0.1, 0.2], [0.3, 0.4]], "1": [[1.1, 1.2], [1.3, 1.4]]})
        r = self.compare(out)  # one station model throughout: not a column of the report
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = read_csv(os.path.join(out, "compare.csv"))
        self.assertNotIn("station_model", rows[0])
        self.assertEqual([(x["delay"], x["pairs"]) for x in rows], [("0", "4"), ("1", "4")])
        r = self.compare(out, "--where", "client=C0")  # the first pair of each run
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = read_csv(os.path.join(out, "compare.csv"))
        self.assertEqual([(x["delay"], x["pairs"], x["median"]) for x in rows],
                         [("0", "2", "0.200000"), ("1", "2", "1.200000")])
        self.assertIn("only rows with client=C0", r.stdout)
        r = self.compare(out, "--where", "client=C9")
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"--where client=C9: no row matches")

    def test_bad_options(self):
        out = self.make({"0": [[0.1]]})
        r = self.compare(out, "--by", "nosuch")
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"^zos-takeover compare: --by nosuch: no such column")
        r = self.compare(out, "--by", "delay", "--baseline", "delay=7")
        self.assertEqual(r.returncode, 2)
        self.assertRegex(r.stderr, r"--baseline delay=7: no such value \(expected one of 0\)")


class Readers(Base):
    """load_results and load_timeline: dtypes."""

    def test_dtypes(self):
        import importlib.util
        if importlib.util.find_spec("pandas") is None:
            self.skipTest("python3-pandas is not installed")
        from zos_takeover import load_results, load_timeline, load_probes
        sw = sweep_file(self.tmp, [
            {"name": "model", "path": "/stations/1/arp", "values": ["stock", "linux"]},
            {"name": "fix", "path": "/stacks/0/fixes/PQ26689", "values": [True, False]},
            {"name": "delay", "path": "/stacks/0/detectionDelay", "values": [0, 0.5]}])
        out = os.path.join(self.tmp, "out")
        r = self.sweep(sw, "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        df = load_results(out)
        self.assertEqual(str(df["model"].dtype), "category")
        self.assertEqual(list(df["model"].cat.categories), ["stock", "linux"])
        self.assertEqual(str(df["fix"].dtype), "boolean")
        self.assertEqual(str(df["delay"].dtype), "float64")
        self.assertEqual(str(df["run"].dtype), "Int64")
        self.assertEqual(str(df["outage_s"].dtype), "float64")
        self.assertEqual(str(df["recovered"].dtype), "boolean")
        self.assertEqual(str(df["probes_sent"].dtype), "Int64")
        self.assertEqual(str(df["station_model"].dtype), "category")
        self.assertEqual(len(df), len(read_csv(os.path.join(out, "results.csv"))))
        self.assertTrue(df.loc[df["status"] == "not-measured", "outage_s"].isna().all())
        run_dir = os.path.join(out, "runs", df["hash"].iloc[0])
        tl = load_timeline(run_dir)
        self.assertEqual(str(tl["time_s"].dtype), "float64")
        self.assertEqual(str(tl["event"].dtype), "category")
        self.assertIn("gratuitous-arp", set(tl["event"]))
        pr = load_probes(run_dir)
        self.assertEqual(str(pr["rtt_s"].dtype), "float64")
        self.assertTrue(pr["rtt_s"].isna().any())


if __name__ == "__main__":
    unittest.main()
