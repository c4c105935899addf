"""Plots of a sweep: ./zos-takeover plot SWEEP_DIR [--by KEY ...]

Writes into SWEEP_DIR (matplotlib, Debian's /usr/bin/python3):
  outage-box.png     the outage distribution of each configuration (box: quartiles, whiskers
                     1.5 IQR, points beyond), log scale
  outage-ecdf.png    the same distributions as empirical CDFs: for each outage x, the share
                     of the configuration's pairs whose outage is at most x; one panel per
                     value of the first --by key
  outage-vs-AXIS.png for each numeric swept column AXIS: the median outage (line) and its
                     bootstrap interval (bars) against the axis, one line per combination of
                     the other --by keys; the 95th percentile dashed
The sample and the figures are the compare report's (doc/sweeps.rst): pairs measured and
reachable at their event in runs that finished; unrecovered pairs count with their window.
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from zos_takeover import axis_columns, load_results  # noqa: E402
from zos_takeover.compare import Refused, compare, select  # noqa: E402

FLOOR = 1e-4  # outages below 0.1 ms are drawn at 0.1 ms on the log scale


class OneLineParser(argparse.ArgumentParser):
    """argparse with one-line errors (exit status 2), like the rest of zos-takeover."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def label(keys, values):
    return ", ".join(f"{k}={v}" for k, v in zip(keys, values))


def samples(sweep_dir, by, where):
    df = load_results(sweep_dir)
    raw = pd.read_csv(os.path.join(sweep_dir, "results.csv"), dtype=str, keep_default_na=False,
                      usecols=by)
    df = df.assign(**{k: raw[k] for k in by})
    df = select(sweep_dir, df, where, list(df.columns))
    ok = (df["run_status"] == "ok") & (df["status"] == "measured") & \
        (df["reachable_at_event"] == True)  # noqa: E712
    df = df[ok]
    order = df.drop_duplicates(by)[by]
    out = []
    for _, o in order.iterrows():
        m = np.ones(len(df), dtype=bool)
        for k in by:
            m &= (df[k] == o[k]).to_numpy()
        out.append((tuple(o[k] for k in by), df.loc[m, "outage_s"].dropna().to_numpy(float)))
    return out


def box(sweep_dir, by, groups, path):
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(groups) + 1.6))
    data = [np.maximum(x, FLOOR) for _, x in groups]
    ax.boxplot(data, vert=False, labels=[label(by, k) for k, _ in groups], flierprops={"ms": 3})
    ax.set_xscale("log")
    ax.invert_yaxis()
    ax.set_xlabel("outage (s, log scale; below 0.1 ms drawn at 0.1 ms)")
    ax.tick_params(labelsize=7)
    ax.set_title(f"{os.path.basename(os.path.abspath(sweep_dir))}: outage per configuration",
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def ecdf(sweep_dir, by, groups, path):
    panels = list(dict.fromkeys(k[0] for k, _ in groups))
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 2.6 * len(panels) + 0.6),
                             squeeze=False, sharex=True)
    for ax, p in zip(axes[:, 0], panels):
        for k, x in groups:
            if k[0] != p or len(x) == 0:
                continue
            xs = np.sort(np.maximum(x, FLOOR))
            ys = np.arange(1, len(xs) + 1) / len(xs)
            ax.step(xs, ys, where="post", lw=1, label=label(by[1:], k[1:]) or label(by, k))
        ax.set_xscale("log")
        ax.set_ylim(0, 1.02)
        ax.set_ylabel("share of pairs", fontsize=8)
        ax.set_title(f"{by[0]}={p}", fontsize=8, loc="left")
        ax.legend(fontsize=6, loc="lower right")
        ax.tick_params(labelsize=7)
    axes[-1, 0].set_xlabel("outage (s, log scale): share of pairs with an outage at most x")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def versus(sweep_dir, by, axis, rows, path):
    others = [k for k in by if k != axis]
    lines = {}
    for r in rows:
        try:
            x = float(r[axis])
        except ValueError:
            return False
        lines.setdefault(tuple(r[k] for k in others), []).append((x, r))
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for i, (key, pts) in enumerate(lines.items()):
        pts.sort(key=lambda p: p[0])
        xs = np.array([p[0] for p in pts])
        med = np.array([p[1]["median"] for p in pts])
        lo = np.array([p[1]["median_lo"] for p in pts])
        hi = np.array([p[1]["median_hi"] for p in pts])
        p95 = np.array([p[1]["p95"] for p in pts])
        color = f"C{i % 10}"
        ax.errorbar(xs, np.maximum(med, FLOOR),
                    yerr=[np.maximum(med, FLOOR) - np.maximum(lo, FLOOR),
                          np.maximum(hi, FLOOR) - np.maximum(med, FLOOR)],
                    marker="o", ms=3, lw=1, capsize=3, color=color,
                    label=label(others, key) or "median")
        ax.plot(xs, np.maximum(p95, FLOOR), ls="--", lw=0.8, color=color)
    ax.set_yscale("log")
    ax.set_xlabel(axis)
    ax.set_ylabel("outage (s, log scale)")
    ax.set_title("median outage with its bootstrap interval (solid), 95th percentile (dashed)",
                 fontsize=9)
    ax.legend(fontsize=6)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main(argv=None):
    p = OneLineParser(prog="zos-takeover plot", description=__doc__.splitlines()[0])
    p.add_argument("dir")
    p.add_argument("--by", nargs="+", metavar="KEY",
                   help="configuration columns (default: the swept columns and station_model)")
    p.add_argument("--where", nargs="+", metavar="KEY=VALUE",
                   help="only rows with these values (as compare --where)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--resamples", type=int, default=1000)
    a = p.parse_args(argv)
    try:
        if not os.path.isfile(os.path.join(a.dir, "results.csv")):
            raise Refused(f"{a.dir}: no results.csv yet (./zos-takeover sweep --collect {a.dir})")
        by, rows = compare(a.dir, a.by, None, "outage_s", a.seed, a.resamples, where=a.where)
    except Refused as e:
        print(f"zos-takeover plot: {e}", file=sys.stderr)
        return 2
    groups = samples(a.dir, by, a.where)
    if not any(len(x) for _, x in groups):
        print(f"zos-takeover plot: {a.dir}: no measured outage to plot", file=sys.stderr)
        return 2
    written = []
    for name, fn in (("outage-box.png", box), ("outage-ecdf.png", ecdf)):
        path = os.path.join(a.dir, name)
        fn(a.dir, by, groups, path)
        written.append(path)
    for axis in axis_columns(a.dir):
        if axis in by:
            path = os.path.join(a.dir, f"outage-vs-{axis}.png")
            if versus(a.dir, by, axis, [r for r in rows if not np.isnan(r["median"])], path):
                written.append(path)
    for w in written:
        print(w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
