"""The compare report of a sweep: ./zos-takeover compare DIR [--by KEY ...] [--baseline KEY=VALUE]

Per configuration (the distinct values of the --by columns; default every swept column and
station_model) over its sample (rows of results.csv from runs that finished, measured, and
reachable at their event): the median, 95th percentile and maximum outage, each with a
percentile bootstrap interval that resamples whole runs; the share of the sample not
recovered; and, with --baseline, the difference of the median and of the 95th percentile to
the baseline configuration with their intervals. doc/sweeps.rst ("The compare report")
defines every figure, with a worked example. Prints the report (Markdown) and writes
DIR/compare.md and DIR/compare.csv. Same results, seed and options: byte-identical files.
"""
import argparse
import os
import sys
import zlib

import numpy as np

from zos_takeover import axis_columns, load_results

METRICS = ("outage_s", "longest_gap_s", "tcp_stall_s")


class OneLineParser(argparse.ArgumentParser):
    """argparse with one-line errors (exit status 2), like the rest of zos-takeover."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


class Refused(Exception):
    pass


def bootstrap(matrix, rng, resamples, chunk_elems=4_000_000):
    """matrix: runs x rows (NaN padded). Returns dict of replicate arrays (length resamples)
    of median, p95, max and the not-recovered share computed on resampled runs."""
    values, notrec = matrix
    r, k = values.shape
    idx = rng.integers(0, r, size=(resamples, r))
    out = {"median": [], "p95": [], "max": [], "notrec": []}
    step = max(1, chunk_elems // max(1, r * k))
    for s in range(0, resamples, step):
        sel = idx[s:s + step]
        v = values[sel].reshape(len(sel), r * k)
        n = notrec[sel].reshape(len(sel), r * k)
        q = np.nanquantile(v, [0.5, 0.95], axis=1)
        out["median"].append(q[0])
        out["p95"].append(q[1])
        out["max"].append(np.nanmax(v, axis=1))
        counts = np.sum(~np.isnan(v), axis=1)
        out["notrec"].append(np.nansum(n, axis=1) / counts)
    return {key: np.concatenate(val) for key, val in out.items()}


def interval(reps, level):
    a = (1 - level) / 2
    lo, hi = np.quantile(reps, [a, 1 - a])
    return float(lo), float(hi)


def config_seed(seed, key):
    return np.random.default_rng([seed, zlib.crc32("\x1f".join(key).encode("utf-8"))])


def select(sweep_dir, df, where, known):
    """Rows whose columns have the given values: KEY=VALUE (several values of one KEY: any)."""
    if not where:
        return df
    import pandas as pd
    wanted = {}
    for item in where:
        k, sep, v = item.partition("=")
        if not sep or k not in known:
            raise Refused(f"--where {item}: expected KEY=VALUE with KEY one of {', '.join(known)}")
        wanted.setdefault(k, []).append(v)
    raw = pd.read_csv(os.path.join(sweep_dir, "results.csv"), dtype=str, keep_default_na=False,
                      usecols=list(wanted))
    keep = np.ones(len(df), dtype=bool)
    for k, vs in wanted.items():
        keep &= raw[k].isin(vs).to_numpy()
    if not keep.any():
        raise Refused("--where " + " ".join(where) + ": no row matches")
    return df[keep]


def compare(sweep_dir, by=None, baseline=None, metric="outage_s", seed=1, resamples=2000,
            level=0.95, where=None):
    """Returns (by, rows): one dict per configuration (see compare.csv's columns)."""
    df = load_results(sweep_dir)
    axes = axis_columns(sweep_dir)
    known = axes + ["station_model", "client", "target", "event", "event_type", "subject"]
    df = select(sweep_dir, df, where, known)
    if by is None:
        # station_model too, unless the swept columns already fix it (one model per run)
        mixed = len(df) and (df.groupby(axes, observed=True)["station_model"].nunique().max()
                             if axes else df["station_model"].nunique()) > 1
        by = axes + (["station_model"] if mixed or not axes else [])
    for key in by:
        if key not in known:
            raise Refused(f"--by {key}: no such column (expected one of {', '.join(known)})")
    if metric not in df:
        raise Refused(f"--metric {metric}: not in {sweep_dir}/results.csv (expected one of "
                      + ", ".join(m for m in METRICS if m in df) + ")")
    base = {}
    for item in baseline or []:
        k, sep, v = item.partition("=")
        if not sep or k not in by:
            raise Refused(f"--baseline {item}: expected KEY=VALUE with KEY one of the --by "
                          f"columns ({', '.join(by)})")
        base[k] = v
    # Configurations by the table's own text (0.5 stays "0.5"), in the table's order.
    import pandas as pd
    raw = pd.read_csv(os.path.join(sweep_dir, "results.csv"), dtype=str,
                      keep_default_na=False, usecols=by)
    df = df.assign(**{k: raw[k] for k in by})
    df = df.assign(_key=df[by].agg("\x1f".join, axis=1))
    order = df.drop_duplicates("_key")[by + ["_key"]]
    if base:
        present = {k: set(df[k].astype(str)) for k in base}
        for k, v in base.items():
            if v not in present[k]:
                raise Refused(f"--baseline {k}={v}: no such value (expected one of "
                              + ", ".join(sorted(present[k])) + ")")
    ok = df["run_status"] == "ok"
    sample = df[ok & (df["status"] == "measured") & (df["reachable_at_event"] == True)]  # noqa: E712
    rows, reps_of = [], {}
    for _, o in order.iterrows():
        key = tuple(str(o[k]) for k in by)
        part = df[df["_key"] == o["_key"]]
        smp = sample[sample["_key"] == o["_key"]]
        row = {k: str(o[k]) for k in by}
        row["runs"] = int(part.loc[part["run_status"] == "ok", "hash"].nunique())
        row["failed_runs"] = int(part.loc[part["run_status"] != "ok", "hash"].nunique())
        row["pairs"] = len(smp)
        row["not_measured"] = int(((part["status"] == "not-measured") & ok[part.index]).sum())
        row["down_at_event"] = int(((part["status"] == "measured")
                                    & (part["reachable_at_event"] == False)  # noqa: E712
                                    & ok[part.index]).sum())
        x = smp[metric].to_numpy(dtype=float)
        x_ok = ~np.isnan(x)
        nr = (smp["recovered"] == False).to_numpy(dtype=bool)  # noqa: E712
        row["not_recovered_pairs"] = int(nr.sum())
        if nr.any():
            row["_min_unrec"] = float(np.nanmin(x[nr]))
        if x_ok.sum() == 0:
            for f in ("median", "p95", "max", "not_recovered"):
                row[f] = row[f + "_lo"] = row[f + "_hi"] = float("nan")
            rows.append(row)
            continue
        groups = [g for _, g in smp.assign(_nr=nr).groupby("hash", observed=True, sort=True)]
        k = max(len(g) for g in groups)
        values = np.full((len(groups), k), np.nan)
        notrec = np.zeros((len(groups), k))
        for i, g in enumerate(groups):
            values[i, :len(g)] = g[metric].to_numpy(dtype=float)
            notrec[i, :len(g)] = g["_nr"].to_numpy(dtype=float)
        reps = bootstrap((values, notrec), config_seed(seed, key), resamples)
        reps_of[key] = reps
        xs = x[x_ok]
        row["median"] = float(np.quantile(xs, 0.5))
        row["p95"] = float(np.quantile(xs, 0.95))
        row["max"] = float(xs.max())
        row["not_recovered"] = float(nr[x_ok].mean())
        for f, rk in (("median", "median"), ("p95", "p95"), ("max", "max"),
                      ("not_recovered", "notrec")):
            row[f + "_lo"], row[f + "_hi"] = interval(reps[rk], level)
        rows.append(row)
    if base:
        index = {tuple(r[k] for k in by): r for r in rows}
        for r in rows:
            partner = tuple(base.get(k, r[k]) for k in by)
            b = index.get(partner)
            r["baseline"] = ", ".join(f"{k}={v}" for k, v in base.items())
            key = tuple(r[k] for k in by)
            for f in ("median", "p95"):
                if b is None or key not in reps_of or partner not in reps_of:
                    r["d_" + f] = r["d_" + f + "_lo"] = r["d_" + f + "_hi"] = float("nan")
                    continue
                r["d_" + f] = r[f] - b[f]
                r["_bound_d_" + f] = is_bound(r, f) or is_bound(b, f)
                d = reps_of[key][f] - reps_of[partner][f]
                r["d_" + f + "_lo"], r["d_" + f + "_hi"] = interval(d, level)
    return by, rows


FIGURES = ["runs", "failed_runs", "pairs", "not_measured", "down_at_event",
           "not_recovered_pairs", "median", "median_lo", "median_hi", "p95", "p95_lo",
           "p95_hi", "max", "max_lo", "max_hi", "not_recovered", "not_recovered_lo",
           "not_recovered_hi"]
DIFFS = ["baseline", "d_median", "d_median_lo", "d_median_hi", "d_p95", "d_p95_lo", "d_p95_hi"]


def fmt(v, digits=6):
    if isinstance(v, float):
        return "" if np.isnan(v) else f"{v:.{digits}f}"
    return str(v)


def write_csv(path, by, rows, with_base):
    import csv
    import io
    cols = by + FIGURES + (DIFFS if with_base else [])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([fmt(r.get(c, "")) for c in cols])
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(buf.getvalue())
    os.replace(tmp, path)


def signed(v):
    """+0.123 / -0.123, and +0.000 for what rounds to zero (never -0.000)."""
    return f"{round(v, 3) + 0.0:+.3f}"


def is_bound(r, f):
    """Whether a figure is only a lower bound: at or above an unrecovered pair's outage."""
    return bool(r["not_recovered_pairs"]) and not np.isnan(r[f]) and \
        r[f] >= _smallest_unrecovered(r)


def ci(r, f, digits=3):
    if np.isnan(r[f]):
        return "-"
    lower = ">= " if is_bound(r, f) else ""
    return f"{lower}{r[f]:.{digits}f} [{r[f + '_lo']:.{digits}f}, {r[f + '_hi']:.{digits}f}]"


def _smallest_unrecovered(r):
    return r.get("_min_unrec", float("inf"))


def markdown(sweep_dir, by, rows, args, with_base):
    level = int(round(args["level"] * 100))
    head = by + ["runs", "pairs", f"median s [{level}% CI]", f"p95 s [{level}% CI]",
                 f"max s [{level}% CI]", "not recovered"]
    if with_base:
        head += [f"median - baseline s [{level}% CI]", f"p95 - baseline s [{level}% CI]"]
    lines = [f"# Compare report: {os.path.basename(os.path.abspath(sweep_dir))}", "",
             f"Metric {args['metric']} over each configuration's measured pairs reachable at "
             f"their event (runs that finished); {args['resamples']} bootstrap resamples of "
             f"whole runs, seed {args['seed']}, {level}% percentile intervals"
             + (f"; baseline {rows[0]['baseline']}" if with_base and rows else "")
             + (f"; only rows with {' '.join(args['where'])}" if args.get("where") else "")
             + ". Definitions: doc/sweeps.rst, \"The compare report\".", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        nr = "-" if np.isnan(r["not_recovered"]) else (
            f"{r['not_recovered'] * 100:.1f}% [{r['not_recovered_lo'] * 100:.1f}, "
            f"{r['not_recovered_hi'] * 100:.1f}]")
        runs = str(r["runs"]) + (f" ({r['failed_runs']} failed)" if r["failed_runs"] else "")
        cells = [r[k] for k in by] + [runs, str(r["pairs"]), ci(r, "median"), ci(r, "p95"),
                                      ci(r, "max"), nr]
        if with_base:
            for f in ("median", "p95"):
                d = r["d_" + f]
                cells.append("-" if np.isnan(d) else
                             f"{signed(d)} [{signed(r['d_' + f + '_lo'])}, "
                             f"{signed(r['d_' + f + '_hi'])}]"
                             + (" (bound)" if r.get("_bound_d_" + f) else ""))
        lines.append("| " + " | ".join(cells) + " |")
    if any(r["not_recovered_pairs"] for r in rows):
        lines += ["", "A pair not recovered inside its window counts with its window's length "
                      "(a lower bound): a figure marked >= is at least that, and a difference "
                      "marked (bound) involves such a figure (it is not an estimate)."]
    return "\n".join(lines) + "\n"


def main(argv=None):
    p = OneLineParser(prog="zos-takeover compare", description=__doc__.splitlines()[0])
    p.add_argument("dir", help="a sweep directory (./zos-takeover sweep ... --out DIR)")
    p.add_argument("--by", nargs="+", metavar="KEY",
                   help="columns that make a configuration (default: the swept columns and "
                        "station_model)")
    p.add_argument("--baseline", nargs="+", metavar="KEY=VALUE",
                   help="the baseline configuration: the others' figures minus its own")
    p.add_argument("--where", nargs="+", metavar="KEY=VALUE",
                   help="only rows with these values (e.g. target=192.168.1.1; one KEY given "
                        "several values: any of them)")
    p.add_argument("--metric", default="outage_s", choices=METRICS)
    p.add_argument("--seed", type=int, default=1, help="bootstrap seed (default 1)")
    p.add_argument("--resamples", type=int, default=2000, help="bootstrap resamples (2000)")
    p.add_argument("--level", type=float, default=0.95, help="interval level (0.95)")
    p.add_argument("--quiet", action="store_true", help="do not print the report")
    a = p.parse_args(argv)
    try:
        if not os.path.isfile(os.path.join(a.dir, "plan.json")):
            raise Refused(f"{a.dir}: not a sweep directory (no plan.json)")
        if not os.path.isfile(os.path.join(a.dir, "results.csv")):
            raise Refused(f"{a.dir}: no results.csv yet (./zos-takeover sweep --collect {a.dir})")
        if not 0 < a.level < 1:
            raise Refused(f"--level: got {a.level:g} (expected a number in (0, 1))")
        if not 1 <= a.resamples <= 1_000_000:
            raise Refused(f"--resamples: got {a.resamples} (expected 1 to 1000000)")
        by, rows = compare(a.dir, a.by, a.baseline, a.metric, a.seed, a.resamples, a.level,
                           a.where)
    except Refused as e:
        print(f"zos-takeover compare: {e}", file=sys.stderr)
        return 2
    with_base = bool(a.baseline)
    write_csv(os.path.join(a.dir, "compare.csv"), by, rows, with_base)
    md = markdown(a.dir, by, rows, vars(a), with_base)
    tmp = os.path.join(a.dir, "compare.md.tmp")
    with open(tmp, "w") as f:
        f.write(md)
    os.replace(tmp, os.path.join(a.dir, "compare.md"))
    if not a.quiet:
        sys.stdout.write(md)
    print(f"zos-takeover compare: wrote {os.path.join(a.dir, 'compare.md')} and compare.csv",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
