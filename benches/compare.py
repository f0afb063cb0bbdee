#!/usr/bin/env python3
"""matchpunt against OR-Tools, HiGHS and SciPy, on the same instances in the same run.

(a) flow model: `matchpunt run --export-dimacs` writes the batch without load budgets as a DIMACS
    min-cost flow; OR-Tools `SimpleMinCostFlow` and `matchpunt flow` solve it. Optimal costs must
    be equal.
(b) one-to-one: seeded random assignment problems (dense square cost matrices, and a sparse one
    with a hidden perfect matching) solved by OR-Tools `LinearSumAssignment`, SciPy
    (`linear_sum_assignment` dense, `min_weight_full_bipartite_matching` sparse) and
    `matchpunt flow` on the same problem written as DIMACS assignment-as-flow.
(c) full model with load budgets: `matchpunt run --export-lp` writes the MIP; HiGHS (highspy,
    `readModel`) and CP-SAT (the LP parsed here into a CpModel, objective scaled to integers
    exactly) solve it. Their optimum must equal matchpunt's objective when matchpunt proved
    optimality, and lie between matchpunt's objective and proven bound otherwise; anything else
    is reported as a MISMATCH. With --mip-repeat N each instance runs up to N times per solver,
    matchpunt and HiGHS alternating, within --mip-budget seconds per instance; the tables give
    the medians, the checks hold on every run, and the runs in which matchpunt proved
    optimality must give the same objective, output files and LP.

Every solver runs in its own process under `/usr/bin/time -v` (peak RSS); solve times are the
solvers' own, without reading or building the model (reported separately). The Python solvers
run in a throwaway virtualenv (default benches/.venv, ignored by git; `--fresh-venv` for a new
one under a temporary folder) with ortools, highspy and scipy from PyPI. This script itself uses
the standard library only.

Writes benches/results/compare.md (tables with ratios to matchpunt, objective agreement, date
and machine) and benches/results/compare.json (the raw numbers). Exit code 1 on any mismatch.

    python3 benches/compare.py
    python3 benches/compare.py --flow-sizes 1000x1000 --mip-sizes 120x80 --assignment 500
    python3 benches/compare.py --mip-repeat 3      # (c) as medians of 3: the README's table
"""

import argparse
import hashlib
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sweep  # noqa: E402  (shared helpers: build, machine info, /usr/bin/time, summary parsing)

PACKAGES = ["ortools", "highspy", "scipy"]
# Shapes of (c): extra `matchpunt generate` options. The size gives the rest: EXPERTSx(2*EXPERTS)
# is the "two requests per expert" shape.
SHAPES = {
    "square": [],
    # Scarce capacity: one assignment and a load budget of 2 (policy default 2 and 4) for
    # everyone, so most requests compete for experts and intensity-3 seats find nobody.
    "scarce": ["--max-assignments", "1", "--load-budget", "2"],
    # One region: the whole pool in one province, every place of it (dense candidate graph).
    "one-region": ["--region", "Utrecht"],
    # Tight budgets: up to 3 seats but a load budget of 3 for everyone, so the budget (a knapsack
    # over intensities 1-3) binds for every expert who gets more than one seat.
    "tight": ["--max-assignments", "3", "--load-budget", "3"],
}
DEFAULT_MIP = ("1000x1000@1+2+3,1000x2000,scarce:1000x1000,tight:1000x1000,"
               "one-region:1000x1000,2000x2000@1+2,3000x3000")
TOL = 5e-4  # objectives are in points with 3 decimals: half a milli-point


# ==============================================================================================
# Workers: run inside the virtualenv, one solver per process; print one JSON line.

def worker_baseline(module):
    t = time.perf_counter()
    if module == "ortools":
        import numpy  # noqa: F401
        from ortools.graph.python import min_cost_flow  # noqa: F401
    elif module == "highspy":
        import highspy  # noqa: F401
    elif module == "scipy":
        import scipy.optimize  # noqa: F401
    elif module == "cpsat":
        from ortools.sat.python import cp_model  # noqa: F401
    return {"import_s": time.perf_counter() - t}


def read_dimacs(path):
    """(n, supply array, tails, heads, caps, costs, lower_bound_cost), 0-based, numpy arrays.
    Lower bounds are removed as matchpunt does: capacity - low, supplies shifted."""
    import numpy as np
    n = None
    nodes = []
    arcs = []
    with open(path) as f:
        for line in f:
            c = line[:1]
            if c == "a":
                arcs.append(line[2:])
            elif c == "n":
                nodes.append(line[2:])
            elif c == "p":
                parts = line.split()
                if parts[1] != "min":
                    raise ValueError("not a min-cost flow problem: " + line.strip())
                n = int(parts[2])
    a = np.array(" ".join(arcs).split(), dtype=np.int64).reshape(-1, 5)
    del arcs
    supply = np.zeros(n, dtype=np.int64)
    if nodes:
        nd = np.array(" ".join(nodes).split(), dtype=np.int64).reshape(-1, 2)
        supply[nd[:, 0] - 1] = nd[:, 1]
    tails, heads = (a[:, 0] - 1).astype(np.int32), (a[:, 1] - 1).astype(np.int32)
    low, cap, cost = a[:, 2], a[:, 3], a[:, 4]
    lower_cost = 0
    if (low != 0).any():
        np.subtract.at(supply, tails, low)
        np.add.at(supply, heads, low)
        lower_cost = int((low * cost).sum())
        cap = cap - low
    return n, supply, tails, heads, cap, cost, lower_cost


def worker_ortools_mcf(path):
    import numpy as np
    from ortools.graph.python import min_cost_flow
    t0 = time.perf_counter()
    n, supply, tails, heads, cap, cost, lower_cost = read_dimacs(path)
    t1 = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, cap, cost)
    smcf.set_nodes_supplies(np.arange(n, dtype=np.int32), supply)
    t2 = time.perf_counter()
    c0 = time.process_time()
    status = smcf.solve()
    c1 = time.process_time()
    t3 = time.perf_counter()
    ok = status == smcf.OPTIMAL
    return {"status": str(status).split(".")[-1], "cost": int(smcf.optimal_cost()) + lower_cost
            if ok else None, "read_s": t1 - t0, "build_s": t2 - t1, "solve_s": t3 - t2,
            "solve_cpu_s": c1 - c0, "nodes": n, "arcs": int(len(tails))}


