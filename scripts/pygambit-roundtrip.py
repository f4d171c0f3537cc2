#!/usr/bin/env python3
"""Round trip of Detente's .nfg output through pygambit.

For every GAME.nfg written by Detente (`detente convert X GAME.nfg`) next to its JSON twin
GAME.json (`detente convert X GAME.json`), this script
  1. reads GAME.nfg with pygambit,
  2. checks that title, player names, strategy names and every payoff (as an exact fraction)
     equal those of GAME.json, read here independently of Detente's reader,
  3. writes pygambit's rewrite (`Game.to_nfg()`) to OUTDIR/GAME.nfg.
The Swift test `pygambitRewritesReadAsTheSameGame` then reads those rewrites with Detente's
reader and compares them with the original games, so CI checks the round trip without pygambit.

Usage: scripts/pygambit-roundtrip.py OUTDIR GAME.nfg...
Exit status 1 on any mismatch.
"""
import itertools
import json
import os
import sys
from fractions import Fraction

import pygambit as gbt


def exact(v):
    """A payoff from the JSON file: a number (read from its text) or a fraction string."""
    return Fraction(str(v)) if not isinstance(v, str) else Fraction(v)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        # parse_float=str keeps decimals exact (0.1 is 1/10, not the nearest double).
        return json.load(f, parse_float=str)


def compare(nfg_path, spec):
    game = gbt.read_nfg(nfg_path)
    problems = []
    if game.title != spec.get("title", ""):
        problems.append(f"title {game.title!r} != {spec.get('title')!r}")
    names = [p.label for p in game.players]
    if names != spec["players"]:
        problems.append(f"players {names} != {spec['players']}")
    actions = [[s.label for s in p.strategies] for p in game.players]
    if actions != spec["actions"]:
        problems.append(f"actions {actions} != {spec['actions']}")
    shape = [len(a) for a in spec["actions"]]
    for profile in itertools.product(*[range(n) for n in shape]):
        for p, player in enumerate(game.players):
            entry = spec["payoffs"][p]
            for a in profile:
                entry = entry[a]
            ours = exact(entry)
            theirs = Fraction(str(game[list(profile)][player]))
            if ours != theirs:
                problems.append(f"payoff of player {p + 1} at {list(profile)}: pygambit {theirs} != {ours}")
    return game, problems


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    failed = False
    for nfg in argv[2:]:
        twin = os.path.splitext(nfg)[0] + ".json"
        game, problems = compare(nfg, load_json(twin))
        for p in problems:
            print(f"{nfg}: {p}")
        failed = failed or bool(problems)
        out = os.path.join(outdir, os.path.basename(nfg))
        with open(out, "w", encoding="utf-8") as f:
            f.write(game.to_nfg())
        print(f"{nfg}: {'MISMATCH' if problems else 'same game'} (pygambit {gbt.__version__}); rewrite in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
