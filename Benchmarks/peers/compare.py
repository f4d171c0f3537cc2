#!/usr/bin/env python3
"""Detente against its peers on the same game files, in one run; writes docs/PERFORMANCE.md.

Usage (from anywhere; normally through run.sh, which builds detente-timing first):

    python3 Benchmarks/peers/compare.py [--quick] [--skip-peers | --reuse-peers]
                                        [--detente PATH] [--out FILE]

A full run writes docs/PERFORMANCE.md and results/{detente,peers}.jsonl; a --quick run writes
results/PERFORMANCE-quick.md and results/*-quick.jsonl (git-ignored) and leaves those alone.

Steps:
1. Detente, through the release-built `detente-timing` (in-process, best of k, OpenBLAS 1
   thread): `solveEquilibria` for every method/arithmetic on the random 4x4..12x12 games
   (all equilibria) and the 50x50..200x200 games (Lemke-Howson); pure equilibria; the
   .nfg/JSON readers; products and solves 2x2..64x64 (multiply vs Swift loop vs cblas, LAPACK
   vs solveSmall) with 1 and 2 BLAS threads. Methods not available yet are recorded as such.
2. The peers, through peer_worker.py in the peers' venv (PEERS_VENV, default
   ~/.cache/peers-venv), with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from that
   command's environment only. `--skip-peers` leaves them out; `--reuse-peers` takes them
   from the last results (Benchmarks/peers/results/peers.jsonl) instead of re-timing.
3. The table: median over the games of a size of each tool's best time; equilibrium counts
   checked against lrsnash's (exact and complete) on every game; docs/PERFORMANCE.md.

Only the Python standard library is needed here; the peers need their venv (setup.sh).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
GAMES = os.path.join(BENCH, "Games")
RESULTS = os.path.join(HERE, "results")

ALL_SIZES = [4, 6, 8, 10, 12]
LH_GAMES = OrderedDict([("50x50", ["lh_050x050_0", "lh_050x050_1", "lh_050x050_2"]),
                        ("100x100", ["lh_100x100_0", "lh_100x100_1"]),
                        ("200x200", ["lh_200x200_0"])])
PEER_TOOLS = ["lrsnash", "gambit_enummixed_rational", "gambit_enummixed_float",
              "gambit_lcp_all_float", "qe_support_enumeration", "qe_vertex_enumeration",
              "nashpy_support_enumeration", "nashpy_vertex_enumeration",
              "qe_lemke_howson", "gambit_lcp_one_rational", "gambit_lcp_one_float",
              "nashpy_lemke_howson", "qe_repeated_as", "gambit_logit", "gambit_gnm", "gambit_simpdiv",
              "gambit_enumpoly"]
REPEATED_CASES = OrderedDict([("pd_delta0.9", ("pd_qe", "9/10")), ("as2014_delta0.3", ("as2014", "3/10")),
                              ("cournot15_delta0.8", ("cournot15", "4/5"))])
NPLAYER_GAMES = ["unanimity3", "nau2004_irrational"]
# detente-timing lemke-howson-one: (label, payoffs, row name)
LH_ONE_CASES = [("0", "floating-point", "detente lemke-howson one path, label 0, float game"),
                ("0", "exact", "detente lemke-howson one path, label 0, exact verification"),
                ("lockstep", "exact", "detente lemke-howson one path, labels 0-3 in lockstep, exact verification")]
# (method, arithmetic, kind): what detente-timing is asked for.
DETENTE_CASES = [("vertex-enumeration", "exact", "all"), ("vertex-enumeration", "floating-point", "all"),
                 ("support-enumeration", "exact", "all"), ("support-enumeration", "floating-point", "all"),
                 ("lemke-howson", "exact", "one"), ("lemke-howson", "floating-point", "one"),
                 ("pure", "exact", "all"), ("pure", "floating-point", "all"),
                 ("pure", "exact", "one"), ("pure", "floating-point", "one")]


METHOD = """## Method

- **Detente** is timed by `detente-timing` (`Benchmarks/Sources/detente-timing`), built with
  `swift build -c release`. For each game file the game is read (exact rationals from the
  `.nfg`; `game.floatingPoint` for the floating-point rows) before the clock starts; then one
  warm-up call of `solveEquilibria(game, method:, arithmetic:)` and the **best of 5** timed
  calls, in-process, with Swift's monotonic `ContinuousClock`. A case whose warm-up takes at
  least 1 s is timed once (its warm-up). OpenBLAS runs **1 thread**
  (`openblas_set_num_threads(1)`, the setting for parallel workers, DESIGN.md §4); the linear
  algebra table shows 1 against 2 threads (`detente-timing --blas-threads N` sets them in-process,
  as `OPENBLAS_NUM_THREADS=N` would).
