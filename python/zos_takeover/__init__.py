"""Read zos-takeover results into pandas DataFrames (Debian's python3-pandas).

    import sys; sys.path.insert(0, "python")       # from the repository's top
    from zos_takeover import load_results, load_timeline, load_probes, load_tcp

    df = load_results("results/sweep-seed-001")    # one row per run x event x client x target
    tl = load_timeline("results/sweep-seed-001/runs/<hash>")   # or any ./zos-takeover run --out

The columns are described in doc/sweeps.rst ("The results table"). The sweep runner
(zos_takeover.sweep) needs only the standard library; pandas is imported here on first use.
"""
import json
import os

__all__ = ["load_results", "load_timeline", "load_probes", "load_tcp", "load_outages",
           "axis_columns"]

_BOOL = {"true": True, "false": False}


def _cell(v):
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def _pd():
    import pandas as pd  # noqa: PLC0415 (only the readers need pandas)
    return pd


def _plan(sweep_dir):
    with open(os.path.join(sweep_dir, "plan.json")) as f:
        return json.load(f)


def axis_columns(sweep_dir):
    """The swept columns of a sweep directory, in the sweep file's order."""
    return [c["name"] for c in _plan(sweep_dir)["columns"]]


def _bool_series(s):
    pd = _pd()
    return s.map(lambda v: _BOOL.get(v, pd.NA) if isinstance(v, str) else pd.NA).astype("boolean")


def _axis_dtype(values):
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Int64"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "float64"
    return "category"


def load_results(sweep_dir):
    """DIR/results.csv as a DataFrame: axis columns typed from the sweep file's values
    (numbers float64 or Int64, booleans boolean, strings an ordered category in the sweep
    file's order), run Int64, times and outages float64 (NaN when not measured), counts
    Int64, recovered/reachable_at_event/tcp_survived boolean (NA when empty), names
    category. Raises FileNotFoundError if the table is missing (./zos-takeover sweep
    --collect DIR writes it)."""
    pd = _pd()
    plan = _plan(sweep_dir)
    df = pd.read_csv(os.path.join(sweep_dir, "results.csv"), dtype=str, keep_default_na=False)
    for c in plan["columns"]:
        name, values = c["name"], c["values"]
        kind = _axis_dtype(values)
        if kind == "boolean":
            df[name] = _bool_series(df[name])
        elif kind in ("Int64", "float64"):
            df[name] = pd.to_numeric(df[name]).astype(kind)
        else:
            df[name] = pd.Categorical(df[name], categories=[_cell(v) for v in values],
                                      ordered=True)
    for col in ("run", "event", "probes_sent", "probes_lost", "tcp_retransmissions"):
        if col in df:
            df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
    for col in ("event_s", "window_end_s", "outage_s", "first_success_s", "longest_gap_s",
                "tcp_stall_s", "tcp_closed_s"):
        if col in df:
            df[col] = pd.to_numeric(df[col].replace("", None)).astype("float64")
    for col in ("reachable_at_event", "recovered", "tcp_survived"):
        if col in df:
            df[col] = _bool_series(df[col])
    for col in ("hash", "run_status", "event_type", "subject", "client", "station_model",
                "target", "status", "reason", "tcp_close_reason"):
        if col in df:
            df[col] = df[col].replace("", None).astype("category")
    df["run_error"] = df["run_error"].replace("", None).astype("string")
    return df


def load_outages(run_dir):
    """A run's outages.csv (the same columns as outages.csv, typed like load_results)."""
    pd = _pd()
    df = pd.read_csv(os.path.join(run_dir, "outages.csv"), dtype=str, keep_default_na=False)
    for col in ("event", "sent", "lost"):
        df[col] = pd.to_numeric(df[col]).astype("Int64")
    for col in ("event_s", "window_end_s", "outage_s", "first_success_s", "longest_gap_s"):
        df[col] = pd.to_numeric(df[col].replace("", None)).astype("float64")
    for col in ("reachable_at_event", "recovered"):
        df[col] = _bool_series(df[col])
    for col in ("event_type", "subject", "client", "arp", "target", "status", "reason"):
        df[col] = df[col].replace("", None).astype("category")
    return df


def load_timeline(run_dir):
    """A run's timeline.csv: time_s float64, node/event/address category, detail string
    (empty becomes NA). run_dir is a ./zos-takeover run --out directory or a sweep's
    DIR/runs/<hash>."""
    pd = _pd()
    df = pd.read_csv(os.path.join(run_dir, "timeline.csv"), dtype=str, keep_default_na=False)
    df["time_s"] = pd.to_numeric(df["time_s"]).astype("float64")
    for col in ("node", "event", "address"):
        df[col] = df[col].replace("", None).astype("category")
    df["detail"] = df["detail"].replace("", None).astype("string")
    return df


def load_probes(run_dir):
    """A run's probes.csv: client/target category, sequence Int64, sent_s float64,
    received_s and rtt_s float64 (NaN when the probe was lost)."""
    pd = _pd()
    df = pd.read_csv(os.path.join(run_dir, "probes.csv"),
                     dtype={"client": "category", "target": "category", "sequence": "Int64",
                            "sent_s": "float64", "received_s": "float64", "rtt_s": "float64"})
    return df


def load_tcp(run_dir):
    """A run's tcp.csv (TCP probes only; None when the run had none)."""
    pd = _pd()
    path = os.path.join(run_dir, "tcp.csv")
    if not os.path.exists(path):
        return None
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for col in ("sent", "answered", "retransmissions"):
        df[col] = pd.to_numeric(df[col]).astype("Int64")
    for col in ("opened_s", "closed_s", "stall_s", "stall_start_s"):
        df[col] = pd.to_numeric(df[col].replace("", None)).astype("float64")
    df["survived"] = _bool_series(df["survived"])
    for col in ("client", "arp", "target", "close_reason"):
        df[col] = df[col].replace("", None).astype("category")
    return df
