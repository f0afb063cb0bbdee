#!/usr/bin/env python3
"""Scale sweep: how matchpunt's time per stage and peak memory grow with the instance.

Builds the release binary, generates instances of growing size with `matchpunt generate`,
runs `matchpunt run` on each under `/usr/bin/time -v` with a fixed `--time-limit`, and writes

* benches/results/sweep.csv: one row per size and time limit (stage times, candidate edges, gap,
  peak RSS),
  with the date, machine and commit in `#` comment lines at the top;
* benches/results/sweep.svg: a log-log plot of the time per stage and of the peak memory
  against the number of candidate edges (eligible pairs), with the date and machine in the title.

Python 3 standard library only. Usage (from anywhere in the repository):

    python3 benches/sweep.py                      # the default sizes at 3, 10 and 30 s
    python3 benches/sweep.py --sizes 120x80,1000x2000 --time-limits 5
    python3 benches/sweep.py --sizes 1000x1000,20000x40000@3+10   # a size's own limits
    python3 benches/sweep.py --binary path/to/matchpunt --no-build

See benches/README.md for what the numbers mean.
"""

import argparse
import csv
import datetime
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_SIZES = ("120x80,1000x1000,1000x2000,2500x5000,5000x10000,10000x20000,"
                 "20000x40000@3+10")
STAGES = ["read", "candidates", "scoring", "solve", "write", "total"]
COLUMNS = [
    "experts", "requests", "seed", "eligible_pairs", "status",
    "read_s", "candidates_s", "scoring_s", "solve_s", "write_s", "total_s",
    "wall_s", "user_s", "sys_s", "peak_rss_mb",
    "objective", "bound", "gap", "gap_pct", "proven", "components", "nodes",
    "time_limit_s", "load_1min",
]


# ----------------------------------------------------------------------------------------------
# Machine, build, parsing (also used by compare.py)

def machine_info():
    """nproc, CPU model, memory and OS as a dict of strings."""
    info = {"nproc": str(os.cpu_count() or "?"), "cpu": "?", "mem_gib": "?"}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["mem_gib"] = "%.0f" % (int(line.split()[1]) / 1024 / 1024)
                    break
    except OSError:
        pass
    info["os"] = " ".join(os.uname()[i] for i in (0, 2, 4))
    return info


def machine_line(info):
    return "nproc %s, %s, %s GiB RAM, %s" % (info["nproc"], info["cpu"], info["mem_gib"], info["os"])


def git_describe():
    """Short commit, with '+dirty' when tracked files outside benches/ differ from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                ":(exclude)benches"], cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.strip()
        return commit + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def now_text():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def load_1min():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return ""


def build_binary(no_build, binary):
    """Builds (unless no_build) and returns the path of the release `matchpunt` binary."""
    if binary:
        return os.path.abspath(binary)
    if not no_build:
        print("building the release binary ...", file=sys.stderr, flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "matchpunt-cli"],
                       cwd=ROOT, check=True)
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    target = re.search(r'"target_directory":"((?:[^"\\]|\\.)*)"', meta).group(1)
    path = os.path.join(target.replace("\\\\", "\\"), "release", "matchpunt")
    if not os.path.exists(path):
        sys.exit("no binary at %s: build it or pass --binary" % path)
    return path


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time -v. Returns (returncode, stdout, stderr, usage) where usage
    has wall_s, user_s, sys_s and peak_rss_mb (None when /usr/bin/time is missing)."""
    have_time = os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-v"] if have_time else []) + cmd
    p = subprocess.run(full, capture_output=True, text=True, **kw)
    usage = {"wall_s": None, "user_s": None, "sys_s": None, "peak_rss_mb": None}
    err = p.stderr
    if have_time:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
        if m:
            usage["peak_rss_mb"] = int(m.group(1)) / 1024
        m = re.search(r"User time \(seconds\): ([\d.]+)", err)
        if m:
            usage["user_s"] = float(m.group(1))
        m = re.search(r"System time \(seconds\): ([\d.]+)", err)
        if m:
            usage["sys_s"] = float(m.group(1))
        m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", err)
        if m:
            secs = 0.0
            for part in m.group(1).split(":"):
                secs = secs * 60 + float(part)
            usage["wall_s"] = secs
        # Keep only what the command itself wrote.
        err = err.split("\tCommand being timed:")[0]
    return p.returncode, p.stdout, err, usage


