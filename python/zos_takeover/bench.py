"""./zos-takeover bench [--quick]: what the module costs and how it scales.

Two parts, printed as tables and written to bench/results.json:

overhead
    zos-takeover-bench on each LAN kind: the same LAN, nodes, devices and probe traffic
    with a plain ns-3 server and stock stations, then with a ZosStack and station models;
    runs interleaved (plain, module, plain, ...), the median of the per-pair ratios of CPU
    time per request. Also during a failure burst (the module's port fails and is repaired
    every simulated second). Target: ratio <= 1.05.

scaling
    zos-takeover-sim on a generated scenario: N stations (one station group) probing a
    stack every 100 ms for 60 s, one OSA port failure at 30 s, warm start (--cold: none),
    for N in 100, 300, 1k, 3k, 10k and each LAN kind. Wall and CPU time, simulator events per CPU second, peak RSS,
    and the growth exponent fitted to CPU time against N (least squares on log-log). A
    kind stops growing once a run took over its budget or the next is predicted to (--budget
    for the shared LAN, 4x that for the others).
    Targets on the fast LAN: >= 5x faster than CSMA + bridge at 1,000 stations; exponent
    <= 1.05 from 1k to 10k; 10,000 stations under 120 s and 2 GiB.

Nothing here asserts a time: the targets are printed as met or missed.
"""

import argparse
import json
import math
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time

KINDS = ("fast", "switched", "shared")


def scenario(stations, kind, duration, warm):
    """The scaling scenario: one LAN, one stack with two OSA ports, a station group."""
    s = {
        "name": f"bench-{kind}-{stations}",
        "description": "zos-takeover bench: scaling run",
        "duration": duration,
        "lans": [{"name": "LAN1", "kind": kind}],
        "stacks": [{
            "name": "TCPIPA",
            "links": [
                {"name": "OSA1", "kind": "MPCIPA", "lan": "LAN1", "address": "10.0.0.1/16"},
                {"name": "OSA2", "kind": "MPCIPA", "lan": "LAN1", "address": "10.0.0.2/16",
                 "activateAt": 0.1},
            ],
            "vipas": ["10.1.1.1"],
            "detectionDelay": 0.1,
        }],
        "stations": [],
        "events": [{"at": duration / 2, "type": "portFailure", "stack": "TCPIPA",
                    "link": "OSA1"}],
        "stationGroups": [{
            "name": "S", "count": stations, "lan": "LAN1", "firstAddress": "10.0.1.1/16",
            "probe": {"targets": ["10.0.0.1"], "interval": 0.1, "start": 1.0,
                      "startJitter": 0.1},
        }],
    }
    if warm:
        s["warmStart"] = True
    return s


def run_sim(sim, scen, budget, sets):
    """Run one scenario; wall, CPU, peak RSS of the child, events from --stats."""
    with tempfile.TemporaryDirectory(prefix="zos-bench-") as tmp:
        path = os.path.join(tmp, "scenario.json")
        with open(path, "w") as f:
            json.dump(scen, f)
        stats = os.path.join(tmp, "stats.json")
        cmd = [sim, path, "--out", os.path.join(tmp, "out"), "--quiet", "--max-work", "0",
               "--stats", stats]
        for s in sets:
            cmd += ["--set", s]
        started = time.monotonic()
        with open(os.path.join(tmp, "stderr.txt"), "w+b") as errf:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf)
            timed_out = False
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - started > budget:
                    os.kill(proc.pid, signal.SIGKILL)
                    pid, status, usage = os.wait4(proc.pid, 0)
                    timed_out = True
                    break
                time.sleep(0.02)
            proc.returncode = 0  # reaped here, not by Popen
            wall = time.monotonic() - started
            errf.seek(0)
            err = errf.read().decode(errors="replace").strip()
        row = {"wall_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
               "peak_rss_mib": round(usage.ru_maxrss / 1024, 1)}
        if timed_out:
            row["status"] = f"over the {budget:.0f} s budget"
            return row
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            row["status"] = f"exit {code}: {err.splitlines()[-1] if err else ''}"
            return row
        with open(stats) as f:
            st = json.load(f)
        row["status"] = "ok"
        row["events"] = st["events"]
        row["events_per_cpu_s"] = round(st["events"] / max(row["cpu_s"], 1e-9))
        return row


