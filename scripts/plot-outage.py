#!/usr/bin/python3
"""Plot the outage traces of a zos-takeover run.

    ./zos-takeover plot RESULTS_DIR [--out FILE.png]

Reads RESULTS_DIR/probes.csv, timeline.csv and summary.json and draws, for every client
and target, when requests were answered (their round-trip time) and when they were lost,
with the scenario's events and the stack's gratuitous ARPs as vertical lines. Uses
Debian's python3-pandas and python3-matplotlib (run it with /usr/bin/python3).
"""
import argparse
import json
import os
import sys

try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd
except ImportError as e:  # pragma: no cover - reported to the user
    sys.exit(f"zos-takeover plot: {e} (apt-get install python3-pandas python3-matplotlib)")


def load(results):
    probes = pd.read_csv(os.path.join(results, "probes.csv"))
    timeline = pd.read_csv(os.path.join(results, "timeline.csv"), keep_default_na=False)
    with open(os.path.join(results, "summary.json")) as f:
        summary = json.load(f)
    return probes, timeline, summary


def plot(results, out, window):
    probes, timeline, summary = load(results)
    events = summary["scenario"].get("events", [])
    pairs = probes.groupby(["client", "target"], sort=False)
    n = len(pairs)
    if n == 0:
        sys.exit("zos-takeover plot: no probes in " + results)
    fig, axes = plt.subplots(n, 1, figsize=(10, 1.6 * n + 1), sharex=True, squeeze=False)
    garps = timeline[timeline["event"] == "gratuitous-arp"]
    t0 = min((e["at"] for e in events), default=probes["sent_s"].min())
    lo, hi = (t0 - window[0], t0 + window[1]) if window else (None, None)
    for ax, ((client, target), df) in zip(axes[:, 0], pairs):
        ok = df[df["received_s"].notna()]
        lost = df[df["received_s"].isna()]
        ax.plot(ok["sent_s"], ok["rtt_s"] * 1e3, ".", ms=2, color="tab:blue", label="reply")
        ax.plot(lost["sent_s"], [0] * len(lost), "x", ms=3, color="tab:red", label="lost")
        for e in events:
            ax.axvline(e["at"], color="black", lw=0.8)
        for t in garps[garps["address"] == target]["time_s"]:
            ax.axvline(t, color="tab:green", lw=0.8, ls="--")
        rows = [o for o in summary["outages"] if o["client"] == client and o["target"] == target]
        label = f"{client} ({rows[0]['arp'] if rows else '?'}) -> {target}"
        # Only measured rows carry an outage; ">" marks one not recovered inside its window.
        measured = [o for o in rows if o.get("status", "measured") == "measured"]
        if measured:
            label += "  outage " + ", ".join(
                ("" if o["recovered"] else ">") + f"{o['outage_s']:.3f} s" for o in measured)
        ax.set_title(label, fontsize=8, loc="left")
        ax.set_ylabel("rtt ms", fontsize=7)
        ax.tick_params(labelsize=7)
        visible = ok if lo is None else ok[(ok["sent_s"] >= lo) & (ok["sent_s"] <= hi)]
        top = visible["rtt_s"].max() * 1e3 if len(visible) else 1.0
        ax.set_ylim(-0.1 * top, 1.3 * top)
        if lo is not None:
            ax.set_xlim(lo, hi)
    axes[-1, 0].set_xlabel("simulated time (s); black: events, green dashed: gratuitous ARP")
    fig.suptitle(summary["scenario"]["name"], fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.98))
    fig.savefig(out, dpi=110)
    print(out)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("results", help="a --out directory of ./zos-takeover run")
    p.add_argument("--out", help="PNG file (default RESULTS/outage.png)")
    p.add_argument("--window", nargs=2, type=float, metavar=("BEFORE", "AFTER"),
                   help="seconds to show before and after the first event")
    a = p.parse_args()
    if not os.path.isfile(os.path.join(a.results, "probes.csv")):
        print(f"zos-takeover plot: {a.results}: no probes.csv (not a results directory)",
              file=sys.stderr)
        sys.exit(2)
    plot(a.results, a.out or os.path.join(a.results, "outage.png"), a.window)


if __name__ == "__main__":
    main()
