#!/usr/bin/env python3
"""Prints the README's performance tables from benches/results (compare.json and sweep.csv).

    python3 benches/perf_table.py            # markdown on stdout, pasted into README.md
    python3 benches/perf_table.py --results /tmp/results

Python 3 standard library only. The tables say where matchpunt is slower than HiGHS or did not
prove optimality; the numbers are the ones in results/, nothing is re-measured. With a
compare.json from `compare.py --mip-repeat N`, every time in the full-model table is the median
of an instance's runs (the column *runs each* says how many), and the ratios are ratios of those
medians; min / median / max are then over the instances of a row.
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


def bold_below_1(text, v):
    return "**%s**" % text if v is not None and v < 1 else text


def spread(g, k):
    """'0.85× / 1.32× / 1.65×' over the instances both solvers proved (one value when they
    agree), values under 1× in bold; instances only one solver proved as 'under 0.11×' (matchpunt
    stopped at its limit, its true time is longer) or 'over 2×' (HiGHS stopped)."""
    v = g[k]
    parts = []
    if v:
        if times(v[0]) == times(v[2]):
            parts.append(bold_below_1(times(v[0]), v[0]))
        else:
            parts.append(" / ".join(bold_below_1(times(x), x) for x in v))
    for u in g.get(k + "_unproven") or []:
        word = {"<": "under", ">": "over"}.get(u[:1])
        value = float(u.lstrip("<>").rstrip("×"))
        text = "%s %s" % (word, u[1:]) if word else u
        parts.append("**%s**" % text if word == "under" or value < 1 else text)
    return "; ".join(parts) or "–"


def label(group):
    """'scarce 1000x2000' -> 'scarce 1,000 × 2,000'; a case's name as it is."""
    words = group.split(" ")
    size = words[-1].lower().split("x")
    if group.startswith("case ") or len(size) != 2 or not all(x.isdigit() for x in size):
        return group
    return " ".join(words[:-1] + ["{:,} × {:,}".format(int(size[0]), int(size[1]))])


def runs_text(g):
    """Runs per instance in a group: '3', or '1–3' when the budget cut some short."""
    v = g.get("runs") or [1, 1]
    return "%d" % v[0] if v[0] == v[1] else "%d–%d" % tuple(v)


def mip_table(rep):
    rows = rep["mip"]
    L = ["| batch (experts × requests) | seeds | runs each | matchpunt, whole run (median) | "
         "HiGHS, whole process (median) | ratio, whole: min / median / max | ratio, solve only "
         "| matchpunt proven |",
         "|---|---:|---:|---:|---:|---|---|---|"]
    for g in rep["mip_summary"]:
        here = [r for r in rows if r["group"] == g["group"]]
        seeds = ", ".join(str(r["seed"]) for r in here if r.get("seed") is not None)
        mp_wall, hi_wall = secs(g["mp_wall_median"]), secs(g["highs_wall_median"])
        if g["measured"] == 0:
            proven = "**failed** (see compare.md)"
        elif g["mp_proven"] == g["measured"]:
            proven = ({1: "yes", 2: "both"}.get(g["measured"]) or "all %d" % g["measured"])
        elif g["mp_proven"] == 0 and g["measured"] == 1:
            proven = "**no**: gap %.2f points (%.3f%%) at the limit" % (
                g["max_gap"], g["max_gap_pct"])
            mp_wall = "**%s, not proven**" % mp_wall
            hi_wall += ", proven" if g["highs_proven"] else ", not proven"
        else:
            proven = "**%d of %d**; largest gap %.2f points (%.3f%%)" % (
                g["mp_proven"], g["measured"], g["max_gap"], g["max_gap_pct"])
        L.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            label(g["group"]), seeds, runs_text(g), mp_wall, hi_wall,
            spread(g, "ratio_wall"), spread(g, "ratio_solve"), proven))
    return "\n".join(L)


def points(v):
    return "{:,.1f}".format(v)


