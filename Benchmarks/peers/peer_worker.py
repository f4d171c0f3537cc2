#!/usr/bin/env python3
"""Times the peer equilibrium solvers on Detente's benchmark games; one JSON line per case.

Run by compare.py with the peers' venv Python, in an environment without OPENBLAS_CORETYPE
and OPENBLAS_L2_SIZE (they slow a current numpy; see docs/PERFORMANCE.md). Not meant to be
run by hand, but it can be:

    python peer_worker.py --games-dir ../Games --cases cases.json

cases.json: {"tools": [KEY...], "groups": {"all": {"4x4": [game...], ...}, "one": {...}},
             "repeat": 5, "single": 1.0, "timeout": 30}

Timing: each case runs in a forked child (killed at the timeout); the game object is built
before the clock starts; one warm-up call, then `repeat` timed calls; the best is reported.
A case whose warm-up took `single` seconds or more is timed once (the warm-up). numba JIT
compilation happens in the parent on a 2x2 game before any fork. lrsnash is timed as a
whole process (exec, read, solve, print), as a user meets it.

Sizes are run in increasing order. An all-equilibria tool skips a size when its time at the
previous size, multiplied by the growth seen between the two sizes before (x10 when unknown),
exceeds the timeout; after a timeout any tool skips the rest of that size and all larger ones.
"""
from __future__ import annotations

import argparse
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np


def load_bimatrix(games_dir, name):
    with open(os.path.join(games_dir, name + ".json")) as f:
        spec = json.load(f)
    return np.array(spec["payoffs"][0], dtype=float), np.array(spec["payoffs"][1], dtype=float)


