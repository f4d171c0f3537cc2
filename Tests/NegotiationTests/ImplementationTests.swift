import Testing
import GameTheory
@testable import Negotiation

@Suite struct ImplementationTests {
    /// Battle of the sexes: (2,1) at (1,1), (1,2) at (2,2), (0,0) otherwise.
    let bos = try! NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                           actions: [["Opera", "Football"], ["Opera", "Football"]])

    /// With d = 0 the frontier is u1 + u2 = 3 between (1,2) and (2,1); Nash with α puts
    /// u1 = 3α clipped to [1, 2]. α = 3/5 gives (9/5, 6/5): the public coin picks
    /// (Opera, Opera) with probability 4/5 and (Football, Football) with 1/5.
    @Test func lotteryOverPureProfilesOfBattleOfTheSexes() throws {
        let s = try BargainingPolygon<Rational>.feasibleSet(of: bos)
        let o = try s.solve(.nash, disagreement: P(0, 0), weights: BargainingWeights(player1: R(3, 5)))
        #expect(o.point == P(R(9, 5), R(6, 5)))
        let lottery = try s.lottery(for: o.point)
        #expect(lottery.count == 2)
        let byLabel = Dictionary(uniqueKeysWithValues: lottery.map { ($0.outcomes[0].label, $0.probability) })
        #expect(byLabel["(Opera, Opera)"] == R(4, 5))
        #expect(byLabel["(Football, Football)"] == R(1, 5))
        // α = 2/3 reaches the end of the frontier: the pure profile alone.
        let end = try s.solve(.nash, disagreement: P(0, 0), weights: BargainingWeights(player1: R(2, 3)))
        #expect(end.point == P(2, 1))
        #expect(try s.lottery(for: end.point).map(\.probability) == [R(1)])
    }

    /// An interior point needs three profiles; the lottery's expectation must be the point.
    @Test func interiorPointLotteryReproducesThePoint() throws {
        let s = try BargainingPolygon<Rational>.feasibleSet(of: bos)
        let target = P(R(1, 2), R(2, 3))
        let lottery = try s.lottery(for: target)
        var sum = PayoffPair<Rational>.zero, total = Rational.zero
        for t in lottery {
            #expect(t.probability > .zero)
            sum = sum + t.probability * t.payoffs
            total += t.probability
        }
        #expect(total == 1)
        #expect(sum == target)
        #expect(lottery.count == 3)
        // (0,0) is produced by two profiles; either will do.
        let zero = try #require(lottery.first { $0.payoffs == P(0, 0) })
        #expect(Set(zero.outcomes.map(\.label)) == ["(Football, Opera)", "(Opera, Football)"])
    }

    @Test func pointOutsideTheSetIsAnError() throws {
        let s = try BargainingPolygon<Rational>.feasibleSet(of: bos)
        #expect(throws: NegotiationError.pointOutsideSet(point: "(2, 2)")) { _ = try s.lottery(for: P(2, 2)) }
    }
}