def worker_make_assignment(kind, n, k, seed, dimacs, npz):
    """Writes a seeded assignment problem: DIMACS assignment-as-flow (left nodes 1..n with supply
    1, right nodes n+1..2n with supply -1, arcs left -> right with capacity 1) and an .npz with
    the arcs (rows, cols, costs) for the other solvers."""
    import numpy as np
    rng = np.random.default_rng(seed)
    if kind == "dense":
        rows = np.repeat(np.arange(n), n)
        cols = np.tile(np.arange(n), n)
    else:
        # k random columns per row plus a hidden perfect matching, so a full matching exists.
        perm = rng.permutation(n)
        extra = rng.integers(0, n, size=(n, k - 1))
        cols_by_row = np.concatenate([perm[:, None], extra], axis=1)
        cols_by_row.sort(axis=1)
        rows = np.repeat(np.arange(n), k)
        cols = cols_by_row.reshape(-1)
        keep = np.ones(len(cols), dtype=bool)
        keep[1:] = (cols[1:] != cols[:-1]) | (rows[1:] != rows[:-1])
        rows, cols = rows[keep], cols[keep]
    costs = rng.integers(0, 1_000_000, size=len(rows), dtype=np.int64)
    np.savez(npz, n=n, rows=rows, cols=cols, costs=costs)
    with open(dimacs, "w") as f:
        f.write("c %s assignment n=%d seed=%d: rows 1..n, columns n+1..2n\n" % (kind, n, seed))
        f.write("p min %d %d\n" % (2 * n, len(rows)))
        f.write("".join("n %d 1\n" % (i + 1) for i in range(n)))
        f.write("".join("n %d -1\n" % (n + i + 1) for i in range(n)))
        lines = np.char.add(np.char.add(np.char.add(np.char.add(
            "a ", (rows + 1).astype(str)), " "), (cols + n + 1).astype(str)), " 0 1 ")
        lines = np.char.add(lines, costs.astype(str))
        f.write("\n".join(lines.tolist()))
        f.write("\n")
    return {"arcs": int(len(rows))}


def worker_ortools_lsa(npz):
    import numpy as np
    from ortools.graph.python import linear_sum_assignment
    t0 = time.perf_counter()
    d = np.load(npz)
    rows, cols, costs = d["rows"], d["cols"], d["costs"]
    t1 = time.perf_counter()
    a = linear_sum_assignment.SimpleLinearSumAssignment()
    a.add_arcs_with_cost(rows.astype(np.int32), cols.astype(np.int32), costs)
    t2 = time.perf_counter()
    c0 = time.process_time()
    status = a.solve()
    c1 = time.process_time()
    t3 = time.perf_counter()
    ok = status == a.OPTIMAL
    return {"status": str(status).split(".")[-1], "cost": int(a.optimal_cost()) if ok else None,
            "read_s": t1 - t0, "build_s": t2 - t1, "solve_s": t3 - t2, "solve_cpu_s": c1 - c0}


def worker_scipy_lsa(npz, kind):
    import numpy as np
    t0 = time.perf_counter()
    d = np.load(npz)
    n, rows, cols, costs = int(d["n"]), d["rows"], d["cols"], d["costs"]
    t1 = time.perf_counter()
    if kind == "dense":
        from scipy.optimize import linear_sum_assignment
        m = np.empty((n, n), dtype=np.int64)
        m[rows, cols] = costs
        t2 = time.perf_counter()
        c0 = time.process_time()
        r, c = linear_sum_assignment(m)
        c1 = time.process_time()
        t3 = time.perf_counter()
        cost = int(m[r, c].sum())
    else:
        from scipy.sparse import csr_array
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching
        # Explicit zeros would be dropped as non-edges: shift every cost by 1 and subtract n.
        g = csr_array(((costs + 1).astype(np.float64), (rows, cols)), shape=(n, n))
        t2 = time.perf_counter()
        c0 = time.process_time()
        r, c = min_weight_full_bipartite_matching(g)
        c1 = time.process_time()
        t3 = time.perf_counter()
        # Look the matched pairs up in the arc list (sorted by row, then column).
        keys = rows.astype(np.int64) * n + cols
        order = np.argsort(keys, kind="stable")
        pos = np.searchsorted(keys[order], r.astype(np.int64) * n + c)
        cost = int(costs[order][pos].sum())
    return {"status": "OPTIMAL", "cost": cost, "read_s": t1 - t0, "build_s": t2 - t1,
            "solve_s": t3 - t2, "solve_cpu_s": c1 - c0}


def worker_highs(lp, time_limit):
    import highspy
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("time_limit", float(time_limit))
    t0 = time.perf_counter()
    h.readModel(lp)
    t1 = time.perf_counter()
    c0 = time.process_time()
    h.run()
    c1 = time.process_time()
    t2 = time.perf_counter()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    lp_ = h.getLp()
    have = info.primal_solution_status == 2  # feasible
    return {"status": status, "objective": info.objective_function_value if have else None,
            "bound": info.mip_dual_bound, "proven": status == "Optimal", "read_s": t1 - t0,
            "solve_s": t2 - t1, "solve_cpu_s": c1 - c0, "vars": lp_.num_col_,
            "constraints": lp_.num_row_}


def parse_lp(path):
    """A small CPLEX LP reader for pure binary programs (what `matchpunt run --export-lp`
    writes): returns (sense, objective {var: coef}, constraints [(name, {var: coef}, op, rhs)],
    binaries [names]). Raises ValueError on anything it does not support."""
    import re
    tok_re = re.compile(r"\s*(?:([A-Za-z_][\w.\[\]]*)\s*:|(<=|>=|=<|=>|<|>|=)|([+-])|"
                        r"((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|([A-Za-z_][\w.\[\]]*))")
    sections = {"obj": [], "st": [], "bin": [], "bounds": [], "general": []}
    sense = None
    cur = None
    heads = {"maximize": "obj", "maximise": "obj", "maximum": "obj", "max": "obj",
             "minimize": "obj", "minimise": "obj", "minimum": "obj", "min": "obj",
             "subject to": "st", "such that": "st", "st": "st", "s.t.": "st",
             "binary": "bin", "binaries": "bin", "bin": "bin", "bounds": "bounds",
             "bound": "bounds", "general": "general", "generals": "general", "gen": "general"}
    with open(path) as f:
        for raw in f:
            line = raw.split("\\", 1)[0].strip()
            if not line:
                continue
            key = line.lower()
            if key == "end":
                break
            if key in heads:
                cur = heads[key]
                if cur == "obj":
                    sense = "max" if key.startswith("max") else "min"
                continue
            if cur is None:
                raise ValueError("text before the objective: " + line[:60])
            sections[cur].append(line)
    if any(sections["bounds"]) or any(sections["general"]):
        raise ValueError("Bounds and General sections are not supported")

    def tokens(text):
        out = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = tok_re.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError("cannot read LP text at: " + text[pos:pos + 40])
            pos = m.end()
            out.append((m.lastindex, m.group(m.lastindex)))
        return out

    def linear(toks, i, allow_op):
        """Reads terms from toks[i] up to a comparison. Returns (expr, op or None, next i)."""
        expr = {}
        sign, coef = 1.0, None
        while i < len(toks):
            kind, t = toks[i]
            i += 1
            if kind == 2:
                if not allow_op:
                    raise ValueError("comparison in the objective")
                if coef is not None:
                    raise ValueError("constant terms are not supported")
                return expr, t, i
            if kind == 3:
                sign = sign * (-1.0 if t == "-" else 1.0)
            elif kind == 4:
                coef = float(t)
            elif kind == 5:
                expr[t] = expr.get(t, 0.0) + sign * (1.0 if coef is None else coef)
                sign, coef = 1.0, None
            else:
                raise ValueError("unexpected label " + t)
        if coef is not None:
            raise ValueError("constant terms are not supported")
        return expr, None, i

    otoks = tokens(" ".join(sections["obj"]))
    start = 1 if otoks and otoks[0][0] == 1 else 0
    objective, _, _ = linear(otoks, start, False)
    constraints = []
    toks = tokens(" ".join(sections["st"]))
    i = 0
    while i < len(toks):
        name = None
        if toks[i][0] == 1:
            name = toks[i][1]
            i += 1
        expr, op, i = linear(toks, i, True)
        if op is None:
            raise ValueError("constraint %s has no comparison" % name)
        sign = 1.0
        if i < len(toks) and toks[i][0] == 3:
            sign = -1.0 if toks[i][1] == "-" else 1.0
            i += 1
        if i >= len(toks) or toks[i][0] != 4:
            raise ValueError("constraint %s has no right-hand side" % name)
        rhs = sign * float(toks[i][1])
        i += 1
        op = {"=<": "<=", "<": "<=", "=>": ">=", ">": ">="}.get(op, op)
        constraints.append((name or "c%d" % (len(constraints) + 1), expr, op, rhs))
    binaries = " ".join(sections["bin"]).split()
    return sense, objective, constraints, binaries


