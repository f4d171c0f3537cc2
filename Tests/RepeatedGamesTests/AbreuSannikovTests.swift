import Foundation
import Testing
@testable import GameTheory
@testable import RepeatedGames

/// Loads the QuantEcon reference fixture (see Fixtures/SOURCE.md).
func quantEconReference() throws -> [String: Any] {
    let url = try #require(Bundle.module.url(forResource: "quantecon_reference", withExtension: "json", subdirectory: "Fixtures"))
    return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
}

func referenceGame(_ entry: [String: Any]) throws -> NormalFormGame {
    let a = try #require(entry["A"] as? [[Double]]), b = try #require(entry["B"] as? [[Double]])
    if a.allSatisfy({ $0.allSatisfy { $0 == $0.rounded() } }) && b.allSatisfy({ $0.allSatisfy { $0 == $0.rounded() } }) {
        return try NormalFormGame.bimatrix(a.map { $0.map { Int($0) } }, b.map { $0.map { Int($0) } })
    }
    return try NormalFormGame.bimatrix(a, b)
}

/// Whether two vertex lists describe the same polygon (as sets, within `tol`).
func sameVertices(_ a: [PayoffPoint<Double>], _ b: [[Double]], tol: Double) -> Bool {
    a.count == b.count && b.allSatisfy { v in a.contains { abs($0.x - v[0]) < tol && abs($0.y - v[1]) < tol } }
}

let prisonersDilemma = try! NormalFormGame.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]])

@Suite struct AbreuSannikovTests {
    /// QuantEcon's test values (from Abreu–Sannikov's algorithm): (3,3), (9.75,3), (9,9),
    /// (3,9.75) at δ = 0.9 and δ = 0.75, here as exact fractions.
    @Test(arguments: [Rational(9, 10), Rational(3, 4)])
    func prisonersDilemmaExactVertices(delta: Rational) throws {
        let set = try AbreuSannikov().solve(prisonersDilemma, delta: delta)
        #expect(set.converged)
        let exact = try #require(set.exactVertices, "notes: \(set.notes)")
        #expect(exact == [PayoffPoint(3, 3), PayoffPoint(Rational(39, 4), 3), PayoffPoint(9, 9), PayoffPoint(3, Rational(39, 4))])
        #expect(set.exactWorstPayoffs == [3, 3])
        // Not the feasible hull (the QuantEcon trap): (10, 1) and (1, 10) are not SPE payoffs.
        #expect(try prisonersDilemma.feasiblePayoffSet(Double.self).count == 4)
        #expect(!set.vertices.contains { $0.x == 10 || $0.y == 10 })
    }

    /// At small δ the only SPE of the prisoner's dilemma is stage defection forever: the set is
    /// the point (3, 3) (grim trigger needs δ ≥ 1/7 by (T−R)/(T−P), and the worst punishment
    /// is already (3, 3)).
    @Test func prisonersDilemmaSmallDeltaIsAPoint() throws {
        let set = try AbreuSannikov().solve(prisonersDilemma, delta: Rational(1, 10))
        #expect(set.exactVertices == [PayoffPoint(3, 3)])
    }

    @Test func abreuSannikovExampleMatchesQuantEcon() throws {
        let ref = try #require(try quantEconReference()["as2014_delta0.3"] as? [String: Any])
        let game = try referenceGame(ref)
        let set = try AbreuSannikov().solve(game, delta: 0.3)
        let expected = try #require(ref["expected_vertices (quantecon tests)"] as? [[Double]])
        #expect(set.converged)
        #expect(sameVertices(set.vertices, expected, tol: 1e-6), "got \(set.vertices)")
    }

    @Test func cournotMatchesQuantEcon() throws {
        let ref = try #require(try quantEconReference()["cournot15_delta0.8"] as? [String: Any])
        let game = try referenceGame(ref)
        let set = try AbreuSannikov(tolerance: 1e-10).solve(game, delta: 0.8)
        let expected = try #require(ref["vertices"] as? [[Double]])
        #expect(set.converged)
        #expect(hausdorffDistance(set.vertices, expected.map { PayoffPoint($0[0], $0[1]) }) < 1e-6, "got \(set.vertices)")
    }

    /// Matching pennies has no pure stage equilibrium and pure minmax 1 for both players while
    /// u₁ + u₂ = 0: no pure-strategy SPE at any δ. The answer is "empty", not a crash.
    @Test func noPureSPEIsEmpty() throws {
        let mp = try NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        for delta in [0.1, 0.5, 0.95] {
            let set = try AbreuSannikov().solve(mp, delta: delta)
            #expect(set.isEmpty && set.converged && set.worstPayoffs == nil)
            #expect(set.notes.contains { $0.contains("no pure-strategy subgame-perfect equilibrium") })
        }
    }

    @Test func invalidDeltaNamesTheValue() {
        for bad in [0.0, 1.0, -0.2, 1.5, .nan] {
            #expect(throws: RepeatedGameError.discountFactorOutOfRange("\(bad)")) {
                try AbreuSannikov().solve(prisonersDilemma, delta: bad)
            }
        }
    }
}

@Suite struct AbreuSannikovFloatingPointTests {
    /// Without the exact check, the floating-point vertices are QuantEcon's four, with no
    /// leftover near-duplicate vertices.
    @Test func prisonersDilemmaFloatingVertices() throws {
        let set = try AbreuSannikov(exactCheck: false).solve(prisonersDilemma, delta: 0.9)
        #expect(set.exactVertices == nil)
        #expect(sameVertices(set.vertices, [[3, 3], [9.75, 3], [9, 9], [3, 9.75]], tol: 1e-9), "got \(set.vertices)")
        let fp = try AbreuSannikov().solve(prisonersDilemma.floatingPoint, delta: 0.9)
        #expect(fp.exactVertices == nil && fp.vertices.count == 4)
    }
}
