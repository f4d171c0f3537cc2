// Timing of Markov-game policy evaluation and equilibrium search on 10, 100 and 1000 states.
// Not part of the library API. Run in a release build:
//   swift run -c release markov-benchmark
// Games: (a) random — 2×2 stage games with integer payoffs 0…9 and transition rows on at most
// 3 random states; (b) a "ladder" of integration levels 0…S−1 where (C,C) moves up a level with
// probability 0.3, any defection moves down with probability 0.2·(number of defectors), and the
// stage game is a prisoner's dilemma whose stakes grow with the level.
import Foundation
import GameTheory
import LinearAlgebra
import MarkovGames

struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomGame(_ n: Int, seed: UInt64) throws -> MarkovGame {
    var rng = Rng(state: seed)
    var games = [NormalFormGame?](), trans = [[[Double]]]()
    for _ in 0..<n {
        let t = (0..<2).map { _ in (0..<4).map { _ in Double(rng.next() % 10) } }
        games.append(try NormalFormGame(players: ["A", "B"], actions: [["C", "D"], ["C", "D"]], payoffs: t))
        trans.append((0..<4).map { _ in
            var row = [Double](repeating: 0, count: n)
            let k = 1 + Int(rng.next() % 3)
            for _ in 0..<k { row[Int(rng.next() % UInt64(n))] += 1.0 / Double(k) }
            return row
        })
    }
    return try MarkovGame(states: (0..<n).map { "s\($0)" }, stageGames: games, transitions: trans, discountFactors: [0.95])
}

func ladderGame(_ n: Int) throws -> MarkovGame {
    var games = [NormalFormGame?](), trans = [[[Double]]]()
    for s in 0..<n {
        let x = 1 + Double(s) / Double(max(1, n - 1))
        games.append(try NormalFormGame.bimatrix([[3 * x, 0], [3 * x + 1, 1]], [[3 * x, 3 * x + 1], [0, 1]],
                                                 actions: [["C", "D"], ["C", "D"]]))
        trans.append((0..<4).map { k in
            var row = [Double](repeating: 0, count: n)
            let defectors = [0, 1, 1, 2][k]
            if defectors == 0 {
                row[min(n - 1, s + 1)] += 0.3; row[s] += 0.7
            } else {
                row[max(0, s - 1)] += 0.2 * Double(defectors); row[s] += 1 - 0.2 * Double(defectors)
            }
            return row
        })
    }
    return try MarkovGame(states: (0..<n).map { "level\($0)" }, stageGames: games, transitions: trans, discountFactors: [0.9])
}

func time<T>(_ label: String, repeats: Int = 5, _ body: () throws -> T) rethrows -> T {
    var best = Double.infinity
    var out: T? = nil
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        out = try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    print(String(format: "%-58@ %10.3f ms (best of %d)", label as NSString, best, repeats))
    fflush(nil)
    return out!
}

setBLASThreadCount(1)
for n in [10, 100, 1000] {
    let g = try randomGame(n, seed: UInt64(n))
    let mixed = StationaryProfile(Array(repeating: [[0.5, 0.5], [0.3, 0.7]], count: n))
    let ev = try time("policy evaluation, random, \(n) states") { try g.evaluate(mixed) }
    print("  method \(ev.method.rawValue), residual \(ev.residual), error bound \(ev.errorBound)")
    let lu = try time("policy evaluation (dense LU forced), random, \(n) states") { try g.evaluate(mixed, method: .denseLU) }
    print("  residual \(lu.residual), error bound \(lu.errorBound), rcond \(lu.reciprocalCondition ?? .nan)")
    _ = try time("state-chain analysis, random, \(n) states") { try StateChain(transition: ev.chain) }
    _ = try time("deviation gains, random, \(n) states") { try g.deviationGains(mixed, evaluation: ev) }
    if n <= 100 {
        let l = try ladderGame(n)
        let r = try time("pure MPE search, ladder, \(n) states", repeats: 1) { try PureMarkovPerfectEquilibria(maximumNodes: n <= 10 ? 20_000 : 1_000).solve(l) }
        print("  found \(r.equilibria.count), complete \(r.isComplete); \(r.notes.joined(separator: "; "))")
        let r2 = try time("pure MPE search, random, \(n) states", repeats: 1) { try PureMarkovPerfectEquilibria(maximumNodes: n <= 10 ? 20_000 : 1_000).solve(g) }
        print("  found \(r2.equilibria.count), complete \(r2.isComplete); \(r2.notes.joined(separator: "; "))")
        let v = try time("general-sum value iteration (4 starts, ≤ \(n <= 10 ? 2000 : 300) iterations), ladder, \(n) states", repeats: 1) { try MarkovValueIteration(maximumIterations: n <= 10 ? 2_000 : 300).solve(l) }
        print("  found \(v.equilibria.count), converged \(v.converged), iterations \(v.iterations)")
    }
}
