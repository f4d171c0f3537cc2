import Foundation
import Testing
@testable import GameTheory

@Suite struct LogitQRETests {
    @Test func mckelveyMcLennanListIsExactlyNineEquilibria() throws {
        let g = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        for e in NPlayerFixtures.mckelveyMcLennanEquilibria { #expect(g.regret(e) == 0) }
        #expect(Set(NPlayerFixtures.mckelveyMcLennanEquilibria.map { "\($0)" }).count == 9)
    }

    @Test func logitLimitOnMcKelveyMcLennanIsOneOfTheNine() throws {
        let g = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        let r = try LogitQRE().solve(g)
        print("mckelvey-mclennan logit:", r.report.equilibria.map(\.strategies), "lambda", r.finalLambda, "steps", r.steps)
        #expect(r.report.equilibria.count == 1)
        for e in r.report.equilibria {
            #expect(e.regret <= 1e-9)
            #expect(NPlayerFixtures.isAmong(e.strategies, NPlayerFixtures.mckelveyMcLennanEquilibria))
        }
    }

    @Test func nauIrrationalEquilibrium() throws {
        // Nau, Gomez Canovas & Hansen (2004): r = P3(1) = (√601 − 23)/4,
        // p = P1(Top) = (3 − 2r)/(4 − r), q = P2(Left) = (2 − r)/(3 + r).
        let g = try NPlayerFixtures.load("nau2004_irrational")
        let r3 = (601.0.squareRoot() - 23) / 4
        let p = (3 - 2 * r3) / (4 - r3), q = (2 - r3) / (3 + r3)
        #expect(abs(p - 0.619233) < 5e-7 && abs(q - 0.479804) < 5e-7 && abs(r3 - 0.378825) < 5e-7)
        let result = try LogitQRE().solve(g)
        let e = try #require(result.report.equilibria.first)
        #expect(e.regret <= 1e-9)
        #expect(abs(e.strategies[0][0] - p) < 1e-9)
        #expect(abs(e.strategies[1][0] - q) < 1e-9)
        #expect(abs(e.strategies[2][0] - r3) < 1e-9)
    }

    /// Construction (ours, in the spirit of McLennan & Tourky 2010's imitation games, Games
    /// Econ. Behav. 68:683–688, doi:10.1016/j.geb.2009.10.004): N players choose In or Out;
    /// Out pays 1; In pays v > 1 if every other player is Out, else 0. In a symmetric mixed
    /// equilibrium where each plays Out with probability x, In pays v·x^(N−1), so
    /// indifference gives v·x^(N−1) = 1, i.e. x = v^(−1/(N−1)).
    @Test(arguments: [2, 3, 4])
    func antiCoordinationClosedForm(players n: Int) throws {
        let v = 3
        let g = try NPlayerFixtures.antiCoordination(players: n, v: v)
        let x = pow(Double(v), -1 / Double(n - 1))
        let result = try LogitQRE().solve(g)
        let e = try #require(result.report.equilibria.first)
        print("anti-coordination N=\(n):", e.strategies, "expected Out =", x)
        #expect(e.regret <= 1e-9)
        for p in 0..<n { #expect(abs(e.strategies[p][1] - x) < 1e-9) }
    }

    /// The game behind the "anti-coordination game of McLennan–Tourky" is QuantEcon.py's
    /// example for its implementation of the McLennan–Tourky algorithm (docstring of
    /// `quantecon.game_theory.mclennan_tourky`; `tests/test_mclennan_tourky.py` checks
    /// N = 2, 3, 4 with v = 2), not a game printed in McLennan & Tourky's papers (the algorithm:
    /// "From Imitation Games to Kakutani", working paper, 2005/2006, no DOI; see also
    /// "Imitation games and computation", Games Econ. Behav. 70(1):4–11, 2010; its DOI could not
    /// be confirmed from the sources at hand). As published in QuantEcon.py 0.11.4: action 0
    /// safe (payoff 1), action 1 pays v = 2 if no other player plays 1, else 0; unique
    /// symmetric equilibrium (p*, 1 − p*) with p* = 1/v^(1/(N−1)) (QuantEcon's docstring:
    /// 0.7071067811865475 for N = 3). It is our construction above with the actions swapped
    /// and v = 2 instead of 3.
    @Test(arguments: [2, 3, 4])
    func quantEconAntiCoordinationAsPublished(players n: Int) throws {
        let g = try NPlayerFixtures.quantEconAntiCoordination(players: n, v: 2)
        let pStar = 1 / pow(2.0, 1 / Double(n - 1))
        if n == 3 { #expect(abs(pStar - 0.7071067811865475) < 1e-15) }
        if n == 2 {
            // p* = 1/2 exactly: verified with exact regret
            let half = Rational(1, 2)
            #expect(g.regret([[half, half], [half, half]]) == 0)
        }
        let e = try #require(try LogitQRE().solve(g).report.equilibria.first)
        print("QuantEcon anti-coordination N=\(n):", e.strategies, "expected safe =", pStar)
        #expect(e.regret <= 1e-9)
        for p in 0..<n { #expect(abs(e.strategies[p][0] - pStar) < 1e-9) }
        // simplicial subdivision from the centroid reaches some equilibrium (the game also has
        // pure ones, one player taking the risk), verified by its regret
        let s = try SimplicialSubdivision(start: g.shape.map { _ in [Rational(1, 2), Rational(1, 2)] }).solve(g)
        print("QuantEcon anti-coordination N=\(n), simpdiv:", s.point, "regret", s.regret)
        #expect(s.report.equilibria.count == 1 && s.regret <= 1e-9)
    }

    @Test func unanimityAllMixHalf() throws {
        // Unanimity among three players: everyone gets 1 if all choose the same action, else 0.
        var flat = [[Int]]()
        for k in 0..<8 { let same = k == 0 || k == 7; flat.append([Int](repeating: same ? 1 : 0, count: 3)) }
        let g = try NPlayerFixtures.game(shape: [2, 2, 2], flat: flat)
        let half = Rational(1, 2)
        #expect(g.regret([[half, half], [half, half], [half, half]]) == 0)
        let result = try LogitQRE().solve(g)
        let e = try #require(result.report.equilibria.first)
        #expect(e.regret <= 1e-9)
        for p in 0..<3 { #expect(abs(e.strategies[p][0] - 0.5) < 1e-9) }
    }

    @Test func qreAtZeroIsUniformAndAtLambdaSatisfiesLogitEquations() throws {
        let g = try NPlayerFixtures.load("nau2004_irrational")
        let solver = LogitQRE()
        let zero = try solver.response(of: g, at: 0)
        #expect(zero.strategies == [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]])
        let g3 = try NPlayerFixtures.load("mckelvey_mclennan_2x2x2")
        for lambda in [0.3, 2.0, 10.0] {
            let pt = try solver.response(of: g3, at: lambda)
            #expect(pt.lambda == lambda)
            // fixed point of the logit response, checked from the game's own action payoffs
            for p in 0..<3 {
                let u = g3.actionPayoffs(of: p, against: pt.strategies)
                let w = u.map { exp(lambda * ($0 - u.max()!)) }
                let total = w.reduce(0, +)
                for a in 0..<2 { #expect(abs(pt.strategies[p][a] - w[a] / total) < 1e-9) }
            }
        }
    }

    @Test func invalidLambdaThrows() throws {
        let g = try NPlayerFixtures.load("nau2004_irrational")
        #expect(throws: NPlayerSolverError.self) { try LogitQRE().response(of: g, at: -1) }
    }
}