SUMMARY_RE = {
    "pairs": re.compile(r"^week .*?, (\d+) eligible pairs", re.M),
    "objective": re.compile(
        r"^objective (-?[\d.]+) \(proven bound (-?[\d.]+), gap (-?[\d.]+) = ([\d.]+)%\), (.*)$", re.M),
    "solver": re.compile(r"solver: (\d+) components, (\d+) branch-and-bound nodes", re.M),
    "time": re.compile(
        r"^time: read ([\d.]+) s, candidates ([\d.]+) s, scoring ([\d.]+) s, solve ([\d.]+) s, "
        r"(?:reasons ([\d.]+) s, )?write ([\d.]+) s, total ([\d.]+) s", re.M),
}


def parse_summary(text):
    """The numbers of `matchpunt run`'s summary, or raises ValueError naming what is missing."""
    out = {}
    m = SUMMARY_RE["pairs"].search(text)
    if not m:
        raise ValueError("no 'eligible pairs' in the summary")
    out["eligible_pairs"] = int(m.group(1))
    m = SUMMARY_RE["objective"].search(text)
    if not m:
        raise ValueError("no 'objective' line in the summary")
    out["objective"] = float(m.group(1))
    out["bound"] = float(m.group(2))
    out["gap"] = float(m.group(3))
    out["gap_pct"] = float(m.group(4))
    out["proven"] = m.group(5).strip().startswith("optimal")
    m = SUMMARY_RE["solver"].search(text)
    out["components"] = int(m.group(1)) if m else ""
    out["nodes"] = int(m.group(2)) if m else ""
    m = SUMMARY_RE["time"].search(text)
    if not m:
        raise ValueError("no 'time:' line in the summary")
    read, cand, scoring, solve, reasons, write, total = m.groups()
    # "write" is everything after the solve: the reasons for open seats (timed on their own
    # since the time limit covers the whole run) and the files.
    write = float(write) + float(reasons or 0)
    for stage, v in zip(STAGES, [read, cand, scoring, solve, write, total]):
        out[stage + "_s"] = float(v)
    return out


def failure_reason(stderr):
    """The panic message (its location and text) or the last line of stderr, in one line."""
    lines = [l.strip() for l in stderr.strip().splitlines() if l.strip()] or ["?"]
    for i, l in enumerate(lines):
        if "panicked" in l:
            return " ".join(lines[i:i + 2])
    return lines[-1]


def parse_size(text):
    e, r = text.lower().split("x")
    return int(e), int(r)


# ----------------------------------------------------------------------------------------------
# The sweep

def sweep(binary, sizes, seed, threads, workdir):
    """sizes: [(experts, requests, [time limits])]. One row per size and limit."""
    rows = []
    for experts, requests, limits in sizes:
        name = "%dx%d" % (experts, requests)
        data = os.path.join(workdir, name)
        subprocess.run([binary, "generate", "--experts", str(experts), "--requests",
                        str(requests), "--seed", str(seed), "--out", data],
                       check=True, capture_output=True)
        for time_limit in limits:
            out = os.path.join(workdir, name + "-out")
            cmd = [binary]
            if threads:
                cmd += ["--threads", str(threads)]
            cmd += ["run", "--data", data, "--out", out, "--time-limit", "%g" % time_limit]
            load = load_1min()
            print("%-12s --time-limit %-4g run ..." % (name, time_limit), file=sys.stderr,
                  end="", flush=True)
            code, stdout, stderr, usage = timed(cmd)
            row = {"experts": experts, "requests": requests, "seed": seed,
                   "time_limit_s": time_limit, "load_1min": load}
            row.update(usage)
            if code != 0:
                row["status"] = "failed (exit %d): %s" % (code, failure_reason(stderr))
                print(" FAILED: %s" % row["status"], file=sys.stderr)
            else:
                row.update(parse_summary(stdout))
                row["status"] = "optimal" if row["proven"] else "time limit"
                print(" %d pairs, wall %.2f s, solve %.2f s, gap %.4f%%, %.0f MB" % (
                    row["eligible_pairs"], row["wall_s"] or 0, row["solve_s"], row["gap_pct"],
                    row["peak_rss_mb"] or 0), file=sys.stderr)
            rows.append(row)
            subprocess.run(["rm", "-rf", out])
        subprocess.run(["rm", "-rf", data])
    return rows


def parse_sizes(text, limits):
    """'1000x1000,20000x40000@3+10' -> [(1000, 1000, limits), (20000, 40000, [3, 10])]."""
    out = []
    for spec in [s.strip() for s in text.split(",") if s.strip()]:
        size, _, own = spec.partition("@")
        e, r = parse_size(size)
        out.append((e, r, [float(x) for x in own.split("+")] if own else list(limits)))
    return out