def as_ints(values, what):
    """Scales floats with up to 3 decimals to exact integers: (ints, scale)."""
    for scale in (1, 10, 100, 1000):
        ints = [round(v * scale) for v in values]
        if all(abs(i - v * scale) < 1e-6 for i, v in zip(ints, values)):
            return ints, scale
    raise ValueError("%s has coefficients with more than 3 decimals" % what)


def worker_cpsat(lp, time_limit, workers):
    from ortools.sat.python import cp_model
    t0 = time.perf_counter()
    sense, objective, constraints, binaries = parse_lp(lp)
    model = cp_model.CpModel()
    x = {name: model.new_bool_var(name) for name in binaries}
    used = set(objective)
    for _, expr, _, _ in constraints:
        used.update(expr)
    missing = sorted(used - set(x))
    if missing:
        raise ValueError("not binary: %s" % ", ".join(missing[:5]))
    for name, expr, op, rhs in constraints:
        names = list(expr)
        coefs, scale = as_ints([expr[v] for v in names] + [rhs], "constraint " + name)
        lin = cp_model.LinearExpr.weighted_sum([x[v] for v in names], coefs[:-1])
        if op == "<=":
            model.add(lin <= coefs[-1])
        elif op == ">=":
            model.add(lin >= coefs[-1])
        else:
            model.add(lin == coefs[-1])
    onames = list(objective)
    ocoefs, oscale = as_ints([objective[v] for v in onames], "the objective")
    obj = cp_model.LinearExpr.weighted_sum([x[v] for v in onames], ocoefs)
    if sense == "max":
        model.maximize(obj)
    else:
        model.minimize(obj)
    t1 = time.perf_counter()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    c0 = time.process_time()
    status = solver.solve(model)
    c1 = time.process_time()
    t2 = time.perf_counter()
    have = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {"status": solver.status_name(status),
            "objective": solver.objective_value / oscale if have else None,
            "bound": solver.best_objective_bound / oscale, "proven": status == cp_model.OPTIMAL,
            "read_s": t1 - t0, "solve_s": t2 - t1, "solve_cpu_s": c1 - c0,
            "vars": len(x), "constraints": len(constraints), "workers": int(workers)}


def worker_main(argv):
    kind, rest = argv[0], argv[1:]
    fn = {
        "baseline": lambda: worker_baseline(rest[0]),
        "ortools-mcf": lambda: worker_ortools_mcf(rest[0]),
        "make-assignment": lambda: worker_make_assignment(rest[0], int(rest[1]), int(rest[2]),
                                                          int(rest[3]), rest[4], rest[5]),
        "ortools-lsa": lambda: worker_ortools_lsa(rest[0]),
        "scipy-lsa": lambda: worker_scipy_lsa(rest[0], rest[1]),
        "highs": lambda: worker_highs(rest[0], float(rest[1])),
        "cpsat": lambda: worker_cpsat(rest[0], float(rest[1]), int(rest[2])),
    }[kind]
    print("RESULT " + json.dumps(fn()), flush=True)
    return 0


# ==============================================================================================
# Driver: system python, standard library only.

class Runner:
    def __init__(self, binary, venv_python, repeat, quiet=False):
        self.binary = binary
        self.py = venv_python
        self.repeat = repeat
        self.quiet = quiet

    def log(self, msg):
        if not self.quiet:
            print(msg, file=sys.stderr, flush=True)

    def worker(self, *args):
        """One worker process: its JSON result plus peak_rss_mb, user_s, sys_s, wall_s."""
        code, out, err, usage = sweep.timed([self.py, os.path.abspath(__file__), "--worker"]
                                            + [str(a) for a in args])
        line = next((l for l in out.splitlines() if l.startswith("RESULT ")), None)
        if code != 0 or line is None:
            return {"error": sweep.failure_reason(err) if err.strip() else "exit %d" % code,
                    **usage}
        res = json.loads(line[len("RESULT "):])
        res.update(usage)
        return res

    def best_of(self, fn, budget_s=20.0):
        """Runs fn() up to `repeat` times (while the runs so far took under budget_s) and keeps
        the run with the smallest solve time; peak RSS is the largest seen."""
        runs = []
        spent = 0.0
        for _ in range(max(1, self.repeat)):
            r = fn()
            runs.append(r)
            spent += r.get("wall_s") or 0
            if "error" in r or spent > budget_s:
                break
        ok = [r for r in runs if "error" not in r and r.get("solve_s") is not None]
        if not ok:
            return runs[-1]
        best = dict(min(ok, key=lambda r: r["solve_s"]))
        best["peak_rss_mb"] = max(r.get("peak_rss_mb") or 0 for r in ok)
        best["runs"] = len(ok)
        return best

    def mp_flow(self, path):
        def once():
            code, out, err, usage = sweep.timed([self.binary, "flow", path])
            if code != 0:
                return {"error": sweep.failure_reason(err), **usage}
            import re
            cost = int(re.search(r"optimal cost (-?\d+)", out).group(1))
            m = re.search(r"read ([\d.]+) s, solve ([\d.]+) s", out)
            nm = re.search(r"nodes (\d+) arcs (\d+)", out)
            return {"status": "OPTIMAL", "cost": cost, "read_s": float(m.group(1)),
                    "solve_s": float(m.group(2)), "nodes": int(nm.group(1)),
                    "arcs": int(nm.group(2)), **usage}
        return self.best_of(once)

    def mp_run(self, data, out, time_limit, lp=None, dimacs=None, week=None):
        cmd = [self.binary, "run", "--data", data, "--out", out, "--time-limit", str(time_limit)]
        if week:
            cmd += ["--week", week]
        if lp:
            cmd += ["--export-lp", lp]
        if dimacs:
            cmd += ["--export-dimacs", dimacs]
        code, stdout, err, usage = sweep.timed(cmd)
        if code != 0:
            return {"error": sweep.failure_reason(err), **usage}
        res = sweep.parse_summary(stdout)
        res.update(usage)
        return res


def ensure_venv(path, fresh):
    """Creates (or reuses) a virtualenv with PACKAGES; returns its python."""
    py = os.path.join(path, "bin", "python")
    check = "import ortools, highspy, scipy, numpy"
    if not fresh and os.path.exists(py) and subprocess.run(
            [py, "-c", check], capture_output=True).returncode == 0:
        return py
    print("creating virtualenv %s and installing %s ..." % (path, ", ".join(PACKAGES)),
          file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", path], check=True)
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
                   + PACKAGES, check=True)
    return py