- **The peers** are timed the same way (warm-up, best of 5, one sample past 1 s) by
  `Benchmarks/peers/peer_worker.py` in the peers' venv, each case in a forked child killed at
  30 s; the game object is built before the clock starts and numba's JIT compilation is done
  before forking. They run with their BLAS default (2 threads). `OPENBLAS_CORETYPE` and
  `OPENBLAS_L2_SIZE`, which some machines here set for older OpenBLAS builds and which slow a
  current numpy, are removed from the peer command's environment only. `lrsnash` is timed as a
  whole process (exec, read the file, solve, print): about 1.5 ms of it is process overhead.
  An all-equilibria tool skips a size when its time at the previous size times the growth seen
  between the two sizes before exceeds 30 s; any tool skips the rest after a timeout.
- **The other areas** are timed by `detente-timing` subcommands in the same way: `lemke-howson-one`
  (one floating-point path), `repeated` (Abreu–Sannikov; vertices printed and compared with
  quantecon's), `nplayer` (`solveNPlayer`), `tournament`, `policy` (wall and CPU time of
  `PayoffBatch.evaluate`, best of 3) and `markov`; their inputs are built before the clock starts
  (`Benchmarks/Sources/BenchSupport`). The same workloads are package-benchmark suites
  (`RepeatedGamesBenchmarks`, `PolicyModelsBenchmarks`, `MarkovGamesBenchmarks`).
- **Checks**: every run counts `lrsnash`'s equilibria (exact, all extreme equilibria) and
  compares each tool's count with it; the points quantecon and nashpy return are checked by
  their regret (numpy), pygambit's by its `max_regret()`, Detente's carry their regret.
- **Cells** are the median over the games of a size of each game's best time.
- **Machine**: 2-core AMD EPYC (AVX-512; OpenBLAS picks its SkylakeX kernels, so `cblas_dgemm`
  has small-matrix kernels), 24 GiB, shared with other jobs: the load average at the start and
  end of the run is recorded below. On a loaded machine the times are upper bounds; best-of-5
  takes most of the noise out of the short cases, not of the long single-sample ones.

## Reproduce

```bash
bash Benchmarks/peers/run.sh                 # everything (about 15 min here at load 12-15, plus the first release build)
bash Benchmarks/peers/run.sh --quick         # 4x4, 6x6, 50x50 only (~2 min); writes Benchmarks/peers/results/PERFORMANCE-quick.md
bash Benchmarks/peers/run.sh --reuse-peers   # re-time Detente only; keep the peers' last times
bash Benchmarks/peers/run.sh --skip-peers    # Detente only, no peer rows
cd Benchmarks && swift package benchmark     # package-benchmark suites (LinearAlgebra, equilibria, readers, repeated games, policy models, Markov games)
cd Benchmarks && swift package benchmark --filter "gemm.*"   # one group
```