def plot_rows(rows, plot_limit):
    """The rows drawn in the SVG: one per size, the run at plot_limit (else the longest)."""
    by_size = {}
    for r in rows:
        key = (r["experts"], r["requests"])
        best = by_size.get(key)
        if best is None or r["time_limit_s"] == plot_limit or (
                best["time_limit_s"] != plot_limit and r["time_limit_s"] > best["time_limit_s"]):
            by_size[key] = r
    return sorted(by_size.values(), key=lambda r: (r["experts"], r["requests"]))


def gap_table(rows, header):
    """Markdown: per size, the gap (and wall time) reached at each time limit."""
    limits = sorted({r["time_limit_s"] for r in rows})
    sizes = []
    for r in rows:
        if (r["experts"], r["requests"]) not in sizes:
            sizes.append((r["experts"], r["requests"]))
    L = ["# Gap reached within a time limit", ""]
    L += ["- %s" % h for h in header[:3]]
    L += ["", "Each cell: the gap between the answer and the proven bound when `run "
          "--time-limit L` ends, in % of the bound (0 = proven optimal), and the whole "
          "process's wall time. – = not run.", ""]
    L.append("| experts × requests | eligible pairs | " + " | ".join(
        "%g s" % l for l in limits) + " |")
    L.append("|---|---:|" + "---:|" * len(limits))
    for e, q in sizes:
        cells = []
        pairs = ""
        for l in limits:
            r = next((x for x in rows if (x["experts"], x["requests"]) == (e, q)
                      and x["time_limit_s"] == l), None)
            if r is None:
                cells.append("–")
            elif not r.get("eligible_pairs"):
                cells.append(str(r.get("status")))
            else:
                pairs = "{:,}".format(r["eligible_pairs"])
                gap = "0 (optimal)" if r["proven"] else ("%.2f%%" if r["gap_pct"] >= 0.1 else
                                                         "%.4f%%") % r["gap_pct"]
                w = r["wall_s"] or 0
                cells.append("%s, %s s" % (gap, ("%.1f" if w >= 10 else "%.2f") % w))
        L.append("| {:,} × {:,} | {} | {} |".format(e, q, pairs, " | ".join(cells)))
    L.append("")
    return "\n".join(L)


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return ("%.3f" % v) if abs(v) >= 0.001 or v == 0 else ("%.6f" % v)
    return str(v)


def write_csv(path, rows, header):
    with open(path, "w", newline="") as f:
        for line in header:
            f.write("# %s\n" % line)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([fmt(r.get(c)) for c in COLUMNS])


# ----------------------------------------------------------------------------------------------
# The plot: hand-written SVG, two log-log panels sharing the x axis (candidate edges)

COLORS = {"read": "#7f7f7f", "candidates": "#1f77b4", "scoring": "#2ca02c",
          "solve": "#d62728", "write": "#9467bd", "total": "#000000", "rss": "#ff7f0e"}
FLOOR_S = 0.0005  # the summary prints milliseconds: 0.000 s is drawn at 0.5 ms


def esc(s):
    return (str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def decades(lo, hi):
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    if a == b:
        b += 1
    return a, b


def tick_label(e):
    v = 10.0 ** e
    if e >= 6:
        return "%gM" % (v / 1e6)
    if e >= 3:
        return "%gk" % (v / 1e3)
    return "%g" % v


class Panel:
    def __init__(self, x0, y0, w, h, xr, yr):
        self.x0, self.y0, self.w, self.h = x0, y0, w, h
        self.xa, self.xb = xr
        self.ya, self.yb = yr

    def x(self, v):
        return self.x0 + (math.log10(v) - self.xa) / (self.xb - self.xa) * self.w

    def y(self, v):
        return self.y0 + self.h - (math.log10(v) - self.ya) / (self.yb - self.ya) * self.h

    def frame(self, out, xlabel, ylabel, ylabels):
        out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" '
                   'stroke="#333"/>' % (self.x0, self.y0, self.w, self.h))
        for e in range(self.xa, self.xb + 1):
            x = self.x(10.0 ** e)
            out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>' % (
                x, self.y0, x, self.y0 + self.h))
            out.append('<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>' % (
                x, self.y0 + self.h + 16, tick_label(e)))
        for e in range(self.ya, self.yb + 1):
            y = self.y(10.0 ** e)
            out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>' % (
                self.x0, y, self.x0 + self.w, y))
            out.append('<text x="%.1f" y="%.1f" text-anchor="end">%s</text>' % (
                self.x0 - 6, y + 4, ylabels(e)))
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>' % (
            self.x0 + self.w / 2, self.y0 + self.h + 36, esc(xlabel)))
        out.append('<text transform="translate(%.1f,%.1f) rotate(-90)" text-anchor="middle">%s'
                   '</text>' % (self.x0 - 66, self.y0 + self.h / 2, esc(ylabel)))

    def series(self, out, pts, color, hollow):
        """pts: [(x, y)], hollow: per point whether to draw it hollow."""
        if len(pts) >= 2:
            d = " ".join("%.1f,%.1f" % (self.x(x), self.y(y)) for x, y in pts)
            out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>' % (
                d, color))
        for (x, y), h in zip(pts, hollow):
            out.append('<circle cx="%.1f" cy="%.1f" r="4" fill="%s" stroke="%s" '
                       'stroke-width="2"/>' % (self.x(x), self.y(y), "white" if h else color,
                                               color))