def float_regret(A, B, x, y):
    """Largest gain from a unilateral deviation at (x, y) in the bimatrix game (A, B)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    Ay, xB = A @ y, x @ B
    return float(max(Ay.max() - x @ Ay, xB.max() - xB @ y))


# ---- the tools: prepare (untimed) -> call (timed) -> points/regrets (untimed) -------------

def qe_game(games_dir, name):
    import quantecon.game_theory as gt
    A, B = load_bimatrix(games_dir, name)
    return gt.NormalFormGame((gt.Player(A), gt.Player(B.T.copy())))


def nashpy_game(games_dir, name):
    import nashpy
    A, B = load_bimatrix(games_dir, name)
    return nashpy.Game(A, B)


def gambit_game(games_dir, name):
    import pygambit
    return pygambit.read_nfg(os.path.join(games_dir, name + ".nfg"))


def lrs_file(games_dir, name):
    A, B = load_bimatrix(games_dir, name)
    fd, path = tempfile.mkstemp(suffix=".lrs")
    with os.fdopen(fd, "w") as f:
        f.write(f"{A.shape[0]} {A.shape[1]}\n\n")
        f.write("\n".join(" ".join(str(int(v)) for v in row) for row in A) + "\n\n")
        f.write("\n".join(" ".join(str(int(v)) for v in row) for row in B) + "\n")
    return path


def count_lrsnash(text):
    """Extreme equilibria in lrsnash output: per blank-line group, (#'1' lines) x (#'2' lines)."""
    total, ones, twos = 0, 0, 0
    for line in text.splitlines() + [""]:
        s = line.strip()
        if not s:
            total += ones * twos
            ones = twos = 0
        elif s.startswith("1 "):
            ones += 1
        elif s.startswith("2 "):
            twos += 1
    return total


def pairs_summary(A, B, pairs):
    regrets = [float_regret(A, B, x, y) for x, y in pairs]
    return {"equilibria": len(pairs), "max_regret": max(regrets) if regrets else 0.0}


def gambit_summary(result):
    regrets = [float(eq.max_regret()) for eq in result.equilibria]
    return {"equilibria": len(regrets), "max_regret": max(regrets) if regrets else 0.0}


def nashpy_lh(g):
    # nashpy's integer pivoting never divides by the previous pivot, so entries overflow on
    # larger games and it then loops on NaN: turn the overflow warning into an error.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.filterwarnings("error", message="overflow encountered", category=RuntimeWarning)
        return g.lemke_howson(initial_dropped_label=0)


def gambit_call(method, **kw):
    def call(g):
        import pygambit
        return getattr(pygambit.nash, method)(g, **kw)
    return call


def qe_call(fn, **kw):
    def call(g):
        import quantecon.game_theory as gt
        return getattr(gt, fn)(g, **kw)
    return call


def qe_lh_summary(A, B, out):
    (x, y), res = out
    s = pairs_summary(A, B, [(x, y)])
    s["converged"] = bool(res.converged)
    return s


def load_repeated_case(games_dir, name):
    """(A, B, delta, u_init or None, reference vertices) of a case in Games/repeated/cases.json."""
    from fractions import Fraction
    with open(os.path.join(games_dir, "repeated", "cases.json")) as f:
        case = json.load(f)[name]
    with open(os.path.join(games_dir, "repeated", case["game"] + ".json")) as f:
        spec = json.load(f)
    A, B = (np.array([[float(Fraction(str(v))) for v in row] for row in spec["payoffs"][p]]) for p in (0, 1))
    return A, B, float(Fraction(case["delta"])), case.get("u_init"), case["reference_vertices"]


def qe_repeated(games_dir, name):
    import quantecon.game_theory as gt
    A, B, delta, u_init, _ = load_repeated_case(games_dir, name)
    rpg = gt.RepeatedGame(gt.NormalFormGame((gt.Player(A), gt.Player(B.T.copy()))), delta)
    opts = {} if u_init is None else {"u_init": np.array(u_init, dtype=float)}
    return rpg, opts


def hausdorff(P, Q):
    """Hausdorff distance between two finite point sets (the vertex lists)."""
    P, Q = np.asarray(P, dtype=float), np.asarray(Q, dtype=float)
    d = np.sqrt(((P[:, None, :] - Q[None, :, :]) ** 2).sum(axis=2))
    return float(max(d.min(axis=1).max(), d.min(axis=0).max()))


def qe_repeated_summary(games_dir, name, hull):
    reference = load_repeated_case(games_dir, name)[4]
    vertices = hull.points[hull.vertices]
    return {"vertices": vertices.tolist(), "n_vertices": int(len(vertices)),
            "distance_to_reference": hausdorff(vertices, reference)}


def gambit_nplayer_summary(result):
    regrets = [float(eq.max_regret()) for eq in result.equilibria]
    return {"equilibria": len(regrets), "max_regret": max(regrets) if regrets else 0.0}


def gambit_simpdiv(g):
    import pygambit
    return pygambit.nash.simpdiv_solve(g.mixed_strategy_profile(rational=True))


TOOLS = {
    # key: (label, kind, prepare, call, summarise(A, B, output)); for the kinds "repeated" and
    # "nplayer" summarise(games_dir, name, output) instead (no bimatrix).
    "gambit_enummixed_rational": ("pygambit enummixed_solve(rational=True)", "all", gambit_game,
                                  gambit_call("enummixed_solve", rational=True),
                                  lambda A, B, r: gambit_summary(r)),
    "gambit_enummixed_float": ("pygambit enummixed_solve(rational=False)", "all", gambit_game,
                               gambit_call("enummixed_solve", rational=False),
                               lambda A, B, r: gambit_summary(r)),
    "gambit_lcp_all_float": ("pygambit lcp_solve(rational=False), all reachable", "all", gambit_game,
                             gambit_call("lcp_solve", rational=False),
                             lambda A, B, r: gambit_summary(r)),
    "lrsnash": ("lrsnash (whole process)", "all", lrs_file,
                lambda path: subprocess.run(["lrsnash", path], capture_output=True, text=True,
                                            check=True).stdout,
                lambda A, B, out: {"equilibria": count_lrsnash(out)}),
    "qe_support_enumeration": ("quantecon support_enumeration", "all", qe_game,
                               qe_call("support_enumeration"),
                               lambda A, B, r: pairs_summary(A, B, r)),
    "qe_vertex_enumeration": ("quantecon vertex_enumeration", "all", qe_game,
                              qe_call("vertex_enumeration"),
                              lambda A, B, r: pairs_summary(A, B, r)),
    "nashpy_support_enumeration": ("nashpy support_enumeration(non_degenerate=True)", "all",
                                   nashpy_game,
                                   lambda g: list(g.support_enumeration(non_degenerate=True)),
                                   lambda A, B, r: pairs_summary(A, B, r)),
    "nashpy_vertex_enumeration": ("nashpy vertex_enumeration", "all", nashpy_game,
                                  lambda g: list(g.vertex_enumeration()),
                                  lambda A, B, r: pairs_summary(A, B, r)),
    "qe_lemke_howson": ("quantecon lemke_howson(init_pivot=0)", "one", qe_game,
                        qe_call("lemke_howson", init_pivot=0, full_output=True), qe_lh_summary),
    "gambit_lcp_one_rational": ("pygambit lcp_solve(stop_after=1, rational=True)", "one", gambit_game,
                                gambit_call("lcp_solve", rational=True, stop_after=1),
                                lambda A, B, r: gambit_summary(r)),
    "gambit_lcp_one_float": ("pygambit lcp_solve(stop_after=1, rational=False)", "one", gambit_game,
                             gambit_call("lcp_solve", rational=False, stop_after=1),
                             lambda A, B, r: gambit_summary(r)),
    "nashpy_lemke_howson": ("nashpy lemke_howson(initial_dropped_label=0)", "one", nashpy_game,
                            nashpy_lh, lambda A, B, r: pairs_summary(A, B, [r])),
    "qe_repeated_as": ("quantecon RepeatedGame.equilibrium_payoffs(method='AS')", "repeated", qe_repeated,
                       lambda ro: ro[0].equilibrium_payoffs(method="AS", options=ro[1]),
                       qe_repeated_summary),
    "gambit_logit": ("pygambit logit_solve", "nplayer", gambit_game,
                     gambit_call("logit_solve"), lambda d, n, r: gambit_nplayer_summary(r)),
    "gambit_gnm": ("pygambit gnm_solve", "nplayer", gambit_game,
                   gambit_call("gnm_solve"), lambda d, n, r: gambit_nplayer_summary(r)),
    "gambit_simpdiv": ("pygambit simpdiv_solve (centroid start, rational)", "nplayer", gambit_game,
                       gambit_simpdiv, lambda d, n, r: gambit_nplayer_summary(r)),
    "gambit_enumpoly": ("pygambit enumpoly_solve(use_strategic=True)", "nplayer", gambit_game,
                        gambit_call("enumpoly_solve", use_strategic=True),
                        lambda d, n, r: gambit_nplayer_summary(r)),
}


def measure(games_dir, key, name, repeat, single):
    label, kind, prepare, call, summarise = TOOLS[key]
    obj = prepare(games_dir, name)
    try:
        t0 = time.perf_counter()
        out = call(obj)
        warm = time.perf_counter() - t0
        times = [warm]
        if warm < single:
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                out = call(obj)
                times.append(time.perf_counter() - t0)
    finally:
        if key == "lrsnash":
            os.unlink(obj)
    result = {"times": times, "best": min(times), "warmup": warm}
    if kind in ("repeated", "nplayer"):
        result.update(summarise(games_dir, name, out))
    else:
        A, B = load_bimatrix(games_dir, name)
        result.update(summarise(A, B, out))
    return result


def run_forked(games_dir, key, name, repeat, single, timeout):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            out = measure(games_dir, key, name, repeat, single)
        except BaseException as e:  # report every failure, including numpy's overflow
            out = {"error": f"{type(e).__name__}: {e}"[:300]}
        data = json.dumps(out).encode()
        view = memoryview(data)
        while view:
            view = view[os.write(w, view):]
        os._exit(0)
    os.close(w)
    chunks, deadline = [], time.monotonic() + timeout
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([r], [], [], left)
        if ready:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    os.close(r)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    if timed_out:
        return {"error": f"timeout after {timeout:g} s", "timeout": True}
    try:
        return json.loads(b"".join(chunks))
    except json.JSONDecodeError:
        return {"error": "child exited without a result"}


def warm_up_jit():
    """Compile quantecon's numba kernels once in the parent so forked children inherit them."""
    import quantecon.game_theory as gt
    A = np.array([[3.0, 0.0], [5.0, 1.0]])
    g = gt.NormalFormGame((gt.Player(A), gt.Player(A.copy())))
    gt.support_enumeration(g)
    gt.vertex_enumeration(g)
    gt.lemke_howson(g, init_pivot=0, full_output=True)
    gt.RepeatedGame(g, 0.9).equilibrium_payoffs(method="AS", options={"u_init": np.array([1.0, 1.0])})
    import nashpy  # noqa: F401  (imported once, before forking)
    import pygambit  # noqa: F401


def versions():
    import importlib.metadata as md
    v = {"python": sys.version.split()[0]}
    for pkg in ["pygambit", "nashpy", "quantecon", "numba", "numpy", "scipy"]:
        try:
            v[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            v[pkg] = None
    try:
        from threadpoolctl import threadpool_info
        v["blas"] = [f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')}, "
                     f"{i.get('num_threads')} threads)" for i in threadpool_info()]
    except Exception:  # threadpoolctl is optional
        v["blas"] = []
    try:  # lrsnash prints its banner when it solves something: a 1x1 game
        fd, path = tempfile.mkstemp(suffix=".lrs")
        with os.fdopen(fd, "w") as f:
            f.write("1 1\n\n0\n\n0\n")
        banner = subprocess.run(["lrsnash", path], capture_output=True, text=True, timeout=10)
        os.unlink(path)
        text = (banner.stdout + banner.stderr).splitlines()
        v["lrsnash"] = next((l.strip(" *") for l in text if "lrslib" in l), None)
    except (OSError, subprocess.TimeoutExpired):
        v["lrsnash"] = None
    v["env"] = {k: os.environ.get(k) for k in
                ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS"]}
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games-dir", required=True)
    ap.add_argument("--cases", required=True, help="JSON file describing tools and game groups")
    args = ap.parse_args()
    with open(args.cases) as f:
        spec = json.load(f)
    warnings.simplefilter("ignore")  # nashpy warns on every degenerate-looking result
    warm_up_jit()
    print(json.dumps({"versions": versions()}, sort_keys=True), flush=True)
    repeat, single, timeout = spec["repeat"], spec["single"], spec["timeout"]
    for key in spec["tools"]:
        label, kind = TOOLS[key][0], TOOLS[key][1]
        # Increasing size, whatever order the JSON object came in ("4x4" < "10x10").
        if kind in ("all", "one"):
            sizes = dict(sorted(spec["groups"][kind].items(), key=lambda kv: int(kv[0].split("x")[0])))
        else:  # cases in the order given
            sizes = dict(spec["groups"][kind])
        history = []  # (size label, median best) of the sizes run so far
        stop_reason = None
        for size, games in sizes.items():
            if kind not in ("all", "one"):
                stop_reason = None  # separate cases, not a growing size: each gets its chance
            # Only for all-equilibria methods, whose time grows steadily with size; a
            # Lemke-Howson path's length varies from game to game, so there only a timeout stops.
            if stop_reason is None and history and kind == "all":
                last = history[-1][1]
                growth = last / history[-2][1] if len(history) > 1 and history[-2][1] > 0 else 10.0
                if last * max(growth, 1.0) > timeout:
                    stop_reason = (f"predicted {last * growth:.0f} s per game from "
                                   f"{history[-1][0]} ({last:.3g} s), over the {timeout:g} s limit")
            bests = []
            for name in games:
                if stop_reason is not None:
                    res = {"skipped": stop_reason}
                else:
                    res = run_forked(args.games_dir, key, name, repeat, single, timeout)
                    if res.get("timeout"):
                        stop_reason = f"{name} timed out at {timeout:g} s"
                    elif "best" in res:
                        bests.append(res["best"])
                res.update({"tool": key, "label": label, "kind": kind, "size": size, "game": name})
                print(json.dumps(res, sort_keys=True), flush=True)
            if bests:
                history.append((size, float(np.median(bests))))
            elif stop_reason is None:
                stop_reason = f"no game of size {size} succeeded"


if __name__ == "__main__":
    main()