def versions(py):
    code = ("import json, importlib.metadata as m, platform; print(json.dumps({p: m.version(p) "
            "for p in ['ortools', 'highspy', 'scipy', 'numpy']} | {'python': "
            "platform.python_version()}))")
    return json.loads(subprocess.run([py, "-c", code], capture_output=True, text=True,
                                     check=True).stdout)


def ratio(x, base):
    if x is None or base is None or base <= 0:
        return None
    return x / base


def mip_instances(args):
    """The (c) instances: dicts with name, shape, size, seed (and dir, week for cases)."""
    import re
    out = []
    default_seeds = [int(x) for x in args.seeds.replace("+", ",").split(",") if x.strip()]
    for spec in [s.strip() for s in args.mip_sizes.split(",") if s.strip()]:
        shape, _, rest = spec.rpartition(":")
        shape = shape or "square"
        if shape not in SHAPES:
            sys.exit("--mip-sizes %s: unknown shape %r (one of %s)" % (
                spec, shape, ", ".join(SHAPES)))
        size, _, seeds = rest.partition("@")
        sweep.parse_size(size)
        for seed in ([int(x) for x in seeds.split("+")] if seeds else default_seeds):
            label = size if shape == "square" else "%s %s" % (shape, size)
            out.append({"name": "%s seed %d" % (label, seed), "group": label, "shape": shape,
                        "size": size, "seed": seed})
    for d in [c.strip() for c in args.cases.split(",") if c.strip()]:
        week = args.case_week
        cmd = os.path.join(d, "cmd")
        if os.path.exists(cmd):
            m = re.search(r"--week\s+(\S+)", open(cmd).read())
            if m:
                week = m.group(1)
        label = "case %s" % os.path.basename(os.path.normpath(d))
        out.append({"name": label, "group": label, "shape": "case", "size": None, "seed": None,
                    "dir": os.path.abspath(d), "week": week})
    return out


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    if not n:
        return None
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def mip_summary(rows):
    """Per group (shape and size): counts, median times, ratios min/median/max, flags."""
    groups = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    out = []
    for g, rs in groups.items():
        ok = [r for r in rs if "error" not in r["matchpunt"] and "error" not in r.get("highs", {
            "error": 1})]
        runs = [r.get("runs", 1) for r in ok]
        s = {"group": g, "instances": len(rs), "measured": len(ok),
             "runs": [min(runs), max(runs)] if runs else None,
             "mp_proven": sum(1 for r in ok if r["matchpunt"].get("proven")),
             "highs_proven": sum(1 for r in ok if r["highs"].get("proven")),
             "mp_wall_median": median([r["matchpunt"]["wall_s"] for r in ok]),
             "highs_wall_median": median([r["highs"]["wall_s"] for r in ok]),
             "mp_solve_median": median([r["matchpunt"]["solve_s"] for r in ok]),
             "highs_solve_median": median([r["highs"]["solve_s"] for r in ok]),
             "max_gap": max([r["matchpunt"]["gap"] for r in ok] or [None]),
             "max_gap_pct": max([r["matchpunt"]["gap_pct"] for r in ok] or [None])}
        # Ratios over instances both solvers proved: a run stopped at its limit gives only a
        # bound on the ratio (listed per instance and under the flags).
        both = [r for r in ok if r["matchpunt"].get("proven") and r["highs"].get("proven")]
        s["ratio_n"] = len(both)
        for k in ("ratio_wall", "ratio_solve"):
            v = [r[k] for r in both if r.get(k) is not None]
            s[k] = [min(v), median(v), max(v)] if v else None
            s[k + "_unproven"] = ["%s%.2f×" % (qualifier(r), r[k]) for r in ok
                                  if r not in both and r.get(k) is not None]
        s["flags"] = [flag for r in rs for flag in instance_flags(r)]
        out.append(s)
    return out


def qualifier(r):
    """'<' when matchpunt stopped at its limit (its true time is longer), '>' when only HiGHS
    did, '' when both proved (or both stopped)."""
    mp, hp = r["matchpunt"].get("proven"), r.get("highs", {}).get("proven")
    return "" if mp == hp else ("<" if hp else ">")


def instance_flags(r):
    """Why an instance needs attention: matchpunt slower than HiGHS, or not proven."""
    m, h = r["matchpunt"], r.get("highs", {})
    if "error" in m:
        return ["%s: matchpunt failed" % r["instance"]]
    flags = []
    k = r.get("runs", 1)
    if not m.get("proven"):
        some = m.get("proven_runs", 0)
        flags.append("%s: matchpunt did not prove optimality in %s s (%sgap %.3f points = "
                     "%.4f%%%s)%s" % (
                         r["instance"], f3(m.get("solve_s"), 1),
                         "median of %d runs; " % k if k > 1 else "", m["gap"], m["gap_pct"],
                         ", the largest of the runs; proven in %d of %d" % (some, k)
                         if k > 1 else "",
                         "; HiGHS proved it in %.1f s (whole process %.1f s)" % (
                             h["solve_s"], h["wall_s"]) if h.get("proven") else ""))
        return flags
    if r.get("ratio_wall") is not None and r["ratio_wall"] < 1:
        flags.append("%s: matchpunt slower than HiGHS (whole process %.2f s vs %.2f s%s)" % (
            r["instance"], m["wall_s"], h["wall_s"],
            "; medians of %d runs" % k if k > 1 else ""))
    elif r.get("ratio_solve") is not None and r["ratio_solve"] < 1:
        flags.append("%s: matchpunt's solve slower than HiGHS's (%.2f s vs %.2f s%s)" % (
            r["instance"], m["solve_s"], h["solve_s"],
            "; medians of %d runs" % k if k > 1 else ""))
    if "error" in h:
        flags.append("%s: HiGHS failed: %s" % (r["instance"], h["error"]))
    elif not h.get("proven"):
        flags.append("%s: HiGHS did not prove optimality (%s)" % (r["instance"], h.get("status")))
    return flags