def seconds_label(e):
    v = 10.0 ** e
    if v < 1:
        return "%g ms" % (v * 1000)
    return "%g s" % v


def mb_label(e):
    v = 10.0 ** e
    return "%g GB" % (v / 1000) if v >= 1000 else "%g MB" % v


def write_svg(path, rows, title, subtitle, time_limit=None):
    ok = [r for r in rows if r.get("eligible_pairs")]
    W, H = 1120, 620
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">' % (W, H, W, H),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="24" text-anchor="middle" font-size="16" font-weight="bold">%s</text>'
           % (W // 2, esc(title)),
           '<text x="%d" y="44" text-anchor="middle" fill="#444">%s</text>' % (W // 2,
                                                                              esc(subtitle))]
    if not ok:
        out.append('<text x="%d" y="%d" text-anchor="middle">no successful runs</text>' % (
            W // 2, H // 2))
        out.append("</svg>")
        with open(path, "w") as f:
            f.write("\n".join(out) + "\n")
        return
    xs = [r["eligible_pairs"] for r in ok]
    xr = decades(min(xs), max(xs))
    times = [max(r[s + "_s"], FLOOR_S) for r in ok for s in STAGES] + [time_limit or FLOOR_S]
    left = Panel(110, 80, 560, 380, xr, decades(min(times), max(times)))
    left.frame(out, "candidate edges (eligible pairs)", "time per stage", seconds_label)
    if time_limit and left.ya <= math.log10(time_limit) <= left.yb:
        y = left.y(time_limit)
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#d62728" '
                   'stroke-dasharray="6,4"/>' % (left.x0, y, left.x0 + left.w, y))
        out.append('<text x="%.1f" y="%.1f" fill="#d62728">time limit</text>'
                   % (left.x0 + 6, y - 5))
    hollow = [not r["proven"] for r in ok]
    for s in STAGES:
        pts = [(r["eligible_pairs"], max(r[s + "_s"], FLOOR_S)) for r in ok]
        left.series(out, pts, COLORS[s], hollow if s in ("solve", "total") else [False] * len(ok))
    rss = [r["peak_rss_mb"] for r in ok if r.get("peak_rss_mb")]
    if rss:
        right = Panel(820, 80, 250, 380, xr, decades(min(rss), max(rss)))
        right.frame(out, "candidate edges (eligible pairs)", "peak resident memory", mb_label)
        right.series(out, [(r["eligible_pairs"], r["peak_rss_mb"]) for r in ok
                           if r.get("peak_rss_mb")], COLORS["rss"], [False] * len(rss))
    # Legend.
    lx, ly = 110, 530
    for i, s in enumerate(STAGES + ["rss"]):
        x = lx + i * 120
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3"/>' % (
            x, ly, x + 24, ly, COLORS[s]))
        out.append('<text x="%d" y="%d">%s</text>' % (x + 30, ly + 4,
                                                      "peak RSS" if s == "rss" else s))
    out.append('<text x="%d" y="%d" fill="#444">Hollow markers: the solve stopped at the time '
               'limit (dashed) with a gap &gt; 0; values under 1 ms are drawn at 0.5 ms.</text>'
               % (lx, ly + 26))
    out.append('<text x="%d" y="%d" fill="#444">Sizes (experts x requests), left to right: %s.'
               '</text>' % (lx, ly + 44, esc(", ".join(
                   "%dx%d" % (r["experts"], r["requests"]) for r in ok))))
    failed = [r for r in rows if not r.get("eligible_pairs")]
    if failed:
        out.append('<text x="%d" y="%d" fill="#b00">Failed: %s</text>' % (lx, ly + 62, esc(
            "; ".join("%dx%d %s" % (r["experts"], r["requests"], r["status"])
                      for r in failed))[:400]))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def read_csv(path):
    """Rows and header comment lines of a sweep.csv written by write_csv."""
    header, lines = [], []
    with open(path) as f:
        for line in f:
            if line.startswith("# "):
                header.append(line[2:].rstrip("\n"))
            else:
                lines.append(line)
    rows = []
    for r in csv.DictReader(lines):
        row = {}
        for k, v in r.items():
            if v == "":
                row[k] = None
            elif v in ("true", "false"):
                row[k] = v == "true"
            elif k in ("status", "load_1min"):
                row[k] = v
            else:
                row[k] = float(v) if "." in v else int(v)
        rows.append(row)
    return rows, header


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=DEFAULT_SIZES,
                    help="comma-separated EXPERTSxREQUESTS (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limits", default="3,10,30",
                    help="comma-separated --time-limit values; each size runs once per limit "
                    "(a size's own list: SIZE@3+10) (default: %(default)s)")
    ap.add_argument("--plot-limit", type=float, default=10.0,
                    help="the limit whose runs sweep.svg draws (default: %(default)s)")
    ap.add_argument("--threads", type=int, default=0, help="--threads for matchpunt (0: all)")
    ap.add_argument("--out", default=os.path.join(HERE, "results"), help="results folder")
    ap.add_argument("--binary", help="use this matchpunt binary instead of building one")
    ap.add_argument("--no-build", action="store_true", help="use the built binary as it is")
    ap.add_argument("--replot", action="store_true",
                    help="only redraw sweep.svg and sweep-gaps.md from the sweep.csv in --out")
    ap.add_argument("--label", help="describe the matchpunt build (default: git commit)")
    args = ap.parse_args()

    csv_path = os.path.join(args.out, "sweep.csv")
    svg_path = os.path.join(args.out, "sweep.svg")
    gaps_path = os.path.join(args.out, "sweep-gaps.md")
    if args.replot:
        rows, header = read_csv(csv_path)
        date = header[0].split(", ", 1)[1]
        machine = header[1].split(": ", 1)[1]
        commit = header[2].split("commit ", 1)[1].split(";")[0]
        seed = rows[0]["seed"] if rows else 1
    else:
        limits = [float(x) for x in args.time_limits.split(",") if x.strip()]
        sizes = parse_sizes(args.sizes, limits)
        binary = build_binary(args.no_build, args.binary)
        info = machine_info()
        date = now_text()
        machine = machine_line(info)
        commit = args.label or git_describe()
        seed = args.seed
        os.makedirs(args.out, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="matchpunt-sweep-") as work:
            rows = sweep(binary, sizes, args.seed, args.threads, work)
        header = [
            "matchpunt scale sweep, %s" % date,
            "machine: %s" % machine,
            "matchpunt commit %s; `matchpunt run --time-limit L`%s (L per row: time_limit_s) "
            "on `matchpunt generate --seed %d`"
            % (commit, " --threads %d" % args.threads if args.threads else "", args.seed),
            "stage times (s) are matchpunt's own 'time:' line (wall clock); wall_s, user_s, "
            "sys_s and peak_rss_mb come from /usr/bin/time -v for the whole process",
            "eligible_pairs = candidate edges; objective, bound and gap in points; load_1min = "
            "the machine's load average when the run started",
        ]
        write_csv(csv_path, rows, header)
    drawn = plot_rows(rows, args.plot_limit)
    limit = args.plot_limit if any(r["time_limit_s"] == args.plot_limit for r in drawn) else (
        drawn[0]["time_limit_s"] if drawn else None)
    write_svg(svg_path, drawn, "matchpunt scale sweep, %s, %s" % (date, machine),
              "time per stage and peak memory against candidate edges (log-log); commit %s, "
              "solve limit %s s, seed %d" % (commit, "%g" % limit if limit else "?", seed), limit)
    with open(gaps_path, "w") as f:
        f.write(gap_table(rows, header))
    print("wrote %s, %s and %s" % (csv_path, svg_path, gaps_path), file=sys.stderr)
    return 1 if any(not r.get("eligible_pairs") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
