#!/usr/bin/env python3
"""Min-cost flow solve times side by side, alternating in one loop: one or more builds of
matchpunt's solver (the `flow_time` example of crates/matchpunt-flow: processor time of the
solving thread) and OR-Tools `SimpleMinCostFlow` (`compare.py`'s worker: processor time of its
solve call), on DIMACS files written by `matchpunt run --export-dimacs`. Prints the best of
ROUNDS runs per solver and file, and the ratios; exits with an error if the optimal costs differ.

    cargo build --release -p matchpunt-flow --example flow_time
    python3 benches/flow_side_by_side.py --python VENV/bin/python --rounds 3 \\
        --build before=/tmp/flow_time-base --build after=target/release/examples/flow_time FILE...
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", required=True, help="a python with ortools and numpy")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--build", action="append", required=True, help="NAME=PATH of flow_time")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    builds = [b.split("=", 1) for b in args.build]
    worker = ("import sys, json; sys.path.insert(0, %r); import compare; "
              "print(json.dumps(compare.worker_ortools_mcf(sys.argv[1])))" % HERE)
    res = {}
    for r in range(args.rounds):
        for f in args.files:
            for name, path in builds + [("ortools", None)]:
                if path is None:
                    out = subprocess.run([args.python, "-c", worker, f], capture_output=True,
                                         text=True, check=True).stdout
                    j = json.loads(out)
                    cpu, cost, arcs = j["solve_cpu_s"], j["cost"], j["arcs"]
                else:
                    out = subprocess.run([path, "--repeat", "1", f], capture_output=True,
                                         text=True, check=True).stdout.split()
                    cpu, cost, arcs = float(out[8]), int(out[6]), int(out[4])
                res.setdefault(f, {"arcs": arcs}).setdefault(name, []).append((cpu, cost))
                print("round %d %s %s: %.3f s, cost %d" % (r, f, name, cpu, cost), flush=True)
    names = [b[0] for b in builds]
    print("| file | arcs | " + " | ".join(names) + " | OR-Tools | " +
          " | ".join("OR-Tools / " + n for n in names) + " |")
    bad = False
    for f in args.files:
        d = res[f]
        best = {n: min(x[0] for x in d[n]) for n in names + ["ortools"]}
        costs = {x[1] for n in names + ["ortools"] for x in d[n]}
        bad |= len(costs) != 1
        print("| %s | %d | %s | %.3f s | %s |" % (
            os.path.basename(f), d["arcs"], " | ".join("%.3f s" % best[n] for n in names),
            best["ortools"], " | ".join("%.2f×" % (best["ortools"] / best[n]) for n in names)))
    if bad:
        sys.exit("the optimal costs differ")


if __name__ == "__main__":
    main()