`run.sh` builds `detente-timing` in release mode, installs the peers when they are missing
(`Benchmarks/peers/setup.sh`: a venv at `${PEERS_VENV:-~/.cache/peers-venv}` with
`pygambit==16.7.0 nashpy quantecon numba threadpoolctl`, and Debian's `lrslib` through apt;
optional and slow: pygambit compiles from source, about 13 minutes on 2 cores; `--no-setup`
skips it), then runs `Benchmarks/peers/compare.py`, which rewrites this file and keeps the raw
results in `Benchmarks/peers/results/` (`detente.jsonl`, `peers.jsonl`). The
package-benchmark suites need no jemalloc: package-benchmark 1.38 uses its malloc interposer
(the `MallocInterposer` trait) for the allocation counts. Methods that Detente does not
offer show as `n/a` here and are left out of the package-benchmark suite (a line on
stderr says so).
"""


def rand_name(n, k):
    return f"rand_{n:02d}x{n:02d}_{k}"


def groups(quick):
    sizes = ALL_SIZES[:2] if quick else ALL_SIZES
    all_groups = OrderedDict((f"{n}x{n}", [rand_name(n, k) for k in range(3)]) for n in sizes)
    one_groups = OrderedDict(list(LH_GAMES.items())[:1] if quick else LH_GAMES.items())
    return {"all": all_groups, "one": one_groups,
            "repeated": OrderedDict((k, [k]) for k in REPEATED_CASES),
            "nplayer": OrderedDict((g, [g]) for g in NPLAYER_GAMES)}


def run_jsonl(cmd, env=None, timeout=None):
    """Runs `cmd`, echoing stderr, and returns its stdout parsed as JSON lines."""
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    if proc.stderr.strip():
        sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise SystemExit(f"compare.py: {' '.join(cmd[:3])}... exited with {proc.returncode}")
    return [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]


def time_detente(binary, grp, repeat, single, timeout):
    records = []
    for method, arithmetic, kind in DETENTE_CASES:
        for size, games in grp[kind].items():
            files = [os.path.join(GAMES, g + ".nfg") for g in games]
            print(f"detente {method} {arithmetic} {size}", file=sys.stderr, flush=True)
            try:
                out = run_jsonl([binary, "solve", "--method", method, "--arithmetic", arithmetic,
                                 "--repeat", str(repeat), "--single", str(single)] + files,
                                timeout=timeout * len(files))
            except subprocess.TimeoutExpired:
                out = [{"game": g, "error": f"timeout after {timeout * len(files):g} s for the size"}
                       for g in games]
            for r in out:
                r.update({"tool": f"detente {method} {arithmetic}", "kind": kind, "size": size})
                records.append(r)
    for label, payoffs, tool in LH_ONE_CASES:
        for size, games in grp["one"].items():
            print(f"{tool} {size}", file=sys.stderr, flush=True)
            files = [os.path.join(GAMES, g + ".nfg") for g in games]
            try:
                out = run_jsonl([binary, "lemke-howson-one", "--label", label, "--payoffs", payoffs,
                                 "--repeat", str(repeat), "--single", str(single)] + files,
                                timeout=timeout * len(files))
            except subprocess.TimeoutExpired:
                out = [{"game": g, "error": f"timeout after {timeout * len(files):g} s for the size"} for g in games]
            for r in out:
                r.update({"tool": tool, "kind": "one", "size": size})
                records.append(r)
    with open(os.path.join(GAMES, "repeated", "cases.json")) as f:
        repeated_reference = json.load(f)
    for exact_check, tool in ((True, "detente abreu-sannikov, exact check of the result"),
                              (False, "detente abreu-sannikov, floating point only")):
        for case in grp["repeated"]:
            game, delta = REPEATED_CASES[case]
            print(f"{tool} {case}", file=sys.stderr, flush=True)
            out = run_jsonl([binary, "repeated", "--delta", delta, "--repeat", str(repeat), "--single", str(single)]
                            + ([] if exact_check else ["--no-exact-check"])
                            + [os.path.join(GAMES, "repeated", game + ".json")], timeout=timeout * 3)
            for r in out:
                if r.get("vertices"):
                    r["n_vertices"] = len(r["vertices"])
                    r["distance_to_reference"] = hausdorff(r["vertices"], repeated_reference[case]["reference_vertices"])
                r.update({"tool": tool, "kind": "repeated", "size": case, "game": case})
                records.append(r)
    # simpdiv from the centroid, pygambit simpdiv_solve's start in peer_worker.py
    for method, extra, tool in (("logit", [], "detente solveNPlayer logit"),
                                ("global-newton", [], "detente solveNPlayer global-newton"),
                                ("simpdiv", ["--start", "centroid"], "detente SimplicialSubdivision (centroid start)")):
        for g in grp["nplayer"]:
            print(f"{tool} {g}", file=sys.stderr, flush=True)
            out = run_jsonl([binary, "nplayer", "--method", method] + extra + ["--repeat", str(repeat), "--single", str(single),
                             os.path.join(GAMES, g + ".nfg")], timeout=timeout * 3)
            for r in out:
                r.update({"tool": tool, "kind": "nplayer", "size": g})
                records.append(r)
    print("detente tournament, policy model, Markov games", file=sys.stderr, flush=True)
    records += run_jsonl([binary, "tournament", "--automata", "100", "--noise", "0.01", "--delta", "0.95",
                          "--repeat", str(repeat)])
    records += run_jsonl([binary, "policy", "--points", "1000000", "--repeat", "3"])
    records += run_jsonl([binary, "markov", "--states", "10,100,1000", "--repeat", str(repeat)])
    readers = []
    for name in ["rand_04x04_0", "rand_12x12_0", "lh_050x050_0", "lh_100x100_0", "lh_200x200_0"]:
        readers += [os.path.join(GAMES, f"{name}.nfg"), os.path.join(GAMES, f"{name}.json")]
    records += run_jsonl([binary, "read", "--repeat", str(max(repeat, 5))] + readers)
    for threads in (1, 2):
        records += run_jsonl([binary, "linalg", "--blas-threads", str(threads),
                              "--large-sizes", "128,256,512"])
    return records


def hausdorff(p, q):
    """Hausdorff distance between two finite point sets in the plane (vertex lists)."""
    def dist(a, b):
        return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
    return max(max(min(dist(a, b) for b in q) for a in p), max(min(dist(a, b) for a in p) for b in q))


def time_peers(grp, repeat, single, timeout, python):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    os.makedirs(RESULTS, exist_ok=True)
    cases = os.path.join(RESULTS, "cases.json")
    with open(cases, "w") as f:
        # Not sort_keys: the worker runs the sizes in this (increasing) order.
        json.dump({"tools": PEER_TOOLS, "groups": grp, "repeat": repeat, "single": single,
                   "timeout": timeout}, f, indent=1)
    print(f"peers: {python} peer_worker.py (OPENBLAS_CORETYPE/L2_SIZE unset)", file=sys.stderr)
    proc = subprocess.Popen([python, os.path.join(HERE, "peer_worker.py"), "--games-dir", GAMES,
                             "--cases", cases], stdout=subprocess.PIPE, text=True, env=env)
    records = []
    for line in proc.stdout:
        if line.startswith("{"):
            r = json.loads(line)
            records.append(r)
            if "tool" in r:
                what = r.get("error") or r.get("skipped") or f"{r['best']:.3g} s, {r.get('equilibria')} eq"
                print(f"  {r['tool']} {r['game']}: {what}", file=sys.stderr, flush=True)
    if proc.wait() != 0:
        raise SystemExit(f"compare.py: peer_worker.py exited with {proc.returncode}")
    os.unlink(cases)
    return records


# ---- formatting ---------------------------------------------------------------------------

def fmt_time(s):
    if s is None:
        return ""
    if s < 1e-6:
        return f"{s * 1e9:.0f} ns"
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs" if s < 1e-4 else f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms" if s < 1e-2 else f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def cell(rows, reference, kind, count_check=True):
    """Median of best times; markers for count mismatches (*), invalid points/no convergence (!)."""
    if not rows:
        return ""
    errors = [r for r in rows if r.get("error")]
    skipped = [r for r in rows if r.get("skipped")]
    ok = [r for r in rows if "best" in r]
    if not ok:
        if skipped and not errors:
            return "skip"
        e = errors[0]["error"]
        if "not available yet" in e:
            return "n/a"
        return "t/o" if "timeout" in e else "err"
    text = fmt_time(statistics.median(r["best"] for r in ok))
    if len(ok) < len(rows):
        text += f" ({len(ok)}/{len(rows)})"
    marks = ""
    if kind == "all" and count_check and any(reference.get(r["game"]) is not None and r.get("equilibria") != reference[r["game"]]
                             for r in ok):
        marks += "*"
    if any((r.get("max_regret") or 0) > 1e-6 or r.get("converged") is False for r in ok):
        marks += "!"
    return text + (" " + marks if marks else "")


def table(title_col, columns, rows):
    out = [f"| {title_col} | " + " | ".join(columns) + " |",
           "|---|" + "---|" * len(columns)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def build_markdown(detente, peers, versions, quick, detente_info, single, reused=False):
    grp = groups(quick)
    solve = [r for r in detente if r.get("method") not in ("read", "linalg") and "kind" in r]
    reference = {r["game"]: r["equilibria"] for r in peers
                 if r.get("tool") == "lrsnash" and "equilibria" in r}
    labels = OrderedDict()
    for r in peers:
        if "tool" in r:
            labels.setdefault((r["kind"], r["tool"]), r["label"])
    for r in solve:
        labels.setdefault((r["kind"], r["tool"]), r["tool"])

    def rows_for(kind):
        # Detente's rows first, in DETENTE_CASES order (the order they were timed in).
        detente_first = [k for k in labels if k[0] == kind and k[1].startswith("detente")]
        peers_keys = [k for k in labels if k[0] == kind and not k[1].startswith("detente")]
        out = []
        for key in detente_first + peers_keys:
            rec = solve if key[1].startswith("detente") else peers
            cells = [cell([r for r in rec if r.get("tool") == key[1] and r.get("kind") == kind
                           and r.get("size") == size], reference, kind,
                          count_check="pure" not in key[1])
                     for size in grp[kind]]
            label = f"**{labels[key]}**" if key[1].startswith("detente") else labels[key]
            out.append([label] + cells)
        return out

    md = []
    md.append("# Performance")
    md.append("")
    md.append("Generated by `Benchmarks/peers/run.sh` (`Benchmarks/peers/compare.py`)"
              + (" in `--quick` mode" if quick else "") + ". Do not edit by hand except the Findings section, which re-runs keep; "
              "the raw results are in `Benchmarks/peers/results/`.")
    md.append("")
    md.append("Cell = median over the games of that size of the best wall time of one call "
              "(in-process; lrsnash = whole process). `*` = on some game the number of "
              "equilibria differs from lrsnash's (exact, all extreme equilibria); `!` = a returned "
              "point has regret > 1e-6 or the solver reports no convergence; `(k/n)` = only k of the "
              "n games gave a time; `skip` = not run (predicted over the time limit, see notes); "
              "`t/o` = killed at the limit; `err` = raised an error; `n/a` = the method is not in "
              "this build of Detente yet. Detente rows are bold.")
    md.append("")
    md.append("## All equilibria of random games (integer payoffs in [0,100), 3 games per size)")
    md.append("")
    md.append(table("algorithm", list(grp["all"]), rows_for("all")))
    md.append("")
    md.append("## One equilibrium (Lemke–Howson) on large random games (3/2/1 games)")
    md.append("")
    md.append("Like for like with the peers' single path: `detente lemke-howson one path` "
              "(`LemkeHowson().solveOneFloatingPoint(game, missingLabel: 0)`), one floating-point "
              "path from label 0 (the row player's first action, as quantecon's `init_pivot=0` and "
              "pygambit's `stop_after=1`); *float game* = the payoffs converted to `Double` first "
              "(the point checked by floating-point regret, as the peers do); *exact verification* "
              "= the game keeps its rational payoffs and the final basis is re-solved and checked "
              "in exact arithmetic; *lockstep* = labels 0–3 one pivot each in turn, first path to "
              "end wins (the library's default). `lemke-howson exact/floating-point` follow the "
              "path from every starting label (a set of equilibria, not comparable with one path). "
              "`pure` = all pure equilibria.")
    md.append("")
    md.append(table("algorithm", list(grp["one"]), rows_for("one")))
    md.append("")

    # Equilibrium counts per game.
    md.append("## Equilibrium counts")
    md.append("")
    count_rows = []
    all_tools = [k[1] for k in labels if k[0] == "all" and "pure" not in k[1] and k[1] != "lrsnash"]
    for size, games in grp["all"].items():
        for g in games:
            ref = reference.get(g)
            agree, differ, missing = 0, [], 0
            for tool in all_tools:
                rec = [r for r in (solve if tool.startswith("detente") else peers)
                       if r.get("tool") == tool and r.get("game") == g and "equilibria" in r]
                if not rec:
                    missing += 1
                elif ref is not None and rec[0]["equilibria"] != ref:
                    differ.append(f"{labels[('all', tool)]}: {rec[0]['equilibria']}")
                else:
                    agree += 1
            count_rows.append([g, "–" if ref is None else str(ref), str(agree),
                               "; ".join(differ) or "–", str(missing)])
    md.append(table("game", ["lrsnash", "same count", "different count", "no count"], count_rows))
    md.append("")
    notes = []
    for r in peers + solve:
        if r.get("kind") == "all" and "equilibria" in r and r["game"] in reference \
                and r["equilibria"] != reference[r["game"]] and not r.get("method") == "pure":
            notes.append(f"- {labels.get((r['kind'], r['tool']), r['tool'])} on {r['game']}: "
                         f"{r['equilibria']} equilibria, lrsnash {reference[r['game']]}.")
        if (r.get("max_regret") or 0) > 1e-6 or r.get("converged") is False:
            notes.append(f"- {labels.get((r['kind'], r['tool']), r['tool'])} on {r['game']}: "
                         f"max regret {r.get('max_regret'):.3g}"
                         + (", not converged" if r.get("converged") is False else "") + ".")
    md.append("Disagreements in counts and invalid points:")
    md.append("")
    md += notes or ["- none."]
    md.append("")
    skips = OrderedDict()
    for r in peers + solve:
        why = r.get("skipped") or r.get("error")
        if why and "not available yet" not in why:
            skips.setdefault(f"{labels.get((r['kind'], r['tool']), r['tool'])}: {why}", []).append(r["game"])
        elif "times" in r and r.get("warmup", 0) >= single:
            skips.setdefault(f"{labels.get((r['kind'], r['tool']), r['tool'])}: one sample (warm-up "
                             f"took longer than the single-sample threshold)", []).append(r["game"])
    unavailable = sorted({r["tool"] for r in solve if "not available yet" in (r.get("error") or "")})
    md.append("Skips, errors and single samples:")
    md.append("")
    md += [f"- {k} ({', '.join(v)})" for k, v in skips.items()] or ["- none."]
    if unavailable:
        md.append(f"- Not in this build yet (n/a): {', '.join(unavailable)}.")
    md.append("")

    # Repeated games.
    md.append("## Repeated games: Abreu–Sannikov SPE payoff sets (quantecon's three cases)")
    md.append("")
    md.append("Stage games in `Benchmarks/Games/repeated` (see its SOURCE.md), the same inputs and "
              "tolerance (Hausdorff 1e-12, quantecon's default `tol`) for both; quantecon starts from "
              "the `u_init` of its own tests. *exact check* = Detente's default: the converged "
              "polygon is rounded to nearby fractions and verified self-generating in exact "
              "rational arithmetic (quantecon has no such step); *floating point only* = "
              "`AbreuSannikov(exactCheck: false)`. Vertices = number found; distance = Hausdorff "
              "distance from the vertices quantecon returned in the peers' reference run "
              "(`shared/peers/reference.json`).")
    md.append("")
    rep_rows = []
    rep_keys = [k for k in labels if k[0] == "repeated"]
    rep_keys = [k for k in rep_keys if k[1].startswith("detente")] + [k for k in rep_keys if not k[1].startswith("detente")]
    for key in rep_keys:
        rec = solve if key[1].startswith("detente") else peers
        cells = []
        for case in grp["repeated"]:
            rows = [r for r in rec if r.get("tool") == key[1] and r.get("size") == case]
            c = cell(rows, reference, "repeated")
            ok = [r for r in rows if "best" in r]
            if ok and ok[0].get("n_vertices") is not None:
                c += f" ({ok[0]['n_vertices']} v, {ok[0].get('distance_to_reference', float('nan')):.1e})"
            cells.append(c)
        label = f"**{labels[key]}**" if key[1].startswith("detente") else labels[key]
        rep_rows.append([label] + cells)
    md.append(table("algorithm", list(grp["repeated"]), rep_rows))
    md.append("")
    tour = [r for r in detente if r.get("method") == "tournament"]
    for r in tour:
        if "best" in r:
            md.append(f"Tournament: {r['automata']} automata (ALLC, ALLD, GRIM, TFT, WSLS and random Moore "
                      f"machines of 1–4 states), prisoner's dilemma (3, 0, 5, 1), δ = {r['delta']}, "
                      f"implementation noise ε = {r['noise']}: the {r['matches']:,} matches' exact "
                      f"discounted payoffs (one (I − δP)v = r per match, LAPACK LU) in "
                      f"**{fmt_time(r['best'])}** (best of {len(r['times'])}; spot check against a "
                      f"separate solve: difference {r['spot_check_difference']:.1e}).")
        else:
            md.append(f"Tournament: error {r.get('error')}.")
        md.append("")

    # N-player.
    md.append("## N-player equilibria (3-player 2×2×2 games)")
    md.append("")
    md.append("`unanimity3` (three pure equilibria) and `nau2004_irrational` (one equilibrium with "
              "irrational probabilities). Detente's `solveNPlayer` is timed without its pure "
              "enumeration (`includePureEquilibria: false`), like the peers' path-following "
              "methods; `enumpoly` enumerates all equilibria (a different job, shown for scale). "
              "Cell = best time (equilibria found).")
    md.append("")
    np_rows = []
    np_keys = [k for k in labels if k[0] == "nplayer"]
    np_keys = [k for k in np_keys if k[1].startswith("detente")] + [k for k in np_keys if not k[1].startswith("detente")]
    for key in np_keys:
        rec = solve if key[1].startswith("detente") else peers
        cells = []
        for g in grp["nplayer"]:
            rows = [r for r in rec if r.get("tool") == key[1] and r.get("size") == g]
            c = cell(rows, reference, "nplayer")
            ok = [r for r in rows if "best" in r]
            if ok:
                c += f" ({ok[0].get('equilibria')})"
            cells.append(c)
        label = f"**{labels[key]}**" if key[1].startswith("detente") else labels[key]
        np_rows.append([label] + cells)
    md.append(table("algorithm", list(grp["nplayer"]), np_rows))
    md.append("")

    # Policy models and Markov games (Detente only: no peer does these).
    md.append("## Policy models: payoffs at 1,000,000 parameter points (Detente only)")
    md.append("")
    md.append("`PayoffBatch(model:).evaluate(points:)` on a two-domain model (two 2×2 domains, 9 "
              "parameters, 16 payoff entries; `BenchSupport/PolicyModelWorkload.swift`), one OpenBLAS "
              "thread. *affine*: every payoff affine in the parameters, so all points are one "
              "`dgemm`; *non-affine*: most payoffs multiply parameters, evaluated by the block "
              "bytecode interpreter. Max discrepancy = largest |batched − scalar evaluator| over "
              "1,000 of the points.")
    md.append("")
    prow = []
    for r in detente:
        if r.get("method") == "policy-model":
            if "best" in r:
                prow.append([r["model"], f"{r['points']:,}", fmt_time(r["best"]), fmt_time(r.get("cpu_best")),
                             f"{r['points'] / r['best'] / 1e6:.1f} M", f"{r['max_discrepancy']:.1e}"])
            else:
                prow.append([r["model"], f"{r['points']:,}", r.get("error", "err"), "", "", ""])
    md.append(table("model", ["points", "wall (best)", "CPU", "points/s (wall)", "max discrepancy"], prow))
    md.append("")
    md.append("## Markov games: 10, 100, 1000 states (Detente only)")
    md.append("")
    md.append("Random games (`BenchSupport/MarkovWorkload.swift`: 2×2 stage games, each transition "
              "row on 1–3 random states, δ = 0.95) under a fixed mixed stationary profile; the MPE "
              "search also on a 'ladder' game of integration levels. *automatic* = the solver "
              "`MarkovGame.evaluate` picks (dense LU, or Gauss–Seidel on large sparse chains); "
              "*dense LU* = LAPACK forced. Best of 5 (the search: see the notes column).")
    md.append("")
    mk = [r for r in detente if r.get("method") == "markov" and "case" in r]
    cases = list(OrderedDict((r["case"], None) for r in mk))
    sizes = sorted({r["states"] for r in mk})
    mrows = []
    for c in cases:
        row = [c]
        for n in sizes:
            rr = [r for r in mk if r["case"] == c and r["states"] == n]
            if not rr:
                row.append("")
                continue
            r = rr[0]
            text = fmt_time(r.get("best")) if "best" in r else ("err" if r.get("error") else "")
            if r.get("solver"):
                text += f" ({r['solver']})"
            if "equilibria" in r:
                text += f" ({r['equilibria']} eq, {'complete' if r.get('complete') else 'node limit'})"
            row.append(text)
        mrows.append(row)
    md.append(table("case", [f"{n} states" for n in sizes], mrows))
    md.append("")

    # Readers.
    reads = [r for r in detente if r.get("method") == "read"]
    md.append("## Reading game files (Detente, parse of bytes in memory)")
    md.append("")
    rrows = []
    for r in reads:
        rrows.append([os.path.basename(r["file"]), f"{r['bytes']:,}", fmt_time(r.get("best")) or r.get("error", "")])
    md.append(table("file", ["bytes", "best"], rrows))
    md.append("")

    # Linear algebra.
    lin = [r for r in detente if r.get("method") == "linalg"]
    md.append("## Linear algebra (Detente `LinearAlgebra`, per call)")
    md.append("")
    md.append("`multiply` = the library's product (Swift loop over the raw buffers up to "
              "`smallProductThreshold` = 27 multiply-adds, i.e. 3×3, then `cblas_dgemm`); `loop` = a plain Swift triple loop; "
              "`cblas` = `cblas_dgemm` directly; `dgesv` = `solve` (LAPACK LU); `solveSmall` = "
              "the Swift Gaussian elimination. 1 and 2 = OpenBLAS threads.")
    md.append("")
    lrows = []
    by = {(r["n"], r["blas_threads"]): r for r in lin}
    for n in sorted({r["n"] for r in lin}):
        one, two = by.get((n, 1), {}), by.get((n, 2), {})
        lrows.append([f"{n}×{n}", fmt_time(one.get("multiply")), fmt_time(one.get("swift_loop")),
                      fmt_time(one.get("cblas_dgemm")), fmt_time(two.get("cblas_dgemm")),
                      fmt_time(one.get("lapack_solve")), fmt_time(two.get("lapack_solve")),
                      fmt_time(one.get("solve_small"))])
    md.append(table("n", ["multiply (1)", "loop", "cblas (1)", "cblas (2)", "dgesv (1)",
                          "dgesv (2)", "solveSmall"], lrows))
    md.append("")
    md.append(METHOD)
    md.append("<!-- analysis -->")
    md.append("")

    md.append("## Versions and machine")
    md.append("")
    md.append(f"- Machine: {detente_info['machine']}; load average (1 min) {detente_info['load_start']:.1f} "
              f"at the start of the run, {detente_info['load_end']:.1f} at the end"
              + (" (of the Detente part; the peers' times were reused)." if reused else "."))
    md.append(f"- Detente: {detente_info['swift']}; release build; OpenBLAS threads 1 in the "
              "solver rows.")
    if versions:
        v = dict(versions)
        md.append("- Peers: " + ", ".join(f"{k} {v[k]}" for k in
                                           ["python", "pygambit", "nashpy", "quantecon", "numba", "numpy", "scipy"]
                                           if v.get(k)) + f"; {v.get('lrsnash') or 'lrsnash'}.")
        md.append("- Peers' BLAS (threadpoolctl): " + ("; ".join(v.get("blas") or []) or "not reported") + ".")
        md.append("- Peers' environment: " + ", ".join(f"{k}={val}" for k, val in sorted(v["env"].items())) + ".")
    md.append("")
    return "\n".join(md) + "\n"


def machine_info():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
    return {"machine": f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}",
            "swift": swift[0] if swift else "swift"}


def main():
    ap = argparse.ArgumentParser(description="Time Detente and its peers on the same games; write docs/PERFORMANCE.md.")
    ap.add_argument("--quick", action="store_true", help="4x4 and 6x6 random games and the 50x50 LH games only")
    ap.add_argument("--skip-peers", action="store_true", help="time Detente only (peers' rows left out)")
    ap.add_argument("--reuse-peers", action="store_true", help="reuse results/peers.jsonl instead of timing the peers")
    ap.add_argument("--detente", default=os.path.join(BENCH, ".build", "release", "detente-timing"))
    ap.add_argument("--out", default=None,
                    help="default docs/PERFORMANCE.md; with --quick results/PERFORMANCE-quick.md, "
                         "so a quick run never overwrites the full table")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per case after the warm-up (default 5)")
    ap.add_argument("--single", type=float, default=1.0,
                    help="a case whose warm-up takes this many seconds is timed once (default 1)")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per case (default 30)")
    ap.add_argument("--python", default=os.path.join(os.environ.get("PEERS_VENV",
                    os.path.expanduser("~/.cache/peers-venv")), "bin", "python"))
    args = ap.parse_args()
    grp = groups(args.quick)
    suffix = "-quick" if args.quick else ""
    if args.out is None:
        args.out = (os.path.join(RESULTS, "PERFORMANCE-quick.md") if args.quick
                    else os.path.join(ROOT, "docs", "PERFORMANCE.md"))
    load_start = os.getloadavg()[0]
    os.makedirs(RESULTS, exist_ok=True)
    if not os.path.exists(args.detente):
        raise SystemExit(f"compare.py: {args.detente} not found; build it with "
                         "`swift build -c release --product detente-timing --package-path Benchmarks`")
    detente = time_detente(args.detente, grp, args.repeat, args.single, args.timeout)
    peers_path = os.path.join(RESULTS, f"peers{suffix}.jsonl")
    peers, versions = [], None
    if args.reuse_peers:
        with open(peers_path) as f:
            peers = [json.loads(l) for l in f if l.strip()]
    elif not args.skip_peers:
        if not os.path.exists(args.python):
            raise SystemExit(f"compare.py: no peers venv at {args.python}; run Benchmarks/peers/setup.sh "
                             "or pass --skip-peers")
        peers = time_peers(grp, args.repeat, args.single, args.timeout, args.python)
        with open(peers_path, "w") as f:
            f.writelines(json.dumps(r, sort_keys=True) + "\n" for r in peers)
    for r in peers:
        if "versions" in r:
            versions = r["versions"]
    peers = [r for r in peers if "tool" in r]
    with open(os.path.join(RESULTS, f"detente{suffix}.jsonl"), "w") as f:
        f.writelines(json.dumps(r, sort_keys=True) + "\n" for r in detente)
    info = machine_info()
    info.update(load_start=load_start, load_end=os.getloadavg()[0])
    md = build_markdown(detente, peers, versions, args.quick, info, args.single, args.reuse_peers)
    # Keep a hand-written section (from "<!-- analysis -->" to "## Versions") across re-runs.
    if os.path.exists(args.out):
        old = open(args.out).read()
        if "<!-- analysis -->" in old and "## Versions and machine" in old:
            kept = old.split("<!-- analysis -->", 1)[1].split("## Versions and machine", 1)[0]
            md = md.replace("<!-- analysis -->\n\n", "<!-- analysis -->" + kept, 1)
    with open(args.out, "w") as f:
        f.write(md)
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