def parse_assignment(spec):
    """'1000' -> dense n=1000; 'sparse:10000:20' -> n=10000, 20 arcs per row."""
    parts = spec.split(":")
    if parts[0] == "sparse":
        return ("sparse", int(parts[1]), int(parts[2]) if len(parts) > 2 else 20)
    return ("dense", int(parts[0]), 0)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        return worker_main(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--flow-sizes", default="1000x1000,10000x20000",
                    help="instances for (a), EXPERTSxREQUESTS (default: %(default)s)")
    ap.add_argument("--assignment", default="1000,2000,sparse:20000:20",
                    help="problems for (b): N (dense N x N) or sparse:N:K (default: %(default)s)")
    ap.add_argument("--mip-sizes", default=DEFAULT_MIP,
                    help="instances for (c): [SHAPE:]EXPERTSxREQUESTS[@SEED+SEED...], SHAPE one "
                    "of %s; without @ the --seeds (default: %%(default)s)" % ", ".join(SHAPES))
    ap.add_argument("--seeds", default="1",
                    help="generator seeds for (c) instances without their own @ (default: "
                    "%(default)s)")
    ap.add_argument("--cases", default="",
                    help="extra batches for (c): comma-separated folders with experts.csv, "
                    "requests.csv, history.csv; the batch week is read from a `cmd` file in the "
                    "folder (`--week W`) or --case-week")
    ap.add_argument("--case-week", default="2026-W48")
    ap.add_argument("--cpsat", action="store_true",
                    help="also run CP-SAT in (c) (slow: minutes at 3000x3000)")
    ap.add_argument("--seed", type=int, default=1, help="seed for (a) and (b)")
    ap.add_argument("--time-limit", type=float, default=120.0,
                    help="matchpunt's --time-limit in (c) (default: %(default)s)")
    ap.add_argument("--mip-time-limit", type=float, default=300.0,
                    help="HiGHS and CP-SAT time limit in (c) (default: %(default)s)")
    ap.add_argument("--cpsat-workers", type=int, default=8,
                    help="CP-SAT num_workers (its portfolio wants 8 or more; they share the "
                    "machine's cores) (default: %(default)s)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs per fast solver (best solve time kept) (default: %(default)s)")
    ap.add_argument("--mip-repeat", type=int, default=1,
                    help="runs per (c) instance for matchpunt and for HiGHS, alternating "
                    "(matchpunt, HiGHS, matchpunt, ...); times are the medians, ratios the "
                    "ratios of the medians, objectives are checked on every run; 3 for the "
                    "README's table (default: %(default)s)")
    ap.add_argument("--mip-budget", type=float, default=450.0,
                    help="seconds per (c) instance for its repeats: another pair of runs starts "
                    "only while the time so far plus one more pair (the average so far) stays "
                    "within it; the first pair always runs (default: %(default)s)")
    ap.add_argument("--venv", default=os.path.join(HERE, ".venv"),
                    help="the virtualenv with the Python solvers, created when missing "
                    "(default: benches/.venv)")
    ap.add_argument("--fresh-venv", action="store_true",
                    help="create a new virtualenv under a temporary folder")
    ap.add_argument("--binary", help="use this matchpunt binary instead of building one")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--label", help="describe the matchpunt build (default: git commit)")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    args = ap.parse_args()
    for name in ("repeat", "mip_repeat", "cpsat_workers"):
        if getattr(args, name) < 1:
            ap.error("--%s must be at least 1, not %d" % (name.replace("_", "-"), getattr(args, name)))
    for name in ("time_limit", "mip_time_limit", "mip_budget"):
        if not getattr(args, name) > 0:
            ap.error("--%s must be a positive number of seconds, not %s"
                     % (name.replace("_", "-"), getattr(args, name)))

    binary = sweep.build_binary(args.no_build, args.binary)
    tmp = tempfile.TemporaryDirectory(prefix="matchpunt-compare-")
    work = tmp.name
    venv = os.path.join(work, "venv") if args.fresh_venv else args.venv
    py = ensure_venv(venv, args.fresh_venv)
    info = sweep.machine_info()
    report = {"date": sweep.now_text(), "machine": sweep.machine_line(info),
              "matchpunt": args.label or sweep.git_describe(), "versions": versions(py),
              "load_1min_start": sweep.load_1min(), "flow": [], "assignment": [], "mip": [],
              "baseline": {}, "mismatches": [], "command": shlex.join(sys.argv[1:]),
              "mip_options": {"repeat": args.mip_repeat, "budget_s": args.mip_budget,
                              "time_limit_s": args.time_limit,
                              "highs_time_limit_s": args.mip_time_limit}}
    run = Runner(binary, py, args.repeat)

    for mod in ("ortools", "highspy", "scipy", "cpsat"):
        report["baseline"][mod] = run.worker("baseline", mod).get("peak_rss_mb")

    def instance(size, seed=None, shape="square"):
        seed = args.seed if seed is None else seed
        e, r = sweep.parse_size(size)
        d = os.path.join(work, "%s-%s-s%d" % (shape, size, seed))
        if not os.path.exists(d):
            subprocess.run([binary, "generate", "--experts", str(e), "--requests", str(r),
                            "--seed", str(seed), "--out", d] + SHAPES[shape], check=True,
                           capture_output=True)
        return d

    # (a) flow model
    for size in [s for s in args.flow_sizes.split(",") if s]:
        run.log("(a) flow %s" % size)
        d = instance(size)
        f = os.path.join(work, size + ".dimacs")
        exp = run.mp_run(d, os.path.join(work, size + "-flowout"), 0, dimacs=f)
        row = {"instance": size}
        if "error" in exp:
            row["error"] = "export: " + exp["error"]
            report["flow"].append(row)
            report["mismatches"].append("(a) %s: matchpunt run failed: %s" % (size, exp["error"]))
            continue
        row["matchpunt"] = run.mp_flow(f)
        row["ortools"] = run.best_of(lambda: run.worker("ortools-mcf", f))
        a, b = row["matchpunt"].get("cost"), row["ortools"].get("cost")
        row["equal"] = a is not None and a == b
        if not row["equal"]:
            report["mismatches"].append("(a) %s: matchpunt flow cost %s, OR-Tools %s" % (
                size, a, b if b is not None else row["ortools"].get("error")))
        report["flow"].append(row)

    # (b) one-to-one
    for spec in [s for s in args.assignment.split(",") if s]:
        kind, n, k = parse_assignment(spec)
        name = ("dense %dx%d" % (n, n)) if kind == "dense" else ("sparse %dx%d, %d/row" % (
            n, n, k))
        run.log("(b) assignment %s" % name)
        f = os.path.join(work, "assign-%s-%d.dimacs" % (kind, n))
        z = os.path.join(work, "assign-%s-%d.npz" % (kind, n))
        made = run.worker("make-assignment", kind, n, k, args.seed, f, z)
        row = {"instance": name, "arcs": made.get("arcs")}
        if "error" in made:
            row["error"] = made["error"]
            report["assignment"].append(row)
            continue
        row["matchpunt"] = run.mp_flow(f)
        row["ortools"] = run.best_of(lambda: run.worker("ortools-lsa", z))
        row["scipy"] = run.best_of(lambda: run.worker("scipy-lsa", z, kind))
        costs = [row[s].get("cost") for s in ("matchpunt", "ortools", "scipy")]
        row["equal"] = costs[0] is not None and all(c == costs[0] for c in costs)
        if not row["equal"]:
            report["mismatches"].append("(b) %s: costs matchpunt %s, OR-Tools %s, SciPy %s" % (
                name, *costs))
        report["assignment"].append(row)

    # (c) full model with load budgets
    for inst in mip_instances(args):
        if inst["shape"] == "case":
            d, week = inst["dir"], inst["week"]
        else:
            d, week = instance(inst["size"], inst["seed"], inst["shape"]), None
        report["mip"].append(mip_instance(run, args, inst, d, week, work, report["mismatches"]))
    report["mip_summary"] = mip_summary(report["mip"])

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "compare.json"), "w") as f:
        json.dump(report, f, indent=1, sort_keys=True)
        f.write("\n")
    md = markdown(report, args)
    with open(os.path.join(args.out, "compare.md"), "w") as f:
        f.write(md)
    print(md)
    for m in report["mismatches"]:
        print("MISMATCH: " + m, file=sys.stderr)
    tmp.cleanup()
    return 1 if report["mismatches"] else 0


# Times a run reports: each becomes the median over an instance's runs.
MP_TIMES = ("wall_s", "user_s", "sys_s", "read_s", "candidates_s", "scoring_s", "solve_s",
            "write_s", "total_s")
