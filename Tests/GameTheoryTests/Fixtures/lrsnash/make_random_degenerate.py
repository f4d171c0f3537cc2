import json, sys
sys.path.insert(0, '/work/shared/peers')
from fractions import Fraction
import peerlib, pygambit as gbt

MASK = (1 << 64) - 1
class SplitMix64:
    def __init__(self, seed): self.s = seed & MASK
    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)
    def below(self, k): return self.next() % k

rng = SplitMix64(20261130)
games = []
disagree = 0
for t in range(60):
    m = 2 + rng.below(4); n = 2 + rng.below(4); vals = 2 + rng.below(3)
    A = [[rng.below(vals) for _ in range(n)] for _ in range(m)]
    B = [[rng.below(vals) for _ in range(n)] for _ in range(m)]
    eqs, declared, _ = peerlib.run_lrsnash(A, B)
    lrs = sorted({(tuple(str(v) for v in e["x"]), tuple(str(v) for v in e["y"])) for e in eqs})
    g = gbt.Game.from_arrays([[Fraction(v) for v in r] for r in A], [[Fraction(v) for v in r] for r in B])
    res = gbt.nash.enummixed_solve(g, rational=True)
    gb = set()
    for p in res.equilibria:
        x = tuple(str(Fraction(p[s])) for s in list(g.players)[0].strategies)
        y = tuple(str(Fraction(p[s])) for s in list(g.players)[1].strategies)
        gb.add((x, y))
    agree = set(lrs) == gb
    if not agree: disagree += 1; print("disagree", t, A, B, lrs, sorted(gb))
    games.append({"A": A, "B": B, "equilibria": [[list(x), list(y)] for x, y in lrs], "agree_with_pygambit": agree})
print("disagreements", disagree)
json.dump({"seed": 20261130, "generator": "SplitMix64; m=2+below(4), n=2+below(4), values below 2+below(3); A row by row, then B",
           "games": games}, open('/work/wt-solvers/Tests/GameTheoryTests/Fixtures/lrsnash/random_degenerate.json', 'w'), indent=0)