def flags(rep):
    """Where matchpunt is slower than HiGHS or does not prove, one bullet per instance, in the
    words of the README's list."""
    out = []
    for r in rep["mip"]:
        m, h = r["matchpunt"], r.get("highs", {})
        name = label(r["group"]) + (" seed %d" % r["seed"] if r.get("seed") is not None else "")
        k = r.get("runs", 1)
        med = "medians of %d runs" % k if k > 1 else "one run"
        if "error" in m:
            out.append("**%s**: matchpunt failed: %s" % (name, m["error"]))
            continue
        if "error" in h:
            out.append("**%s**: HiGHS failed: %s" % (name, h["error"]))
            continue
        if not m.get("proven"):
            text = "**%s is not proven in %s** (%s; gap %.2f points = %.4f%%%s" % (
                name, secs(m.get("solve_s")), med.replace("medians", "median"), m["gap"],
                m["gap_pct"],
                ", the largest of the runs; proven in %d of %d" % (m.get("proven_runs", 0), k)
                if k > 1 else "")
            if h.get("proven"):
                text += ("; its answer %s is %.1f points below the optimum %s that HiGHS proves "
                         "in %s)." % (points(m["objective"]), h["objective"] - m["objective"],
                                      points(h["objective"]), secs(h["solve_s"])))
                if h.get("solve_s") and m.get("solve_s") and h["solve_s"] < m["solve_s"]:
                    text += " HiGHS is at least %.1f× faster there (solve only)." % (
                        m["solve_s"] / h["solve_s"])
            else:
                text += "; HiGHS did not prove it either: %s)." % h.get("status")
            out.append(text)
            continue
        rw, rs = r.get("ratio_wall"), r.get("ratio_solve")
        if (rw is not None and rw < 1) or (rs is not None and rs < 1):
            out.append("**%s**: %s against HiGHS's %s (%s; solve only %s; %s)." % (
                name, secs(m["wall_s"]), secs(h["wall_s"]), times(rw), times(rs), med))
        if not h.get("proven"):
            out.append("**%s**: HiGHS did not prove optimality (%s)." % (name, h.get("status")))
    return out


def intro(rep):
    """The sentence before the table: where, when, which build, how many runs."""
    o = rep.get("mip_options") or {}
    repeat = o.get("repeat", max((r.get("runs", 1) for r in rep["mip"]), default=1))
    if repeat > 1:
        runs = ("each instance the median of %d runs, matchpunt and HiGHS alternating (fewer "
                "where an instance's repeats would have passed %s: see *runs each*)" % (
                    repeat, "%g s" % o["budget_s"] if o.get("budget_s") else "the budget"))
    else:
        runs = "one run per instance"
    text = "Measured on %s on %s at commit %s, %s; load average %s at the start." % (
        rep["machine"], rep["date"], rep["matchpunt"], runs, rep["load_1min_start"])
    if "command" in rep:
        text += " Re-run: `python3 benches/compare.py %s`." % rep["command"]
    return text


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
    ap.add_argument("--results", default=os.path.join(HERE, "results"),
                    help="folder with compare.json and (optionally) sweep.csv (default: "
                    "benches/results)")
    args = ap.parse_args()
    path = os.path.join(args.results, "compare.json")
    if not os.path.isfile(path):
        ap.error("%s: no such file; run benches/compare.py first (its --out is the folder to "
                 "give here)" % path)
    with open(path) as f:
        rep = json.load(f)
    if rep.get("mip"):
        print(intro(rep))
        print()
        print(mip_table(rep))
        print()
        print("**Where matchpunt is slower than HiGHS or does not prove** (the table's run):")
        print()
        for f in flags(rep) or ["nowhere: matchpunt proved every instance and was faster."]:
            print("- %s" % f)
        print()
    flows = flow_rows(rep)
    if flows:
        print(flows)
        print()
    path = os.path.join(args.results, "sweep.csv")
    if os.path.exists(path):
        rows, header = sweep.read_csv(path)
        print("Sweep: %s; %s" % (header[0], header[2]))
        print()
        print(gap_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