SOLVER_TIMES = ("wall_s", "user_s", "sys_s", "read_s", "solve_s", "solve_cpu_s")


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def folder_sha256(folder):
    """One SHA-256 over the files in folder (names and contents, sorted by name): what
    `matchpunt run` wrote into --out (assignments.csv, unmatched.csv, experts.csv)."""
    h = hashlib.sha256()
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            h.update(name.encode() + b"\0" + file_sha256(path).encode() + b"\n")
    return h.hexdigest()


def median_run(runs, keys, worst_key):
    """One solver's runs on one instance as one dict for the tables: every time in keys is the
    median over the runs that did not fail, with its [min, max] under "range"; peak RSS is the
    largest; the result (objective, bound, gap, status) is the weakest run's (the first by
    worst_key), so "proven" holds only when every run proved optimality. "runs" is the number
    of runs, "proven_runs" how many of them proved."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return dict(runs[-1], runs=len(runs), proven_runs=0)
    out = dict(min(ok, key=worst_key))
    out["range"] = {}
    for k in keys:
        v = [r[k] for r in ok if r.get(k) is not None]
        out[k] = median(v)
        if v:
            out["range"][k] = [min(v), max(v)]
    rss = [r["peak_rss_mb"] for r in ok if r.get("peak_rss_mb") is not None]
    out["peak_rss_mb"] = max(rss) if rss else None
    out["runs"] = len(ok)
    out["proven_runs"] = sum(1 for r in ok if r.get("proven"))
    return out


def mip_instance(run, args, inst, data, week, work, mismatches):
    """(c) on one instance: matchpunt and HiGHS alternately (matchpunt, HiGHS, matchpunt, ...)
    up to --mip-repeat times each, so that a change in the machine's load hits both alike.
    Another pair of runs starts only while the instance's time so far plus one more pair (the
    average so far) stays within --mip-budget seconds; the first pair always runs. HiGHS run i
    reads the LP file that matchpunt run i exported. Returns the row for the report: per-run
    numbers under matchpunt_runs / highs_runs, their medians under matchpunt / highs (see
    median_run), ratios of the medians. Adds to mismatches every failed objective check (on
    every run), and any difference between runs where matchpunt proved optimality (same input,
    so the same objective, the same output files and the same LP)."""
    name = inst["name"]
    base = os.path.join(work, name.replace(" ", "_").replace("/", "_"))
    lp, out = base + ".lp", base + "-out"
    row = {k: v for k, v in inst.items() if k != "dir"}
    row["instance"] = name
    want = max(1, args.mip_repeat)
    mp_runs, highs_runs = [], []
    spent = 0.0
    while len(mp_runs) < want:
        if mp_runs and spent * (len(mp_runs) + 1) / len(mp_runs) > args.mip_budget:
            row["stopped_by_budget"] = True
            break
        i = len(mp_runs) + 1
        run.log("(c) MIP %s%s" % (name, ", run %d of %d" % (i, want) if want > 1 else ""))
        t0 = time.perf_counter()
        mp = run.mp_run(data, out, args.time_limit, lp=lp, week=week)
        if "error" not in mp:
            mp["outputs_sha256"] = folder_sha256(out)
            mp["lp_sha256"] = file_sha256(lp)
        mp_runs.append(mp)
        if "error" in mp:
            mismatches.append("(c) %s: matchpunt run %sfailed: %s" % (
                name, "%d " % i if i > 1 else "", mp["error"]))
            break
        h = run.worker("highs", lp, args.mip_time_limit)
        highs_runs.append(h)
        spent += time.perf_counter() - t0
        run.log("    matchpunt %.2f s wall (%s), HiGHS %s s wall (%s): %s" % (
            mp.get("wall_s") or 0, "proven" if mp.get("proven") else "gap %.3f" % mp["gap"],
            f3(h.get("wall_s")), h.get("status", h.get("error")),
            fr(ratio(h.get("wall_s"), mp.get("wall_s")))))
        if "error" in h:
            break
    row["matchpunt_runs"], row["highs_runs"] = mp_runs, highs_runs
    row["spent_s"] = spent
    if not highs_runs:  # the first matchpunt run failed
        row["matchpunt"] = mp_runs[0]
        return row
    row["matchpunt"] = median_run(
        mp_runs[:len(highs_runs)], MP_TIMES, lambda r: (bool(r.get("proven")), -r["gap"]))
    row["highs"] = median_run(highs_runs, SOLVER_TIMES, lambda r: bool(r.get("proven")))
    row["runs"] = len(highs_runs)
    many = len(highs_runs) > 1

    # Objective checks, run by run.
    verdicts = []
    for i, (mp, h) in enumerate(zip(mp_runs, highs_runs), 1):
        verdict, note = agree(mp, h)
        if verdict not in verdicts:
            verdicts.append(verdict)
        if note:
            mismatches.append("(c) %s%s: highs: %s" % (name, " run %d" % i if many else "", note))
    # Same input, same output: every run matchpunt proved must equal its first proven run.
    proven = [(i, r) for i, r in enumerate(mp_runs, 1) if "error" not in r and r.get("proven")]
    for i, r in proven[1:]:
        j, ref = proven[0]
        diff = [what for what, k in (("objective", "objective"), ("output files",
                                                                   "outputs_sha256"),
                                     ("LP file", "lp_sha256")) if r.get(k) != ref.get(k)]
        if diff:
            mismatches.append("(c) %s: matchpunt proved optimality in runs %d and %d on the "
                              "same input, but they differ in: %s (objectives %.3f and %.3f)"
                              % (name, j, i, ", ".join(diff), ref["objective"],
                                 r["objective"]))
    # HiGHS's proven optima agree with each other (also when matchpunt did not prove).
    optima = [(i, h["objective"]) for i, h in enumerate(highs_runs, 1)
              if h.get("proven") and h.get("objective") is not None]
    for i, v in optima[1:]:
        if abs(v - optima[0][1]) > TOL:
            mismatches.append("(c) %s: HiGHS proved different optima in runs %d and %d: %.3f vs "
                              "%.3f" % (name, optima[0][0], i, optima[0][1], v))
    row["agreement"] = {"highs": "; ".join(verdicts)}
    if args.cpsat:
        # CP-SAT once, on the last LP, against the matchpunt run that wrote it.
        c = run.worker("cpsat", lp, args.mip_time_limit, args.cpsat_workers)
        row["cpsat"] = c
        verdict, note = agree(mp_runs[len(highs_runs) - 1], c)
        row["agreement"]["cpsat"] = verdict
        if note:
            mismatches.append("(c) %s: cpsat: %s" % (name, note))
    row["ratio_wall"] = ratio(row["highs"].get("wall_s"), row["matchpunt"].get("wall_s"))
    row["ratio_solve"] = ratio(row["highs"].get("solve_s"), row["matchpunt"].get("solve_s"))
    return row


def agree(mp, other):
    """(verdict for the table, mismatch text or None)."""
    if "error" in other:
        return "solver failed", "failed: %s" % other["error"]
    obj = other.get("objective")
    if obj is None:
        return "no solution (%s)" % other.get("status"), None
    lo, hi = mp["objective"], mp["bound"]
    if other.get("proven"):
        if mp["proven"]:
            if abs(obj - lo) <= TOL:
                return "equal", None
            return "**MISMATCH**", "both proven optimal, matchpunt %.3f vs %.3f" % (lo, obj)
        if lo - TOL <= obj <= hi + TOL:
            return "consistent (optimum in matchpunt's [objective, bound])", None
        return "**MISMATCH**", "optimum %.3f outside matchpunt's [objective %.3f, bound %.3f]" % (
            obj, lo, hi)
    # Not proven by the other solver: its incumbent can't beat matchpunt's bound.
    if obj > hi + TOL:
        return "**MISMATCH**", "feasible %.3f above matchpunt's proven bound %.3f" % (obj, hi)
    if other.get("bound") is not None and mp["proven"] and other["bound"] < lo - TOL:
        return "**MISMATCH**", "bound %.3f below matchpunt's optimum %.3f" % (other["bound"], lo)
    return "consistent (not proven)", None


def f3(v, digits=3):
    if v is None:
        return "–"
    return ("%%.%df" % digits) % v


def fr(v):
    return "–" if v is None else ("%.2f×" % v)


def runs_text(v):
    """[min, max] runs per instance -> '3' or '1-3'."""
    if not v:
        return "–"
    return "%d" % v[0] if v[0] == v[1] else "%d–%d" % tuple(v)


def spread_cell(x, k, digits):
    """The median with its min–max over the runs in brackets: '1.48 (1.44–1.73)'."""
    text = f3(x.get(k), digits)
    lo, hi = (x.get("range") or {}).get(k, [None, None])
    if x.get("runs", 1) > 1 and lo is not None:
        text += " (%s–%s)" % (f3(lo, digits), f3(hi, digits))
    return text


def fmb(v):
    return "–" if v is None else "%.0f" % v


def markdown(rep, args):
    L = []
    L.append("# matchpunt vs OR-Tools, HiGHS, SciPy")
    L.append("")
    L.append("- date: %s" % rep["date"])
    L.append("- machine: %s (load average %s at the start; other builds may have been running)"
             % (rep["machine"], rep["load_1min_start"]))
    L.append("- matchpunt: %s (release build)" % rep["matchpunt"])
    L.append("- Python %s: %s" % (rep["versions"]["python"], ", ".join(
        "%s %s" % (k, rep["versions"][k]) for k in ("ortools", "highspy", "scipy", "numpy"))))
    L.append("- instances: `matchpunt generate` (seed %d for (a) and (b); (c) as listed); re-run "
             "with `python3 benches/compare.py %s`" % (args.seed, shlex.join(sys.argv[1:])))
    L.append("")
    L.append("Ratios are *other / matchpunt*: above 1× means matchpunt is faster or smaller. "
             "Solve times are each solver's own timer around the solve call only (wall clock; "
             "in (a) and (b), for fast solvers, the best of up to %d runs; in (c) %s), without "
             "reading or building the model, which is listed separately. Peak RSS is the "
             "whole process (/usr/bin/time -v): for "
             "the Python solvers it includes the interpreter, numpy and the solver module "
             "(import alone: OR-Tools %s MB, HiGHS %s MB, SciPy %s MB, CP-SAT %s MB) and the "
             "model as built in memory." % (
                 args.repeat,
                 "the median of up to %d runs" % args.mip_repeat if args.mip_repeat > 1
                 else "one run", fmb(rep["baseline"].get("ortools")),
                 fmb(rep["baseline"].get("highspy")), fmb(rep["baseline"].get("scipy")),
                 fmb(rep["baseline"].get("cpsat"))))
    L.append("")
    if rep["mismatches"]:
        L.append("## MISMATCHES")
        L.append("")
        for m in rep["mismatches"]:
            L.append("- **%s**" % m)
        L.append("")

    if rep["flow"]:
        flow_markdown(L, rep)
    if rep["assignment"]:
        assignment_markdown(L, rep)
    if rep["mip"]:
        mip_markdown(L, rep, args)
    return "\n".join(L)


def flow_markdown(L, rep):
    L.append("## (a) Flow model: the batch without load budgets (min-cost flow)")
    L.append("")
    L.append("`matchpunt run --export-dimacs` → `matchpunt flow FILE` (cost scaling) vs OR-Tools "
             "`SimpleMinCostFlow` on the same DIMACS file (parsed with numpy; load = parse + "
             "build).")
    L.append("")
    L.append("| instance | nodes | arcs | optimal cost: matchpunt | OR-Tools | equal | solve s: "
             "matchpunt | OR-Tools | time ratio | load s: matchpunt | OR-Tools | peak MB: "
             "matchpunt | OR-Tools | memory ratio |")
    L.append("|---|---:|---:|---:|---:|:-:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rep["flow"]:
        if "error" in r:
            L.append("| %s | %s |" % (r["instance"], r["error"]) + " |" * 12)
            continue
        m, o = r["matchpunt"], r["ortools"]
        L.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["instance"], m.get("nodes", "–"), m.get("arcs", "–"),
            m.get("cost", m.get("error", "–")), o.get("cost", o.get("error", "–")),
            "yes" if r["equal"] else "**NO**", f3(m.get("solve_s")), f3(o.get("solve_s")),
            fr(ratio(o.get("solve_s"), m.get("solve_s"))), f3(m.get("read_s")),
            f3((o.get("read_s") or 0) + (o.get("build_s") or 0)) if "read_s" in o else "–",
            fmb(m.get("peak_rss_mb")), fmb(o.get("peak_rss_mb")),
            fr(ratio(o.get("peak_rss_mb"), m.get("peak_rss_mb")))))
    L.append("")


def assignment_markdown(L, rep):
    L.append("## (b) One-to-one assignment")
    L.append("")
    L.append("Seeded random integer costs in [0, 10^6); dense = every pair, sparse = K random "
             "columns per row plus a hidden perfect matching. matchpunt solves the problem as a "
             "flow (`matchpunt flow`, DIMACS with unit supplies and demands); OR-Tools "
             "`LinearSumAssignment`; SciPy `linear_sum_assignment` (dense) or "
             "`min_weight_full_bipartite_matching` (sparse).")
    L.append("")
    L.append("| instance | arcs | optimal cost (all equal?) | solve s: matchpunt | OR-Tools | "
             "SciPy | time ratio: OR-Tools | SciPy | peak MB: matchpunt | OR-Tools | SciPy | "
             "memory ratio: OR-Tools | SciPy |")
    L.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rep["assignment"]:
        if "error" in r:
            L.append("| %s | failed: %s |" % (r["instance"], r["error"]) + " |" * 11)
            continue
        m, o, s = r["matchpunt"], r["ortools"], r["scipy"]
        cost = m.get("cost", m.get("error"))
        eq = "yes" if r["equal"] else "**NO**: OR-Tools %s, SciPy %s" % (
            o.get("cost", o.get("error")), s.get("cost", s.get("error")))
        L.append("| %s | %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["instance"], r["arcs"], cost, eq, f3(m.get("solve_s")), f3(o.get("solve_s")),
            f3(s.get("solve_s")), fr(ratio(o.get("solve_s"), m.get("solve_s"))),
            fr(ratio(s.get("solve_s"), m.get("solve_s"))), fmb(m.get("peak_rss_mb")),
            fmb(o.get("peak_rss_mb")), fmb(s.get("peak_rss_mb")),
            fr(ratio(o.get("peak_rss_mb"), m.get("peak_rss_mb"))),
            fr(ratio(s.get("peak_rss_mb"), m.get("peak_rss_mb")))))
    L.append("")


MIP_INTRO = (
    "`matchpunt run --time-limit %g --export-lp` vs HiGHS (highspy `readModel`, mip_rel_gap 0, "
    "time limit %g s)%s. %s **Whole process** is /usr/bin/time's wall clock "
    "of the process: for matchpunt the whole `run` (reading the CSVs, candidates, scoring, "
    "solving, writing the outputs *and* the LP file); for HiGHS the Python process (start-up, "
    "import, reading the LP, solving). **Solve** is matchpunt's 'solve' stage (pins, model, "
    "branch and bound) against HiGHS's own timer around `run()`. Ratios are HiGHS / matchpunt: "
    "above 1× matchpunt is faster. Objectives in points.")


def mip_markdown(L, rep, args):
    L.append("## (c) Full model with load budgets (MIP)")
    L.append("")
    cps = (" and CP-SAT (%d workers, the LP parsed by compare.py with the objective scaled "
           "exactly to integers)" % args.cpsat_workers) if args.cpsat else ""
    if args.mip_repeat > 1:
        runs = ("Each instance ran up to %d times per solver, alternating matchpunt and HiGHS "
                "(matchpunt, HiGHS, matchpunt, ...) so that the machine's load hit both alike, "
                "while the instance's time stayed within %g s (the first pair always runs; "
                "*runs* says how many each median has). Times are the **medians** over the "
                "runs (with min–max in brackets), ratios are ratios of the medians, peak RSS "
                "is the largest; the objective checks hold on every run, and every run in "
                "which matchpunt proved optimality gave the same objective, output files and "
                "LP (or it is listed under MISMATCHES)%s." % (
                    args.mip_repeat, args.mip_budget,
                    "; CP-SAT ran once, on the last LP" if args.cpsat else ""))
    else:
        runs = "One run per instance."
    L.append(MIP_INTRO % (args.time_limit, args.mip_time_limit, cps, runs))
    L.append("")
    L.append("Shapes: " + "; ".join("`%s` = `generate %s`" % (k, " ".join(v) or "(defaults)")
                                    for k, v in SHAPES.items())
             + "; EXPERTSx(2·EXPERTS) is two requests per expert; `case` is a batch folder "
             "given with --cases.")
    L.append("")
    L.append("### Summary per size and shape")
    L.append("")
    L.append("Ratios min / median / max are over the instances both solvers proved; a run "
             "stopped at its limit only bounds its ratio (< when matchpunt stopped: its time to "
             "a proof is longer).")
    L.append("")
    if args.mip_repeat > 1:
        L.append("Per instance the times are medians over its runs (*runs each*); the columns "
                 "below take the median over the instances of those, and the min / median / "
                 "max of their ratios.")
        L.append("")
    L.append("| instances | n | runs each | matchpunt proven | HiGHS proven | whole process s "
             "(median): matchpunt | HiGHS | ratio min / median / max | solve s (median): "
             "matchpunt | HiGHS | ratio min / median / max | largest matchpunt gap |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|")

    def rr(g, k):
        parts = [" / ".join(fr(x) for x in g[k])] if g[k] else []
        if g.get(k + "_unproven"):
            parts.append("unproven: " + ", ".join(g[k + "_unproven"]))
        return "; ".join(parts) or "–"
    for g in rep.get("mip_summary", []):
        if g["max_gap"] is None:
            gap = "–"
        elif g["max_gap"] == 0:
            gap = "0 (proven)"
        else:
            gap = "%.3f points (%.4f%%)" % (g["max_gap"], g["max_gap_pct"])
        L.append("| %s | %d | %s | %d/%d | %d/%d | %s | %s | %s | %s | %s | %s | %s |" % (
            g["group"], g["instances"], runs_text(g.get("runs")), g["mp_proven"], g["measured"],
            g["highs_proven"],
            g["measured"], f3(g["mp_wall_median"], 2), f3(g["highs_wall_median"], 2),
            rr(g, "ratio_wall"), f3(g["mp_solve_median"], 2), f3(g["highs_solve_median"], 2),
            rr(g, "ratio_solve"), gap))
    L.append("")
    flags = [f for g in rep.get("mip_summary", []) for f in g["flags"]]
    L.append("**Where matchpunt is slower than HiGHS or did not prove optimality:**" if flags
             else "matchpunt proved every instance and was faster than HiGHS on each.")
    L.append("")
    for f in flags:
        L.append("- %s" % f)
    if flags:
        L.append("")
    L.append("### Per instance")
    L.append("")
    head = ("| instance | runs | binaries | rows | matchpunt objective (bound) | HiGHS | "
            "agreement | whole s: matchpunt | HiGHS | ratio | solve s: matchpunt | HiGHS | "
            "ratio | peak MB: matchpunt | HiGHS |")
    sep = "|---|---:|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    if args.cpsat:
        head += " CP-SAT | agreement | CP-SAT solve s | ratio | CP-SAT peak MB |"
        sep += "---|---|---:|---:|---:|"
    L.append(head)
    L.append(sep)

    def res(x):
        if "error" in x:
            return "failed: %s" % x["error"]
        if x.get("objective") is None:
            return x.get("status", "?")
        if x.get("proven"):
            return "%.3f (optimal)" % x["objective"]
        some = (", proven in %d of %d runs" % (x["proven_runs"], x["runs"])
                if x.get("runs", 1) > 1 else "")
        return "%.3f (%s, bound %.3f%s)" % (x["objective"], x.get("status"), x.get("bound"),
                                             some)
    for r in rep["mip"]:
        m = r["matchpunt"]
        if "error" in m:
            L.append("| %s | | matchpunt failed: %s |" % (r["instance"], m["error"]) + " |" * 12)
            continue
        h = r["highs"]
        k = r.get("runs", 1)
        if m["proven"]:
            state = "optimal"
        else:
            state = "time limit, bound %.3f, gap %.4f%%" % (m["bound"], m["gap_pct"])
            if k > 1:
                state += ", the largest of the runs; proven in %d of %d" % (
                    m.get("proven_runs", 0), k)
        mpt = "%.3f (%s)" % (m["objective"], state)
        line = "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["instance"], k, h.get("vars", "–"), h.get("constraints", "–"), mpt, res(h),
            r["agreement"]["highs"], spread_cell(m, "wall_s", 2), spread_cell(h, "wall_s", 2),
            qualifier(r) + fr(r.get("ratio_wall")), spread_cell(m, "solve_s", 3),
            spread_cell(h, "solve_s", 3), qualifier(r) + fr(r.get("ratio_solve")),
            fmb(m.get("peak_rss_mb")), fmb(h.get("peak_rss_mb")))
        if args.cpsat:
            c = r.get("cpsat", {})
            line += " %s | %s | %s | %s | %s |" % (
                res(c), r["agreement"].get("cpsat", "–"), f3(c.get("solve_s")),
                fr(ratio(c.get("solve_s"), m.get("solve_s"))), fmb(c.get("peak_rss_mb")))
        L.append(line)
    L.append("")
    L.append("When matchpunt stops at its time limit, HiGHS's proven optimum is checked to lie "
             "between matchpunt's objective (a feasible solution) and its proven bound; the "
             "ratios then compare against the limit, not against a proof.")
    L.append("")


if __name__ == "__main__":
    sys.exit(main())