def fit_exponent(points):
    """Least-squares slope of log(cpu) against log(stations)."""
    pts = [(math.log(n), math.log(c)) for n, c in points if c > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / sxx, 3) if sxx else None


def overhead(bench, kinds, args):
    rows = []
    for kind in kinds:
        for burst in (False, True):
            cmd = [bench, f"--lan={kind}", f"--stations={args.overhead_stations}",
                   f"--seconds={args.overhead_seconds}", f"--interval={args.overhead_interval}",
                   f"--repeat={args.repeat}", "--json=1"]
            if burst:
                cmd.append("--burst=1")
            out = subprocess.run(cmd, capture_output=True, text=True)
            if out.returncode not in (0, 1) or not out.stdout.strip():
                rows.append({"lan": kind, "burst": burst,
                             "status": f"exit {out.returncode}: " + out.stderr.strip()[-200:]})
                print(f"  overhead {kind:8} {'burst' if burst else 'steady':6} FAILED: "
                      f"{rows[-1]['status']}", flush=True)
                continue
            row = json.loads(out.stdout.strip().splitlines()[-1])
            # Exit status 1: the two variants sent different numbers of requests.
            row["status"] = "ok" if out.returncode == 0 else "requests differ"
            rows.append(row)
            print(f"  overhead {kind:8} {'burst' if burst else 'steady':6} "
                  f"plain {row['cpu_us_per_request_plain']:7.2f} us  module "
                  f"{row['cpu_us_per_request_module']:7.2f} us  ratio {row['ratio']:.3f}",
                  flush=True)
    return rows


def scaling(sim, kinds, sizes, args):
    rows = []
    for kind in kinds:
        # The shared CSMA channel only while a run stays under the budget; the switched kinds
        # get four times as long.
        budget = args.budget if kind == "shared" else 4 * args.budget
        done = []
        for n in sizes:
            if done:
                last_n, last = done[-1]
                predicted = last["wall_s"] * (n / last_n) ** 1.2
                if last["status"] != "ok" or predicted > budget:
                    rows.append({"lan": kind, "stations": n, "status":
                                 f"skipped: predicted {predicted:.0f} s > budget"
                                 if last["status"] == "ok" else "skipped"})
                    print(f"  scaling  {kind:8} {n:6} skipped", flush=True)
                    continue
            row = run_sim(sim, scenario(n, kind, args.seconds, not args.cold), budget, args.set)
            row.update({"lan": kind, "stations": n, "simulated_s": args.seconds,
                        "warm_start": not args.cold})
            rows.append(row)
            done.append((n, row))
            print(f"  scaling  {kind:8} {n:6} wall {row['wall_s']:8.2f} s  cpu "
                  f"{row['cpu_s']:8.2f} s  rss {row['peak_rss_mib']:7.1f} MiB  "
                  f"{row.get('events_per_cpu_s', 0):9} ev/s  {row['status']}", flush=True)
    return rows


def summarise(scale, over, sizes):
    ok = [r for r in scale if r.get("status") == "ok"]
    out = {"exponent": {}, "exponent_1k_10k": {}}
    for kind in KINDS:
        pts = [(r["stations"], r["cpu_s"]) for r in ok if r["lan"] == kind]
        out["exponent"][kind] = fit_exponent(pts)
        out["exponent_1k_10k"][kind] = fit_exponent([p for p in pts if p[0] >= 1000])

    def at(kind, n):
        return next((r for r in ok if r["lan"] == kind and r["stations"] == n), None)

    targets = []
    ratios = [r["ratio"] for r in over if r.get("status") == "ok"]
    if ratios:
        worst = max(ratios)
        targets.append(("overhead ratio <= 1.05 (worst kind and mode)", f"{worst:.3f}",
                        worst <= 1.05))
    f1, s1 = at("fast", 1000), at("switched", 1000)
    if f1 and s1:
        speed = s1["cpu_s"] / f1["cpu_s"]
        targets.append(("fast >= 5x CSMA + bridge at 1,000 stations (CPU)", f"{speed:.2f}x",
                        speed >= 5))
    e = out["exponent_1k_10k"]["fast"]
    f10 = at("fast", 10000)
    if e is not None and f10 and at("fast", 1000):
        targets.append(("fast growth exponent 1k-10k <= 1.05", f"{e}", e <= 1.05))
    if f10:
        targets.append(("fast 10,000 stations x 60 s < 120 s wall", f"{f10['wall_s']:.1f} s",
                        f10["wall_s"] < 120))
        targets.append(("fast 10,000 stations < 2 GiB", f"{f10['peak_rss_mib']:.0f} MiB",
                        f10["peak_rss_mib"] < 2048))
    out["targets"] = [{"target": t, "measured": m, "met": bool(ok_)} for t, m, ok_ in targets]
    return out


