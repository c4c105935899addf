#!/usr/bin/python3
"""Benchmark of ./zos-takeover sweep: per-run overhead and the speedup of 2 workers over 1.

    /usr/bin/python3 scripts/bench-sweep.py [--sim build/zos-takeover-sim] [--runs 20]
                                            [--replications 1] [--repeat 2] [--overhead-only]

1. Overhead per run: the same N short runs (seed 001 cut to 25 s, N distinct run values)
   once as bare simulator calls one after the other, once as a sweep with one worker
   (expansion, validation, atomic results, results.csv included): (sweep - bare) / N, in
   wall-clock time and in CPU time (user + system of all the processes); and the runner
   alone: 200 runs of a no-op simulator (a shell script) as a sweep, minus the script
   called 200 times (this one hardly depends on other load).
2. Speedup: the seed-001 example sweep (scenarios/sweeps/seed-001.json, 180 s runs) with
   --replications of each configuration (30 configurations), with --jobs 1 and --jobs 2:
   runs per minute of each and their ratio.
Each timing is the best of --repeat (bare and sweep, 1 and 2 workers interleaved). Prints
numbers only: it asserts nothing (a loaded machine gives other numbers; the load average
is printed with them).
"""
import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWEEP = [sys.executable, os.path.join(ROOT, "python", "zos_takeover", "sweep.py")]


def cpu():
    """CPU seconds (user + system) of the waited-for children so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


LAST_CPU = {}


def sweep(sim, sweep_file, out, jobs, emit=False):
    shutil.rmtree(out, ignore_errors=True)
    args = SWEEP + ["run", "--sim", sim, sweep_file, "--out", out, "--jobs", str(jobs)]
    if emit:
        args += ["--emit", "joblist"]
    c, t = cpu(), time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL)
    LAST_CPU["sweep"] = cpu() - c
    return time.perf_counter() - t


def bare(sim, scenario_files, tmp):
    c, t = cpu(), time.perf_counter()
    for i, f in enumerate(scenario_files):
        out = os.path.join(tmp, f"bare-{i}")
        subprocess.run([sim, f, "--out", out, "--quiet"], check=True, stdout=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - t
    LAST_CPU["bare"] = cpu() - c
    for i in range(len(scenario_files)):
        shutil.rmtree(os.path.join(tmp, f"bare-{i}"), ignore_errors=True)
    return elapsed


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sim", default=os.path.join(ROOT, "build", "zos-takeover-sim"))
    p.add_argument("--runs", type=int, default=20, help="runs of the overhead measurement")
    p.add_argument("--replications", type=int, default=1,
                   help="replications of the seed-001 sweep for the speedup (x 30 runs)")
    p.add_argument("--repeat", type=int, default=2, help="best of this many timings")
    p.add_argument("--overhead-only", action="store_true", help="skip the speedup")
    a = p.parse_args()
    # SIGTERM: end the running sweep (subprocess.run kills it) and remove the temporary files
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sim = os.path.abspath(a.sim)
    tmp = tempfile.mkdtemp(prefix="zos-bench-sweep-")
    try:
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
              f"{os.cpu_count()} cores")
        short = os.path.join(tmp, "short.json")
        with open(short, "w") as f:
            json.dump({"scenario": os.path.join(ROOT, "scenarios", "seed-001-osa1-osa4.json"),
                       "set": {"/duration": 25}, "axes": [], "replications": a.runs}, f)
        plan_dir = os.path.join(tmp, "plan")
        sweep(sim, short, plan_dir, 1, emit=True)
        files = sorted(os.path.join(plan_dir, "scenarios", n)
                       for n in os.listdir(os.path.join(plan_dir, "scenarios")))
        t_bare = t_sweep = c_bare = c_sweep = float("inf")
        for _ in range(a.repeat):  # interleaved, as below
            t_bare = min(t_bare, bare(sim, files, tmp))
            c_bare = min(c_bare, LAST_CPU["bare"])
            t_sweep = min(t_sweep, sweep(sim, short, os.path.join(tmp, "s1"), 1))
            c_sweep = min(c_sweep, LAST_CPU["sweep"])
        n = len(files)
        print(f"overhead per run, wall clock: {(t_sweep - t_bare) / n * 1e3:.1f} ms "
              f"(sweep, 1 worker: {n} runs in {t_sweep:.2f} s; the same runs bare: "
              f"{t_bare:.2f} s, {t_bare / n * 1e3:.0f} ms per run)")
        print(f"overhead per run, CPU time: {(c_sweep - c_bare) / n * 1e3:.1f} ms (sweep "
              f"{c_sweep:.2f} s, bare {c_bare:.2f} s of CPU: the runner, the validations; "
              f"less sensitive to other load than the wall clock)")

        # The runner alone: a simulator that only writes an empty result (a shell script).
        noop = os.path.join(tmp, "noop-sim")
        with open(noop, "w") as f:
            f.write(f"""#!/bin/sh
case " $* " in *" --validate "*) exec {sim} "$@" ;; esac
mkdir -p "$3" && : > "$3/summary.json" && echo event > "$3/outages.csv"
""")
        os.chmod(noop, 0o755)
        many = os.path.join(tmp, "many.json")
        with open(many, "w") as f:
            json.dump({"scenario": os.path.join(ROOT, "scenarios", "seed-001-osa1-osa4.json"),
                       "axes": [], "replications": 200}, f)
        t_noop = min(sweep(noop, many, os.path.join(tmp, "noop"), 1) for _ in range(a.repeat))
        t_sh = float("inf")
        for _ in range(a.repeat):
            t = time.perf_counter()
            for i in range(200):
                subprocess.run([noop, "x", "--out", os.path.join(tmp, "sh", str(i)), "-q"],
                               check=True)
            t_sh = min(t_sh, time.perf_counter() - t)
            shutil.rmtree(os.path.join(tmp, "sh"))
        print(f"the runner alone, with a no-op simulator (a shell script): "
              f"{t_noop / 200 * 1e3:.1f} ms per run, of which {t_sh / 200 * 1e3:.1f} ms the "
              f"script itself: {(t_noop - t_sh) / 200 * 1e3:.1f} ms per run of sweep overhead")
        if a.overhead_only:
            return
        with open(os.path.join(ROOT, "scenarios", "sweeps", "seed-001.json")) as f:
            d = json.load(f)
        d["scenario"] = os.path.join(ROOT, "scenarios", "seed-001-osa1-osa4.json")
        d["replications"] = a.replications
        big = os.path.join(tmp, "seed-001.json")
        with open(big, "w") as f:
            json.dump(d, f)
        runs = 30 * a.replications
        best = {1: float("inf"), 2: float("inf")}
        for _ in range(a.repeat):  # interleaved, so that a change of load hits both
            for jobs in (1, 2):
                t = sweep(sim, big, os.path.join(tmp, f"j{jobs}"), jobs)
                best[jobs] = min(best[jobs], t)
        rate = {}
        for jobs, t in best.items():
            rate[jobs] = runs / t * 60
            print(f"seed-001 sweep, {runs} runs, {jobs} worker{'s' if jobs > 1 else ''}: "
                  f"{t:.1f} s, {rate[jobs]:.1f} runs per minute")
        print(f"speedup of 2 workers over 1: {rate[2] / rate[1]:.2f}x; the 600-run sweep at "
              f"that rate: {600 / rate[2]:.1f} min with 2 workers")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
