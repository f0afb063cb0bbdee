#!/usr/bin/env python3
"""Prints the README's performance tables from benches/results (compare.json and sweep.csv).

    python3 benches/perf_table.py            # markdown on stdout, pasted into README.md

Python 3 standard library only. The tables say where matchpunt is slower than HiGHS or did not
prove optimality; the numbers are the ones in results/, nothing is re-measured.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sweep  # noqa: E402


def secs(v):
    if v is None:
        return "–"
    return "%.2f s" % v if v < 10 else "%.1f s" % v


def times(v):
    return "–" if v is None else "%.2f×" % v


def spread(g, k):
    v = g[k]
    parts = []
    if v:
        parts.append(times(v[0]) if abs(v[0] - v[2]) < 0.005 else
                     "%s / %s / %s" % tuple(times(x) for x in v))
    if g.get(k + "_unproven"):
        parts.append("unproven: %s" % ", ".join(g[k + "_unproven"]))
    return "; ".join(parts) or "–"


def mip_table(rep):
    L = ["| batch (experts × requests) | n | matchpunt, whole run (median) | HiGHS, whole "
         "process (median) | ratio HiGHS / matchpunt, whole: min / median / max | solve only: "
         "min / median / max | matchpunt proven |",
         "|---|---:|---:|---:|---|---|---|"]
    for g in rep["mip_summary"]:
        if g["mp_proven"] == g["measured"]:
            proven = "all %d" % g["measured"] if g["measured"] > 1 else "yes"
        else:
            proven = "**%d of %d**; largest gap %.3f points (%.4f%%)" % (
                g["mp_proven"], g["measured"], g["max_gap"], g["max_gap_pct"])
        slower = g["ratio_wall"] and g["ratio_wall"][0] < 1
        L.append("| %s | %d | %s | %s | %s | %s | %s |" % (
            g["group"], g["instances"], secs(g["mp_wall_median"]), secs(g["highs_wall_median"]),
            ("**%s**" if slower else "%s") % spread(g, "ratio_wall"), spread(g, "ratio_solve"),
            proven))
    return "\n".join(L)


def flags(rep):
    return [f for g in rep["mip_summary"] for f in g["flags"]]


def flow_rows(rep):
    L = []
    for r in rep.get("flow", []):
        m, o = r.get("matchpunt", {}), r.get("ortools", {})
        if "solve_s" not in m or "solve_s" not in o:
            continue
        L.append("| flow of %s (%s arcs), solve only | %s, %.0f MB | OR-Tools `SimpleMinCostFlow` "
                 "%s, %.0f MB | time %s, memory %s |" % (
                     r["instance"], "{:,}".format(m["arcs"]), secs(m["solve_s"]),
                     m["peak_rss_mb"], secs(o["solve_s"]), o["peak_rss_mb"],
                     times(o["solve_s"] / m["solve_s"]),
                     times(o["peak_rss_mb"] / m["peak_rss_mb"])))
    for r in rep.get("assignment", []):
        m, o, s = r.get("matchpunt", {}), r.get("ortools", {}), r.get("scipy", {})
        if "solve_s" not in m:
            continue
        L.append("| one-to-one %s (as a flow) | %s | OR-Tools `LinearSumAssignment` %s, SciPy "
                 "%s | %s, %s |" % (r["instance"], secs(m["solve_s"]), secs(o.get("solve_s")),
                                    secs(s.get("solve_s")),
                                    times(o["solve_s"] / m["solve_s"]) if o.get("solve_s") else "–",
                                    times(s["solve_s"] / m["solve_s"]) if s.get("solve_s") else "–"))
    if not L:
        return ""
    return "\n".join(["| what | matchpunt | the alternative | ratio (other / matchpunt) |",
                      "|---|---|---|---|"] + L)


def gap_table(rows):
    limits = sorted({r["time_limit_s"] for r in rows})
    sizes = []
    for r in rows:
        if (r["experts"], r["requests"]) not in sizes:
            sizes.append((r["experts"], r["requests"]))
    L = ["| experts × requests | eligible pairs | peak memory | " + " | ".join(
        "gap at %g s" % x for x in limits) + " |", "|---|---:|---:|" + "---:|" * len(limits)]
    for e, q in sizes:
        here = [r for r in rows if (r["experts"], r["requests"]) == (e, q)]
        ok = [r for r in here if r.get("eligible_pairs")]
        cells = []
        for x in limits:
            r = next((r for r in here if r["time_limit_s"] == x), None)
            if r is None:
                cells.append("–")
            elif not r.get("eligible_pairs"):
                cells.append("failed")
            elif r["proven"]:
                cells.append("0 (optimal, %s)" % secs(r["wall_s"]))
            else:
                cells.append("%.2f%% (%s)" % (r["gap_pct"], secs(r["wall_s"])))
        mem = max((r["peak_rss_mb"] or 0) for r in ok) if ok else None
        L.append("| {:,} × {:,} | {} | {} | {} |".format(
            e, q, "{:,}".format(ok[0]["eligible_pairs"]) if ok else "–",
            ("%.0f MB" % mem if mem < 1000 else "%.1f GB" % (mem / 1000)) if mem else "–",
            " | ".join(cells)))
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    args = ap.parse_args()
    with open(os.path.join(args.results, "compare.json")) as f:
        rep = json.load(f)
    rows, header = sweep.read_csv(os.path.join(args.results, "sweep.csv"))
    print("Solver comparison: %s; %s; matchpunt %s." % (rep["date"], rep["machine"],
                                                       rep["matchpunt"]))
    print()
    print(mip_table(rep))
    print()
    for f in flags(rep):
        print("- %s" % f)
    print()
    print(flow_rows(rep))
    print()
    print("Sweep: %s; %s" % (header[0], header[2]))
    print()
    print(gap_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