def main(argv=None):
    p = argparse.ArgumentParser(prog="zos-takeover bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="small sizes and short runs (under 2 minutes): a smoke check")
    p.add_argument("--sim", required=True, help="zos-takeover-sim")
    p.add_argument("--bench", required=True, help="zos-takeover-bench")
    p.add_argument("--out", default="bench/results.json")
    p.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    p.add_argument("--sizes", nargs="+", type=int)
    p.add_argument("--seconds", type=float, help="simulated seconds per scaling run")
    p.add_argument("--budget", type=float, default=300,
                   help="wall seconds a scaling run on the shared LAN may take (default 300; "
                        "4x that on switched and fast)")
    p.add_argument("--cold", action="store_true",
                   help="scaling runs without warmStart (every station's first ARP request "
                        "is broadcast to every port: 2 N^2 deliveries)")
    p.add_argument("--set", action="append", default=[],
                   help="PATH=VALUE for every scaling scenario (as zos-takeover run --set)")
    p.add_argument("--repeat", type=int, help="interleaved overhead runs per variant")
    p.add_argument("--only", choices=("overhead", "scaling"),
                   help="run one part only")
    a = p.parse_args(argv)
    def default(value, fallback):
        return fallback if value is None else value

    if a.quick:
        a.sizes = default(a.sizes, [100, 300])
        a.seconds = default(a.seconds, 10)
        a.repeat = default(a.repeat, 3)
        a.overhead_stations, a.overhead_seconds, a.overhead_interval = 20, 5, 0.01
    else:
        a.sizes = default(a.sizes, [100, 300, 1000, 3000, 10000])
        a.seconds = default(a.seconds, 60)
        a.repeat = default(a.repeat, 7)
        a.overhead_stations, a.overhead_seconds, a.overhead_interval = 100, 20, 0.01
    if any(n < 1 for n in a.sizes) or a.seconds <= 2 or a.budget <= 0 or a.repeat < 1:
        p.error("sizes >= 1, seconds > 2, budget > 0 and repeat >= 1")

    started = time.monotonic()
    over = []
    if a.only != "scaling":
        print("overhead: module against plain ns-3, same LAN, nodes and traffic", flush=True)
        over = overhead(a.bench, a.kinds, a)
    scale = []
    if a.only != "overhead":
        print(f"scaling: N stations, 100 ms probes, {a.seconds:g} s, one OSA failure at "
              f"{a.seconds / 2:g} s, {'cold' if a.cold else 'warm'} start", flush=True)
        scale = scaling(a.sim, a.kinds, sorted(a.sizes), a)
    summary = summarise(scale, over, a.sizes)
    for kind in a.kinds:
        print(f"  growth exponent {kind:8} all sizes {summary['exponent'][kind]}, "
              f"1k-10k {summary['exponent_1k_10k'][kind]}")
    print("targets:")
    for t in summary["targets"]:
        print(f"  {'met   ' if t['met'] else 'MISSED'} {t['target']}: {t['measured']}")
    result = {
        "tool": "zos-takeover bench",
        "quick": a.quick,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "loadavg_at_start": os.getloadavg()},
        "overhead": over,
        "scaling": scale,
        "summary": summary,
        "elapsed_s": round(time.monotonic() - started, 1),
    }
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    os.replace(tmp, a.out)
    print(f"wrote {a.out} ({result['elapsed_s']} s)")
    # A run that failed (not one skipped or stopped at its budget) fails the benchmark, so
    # that a smoke run catches a crash; missed targets do not.
    failed = [r for r in over + scale if r.get("status") != "ok"
              and not str(r.get("status", "")).startswith(("skipped", "over the"))]
    for r in failed:
        print(f"failed: {r.get('lan')} {r.get('stations', '')} {r['status']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
