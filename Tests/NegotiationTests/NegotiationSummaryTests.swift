import Foundation
import Testing
import GameTheory
@testable import Negotiation

@Suite struct NegotiationSummaryTests {
    // Prisoner's dilemma C/D with T=10, R=9, P=3, S=1: unique stage equilibrium (D, D) = (3, 3).
    let pd = try! NormalFormGame.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]], actions: [["C", "D"], ["C", "D"]])
    // Battle of the sexes; pure minmax (1, 1), mixed minmax (2/3, 2/3).
    let bos = try! NormalFormGame.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                           actions: [["Opera", "Football"], ["Opera", "Football"]])

    @Test func prisonersDilemmaDealIsMutualCooperation() throws {
        let s = try NegotiationSummary(settings: NegotiationSettings(), context: NegotiationContext(game: pd))
        #expect(s.arithmetic == "exact")
        #expect(s.disagreementSource == "stage-equilibrium")
        #expect(s.disagreement.exact == ["3", "3"])
        #expect(s.agreement.exact == ["9", "9"])
        #expect(s.gains.payoffs == [6, 6])
        #expect(s.paretoOptimal)
        #expect(s.implementation.count == 1)
        #expect(s.implementation[0].outcomes == ["(C, C)"])
        #expect(s.implementation[0].profiles == [[0, 0]])
        #expect(s.implementation[0].exactProbability == "1")
        #expect(s.implementationError == 0)
    }

    /// Alternating offers in the summary: the PD's individually rational frontier in gains
    /// over (3,3) is h(x) = 27/4 − x/8 on [0, 6] and 54 − 8x on [6, 27/4]. At δ = 0.9 both,
    /// h(x1) = 0.9 h(0.9 x1) with x1 on the steep piece and 0.9 x1 on the flat one gives
    /// x1 = 540/89, x2 = 486/89: player 1 proposes (807/89, 753/89).
    @Test func alternatingOffersInTheSummary() throws {
        let json = #"{"discount_factors": [0.9, 0.9]}"#
        let settings = try JSONDecoder().decode(NegotiationSettings.self, from: Data(json.utf8))
        let s = try NegotiationSummary(settings: settings, context: NegotiationContext(game: pd))
        let a = try #require(s.alternatingOffers)
        #expect(a.firstProposal.exact == ["807/89", "753/89"])
        #expect(a.secondProposal.exact == ["753/89", "807/89"])
        #expect(s.agreement.exact == ["9", "9"])
        let withBreakdown = try JSONDecoder().decode(NegotiationSettings.self,
            from: Data(#"{"discount_factors": ["9/10", "9/10"], "breakdown_probability": 0.5}"#.utf8))
        #expect(withBreakdown.breakdownProbability == R(1, 2))
        #expect(throws: NegotiationError.self) {
            _ = try NegotiationSummary(settings: NegotiationSettings(discountFactors: [R(1), R(1, 2)]),
                                       context: NegotiationContext(game: pd))
        }
    }

    @Test func pureMinmaxOfBattleOfTheSexes() throws {
        let d = try Disagreement<Rational>.pureMinmax(of: bos)
        #expect(d.point == P(1, 1))
        #expect(d.source == .pureMinmax)
    }

    @Test func minmaxFallsBackToPureWithANoteAndUsesTheMixedValueWhenGiven() throws {
        let settings = NegotiationSettings(disagreement: .minmax)
        let pure = try NegotiationSummary(settings: settings, context: NegotiationContext(game: bos))
        #expect(pure.disagreement.exact == ["1", "1"])
        #expect(pure.notes.contains { $0.contains("pure minmax") })
        let mixed = try NegotiationSummary(settings: settings,
                                           context: NegotiationContext(game: bos, exactMinmax: [R(2, 3), R(2, 3)]))
        #expect(mixed.disagreement.exact == ["2/3", "2/3"])
        #expect(mixed.agreement.exact == ["3/2", "3/2"])
        #expect(mixed.implementation.map(\.exactProbability) == ["1/2", "1/2"])
    }

    @Test func settingsDecodeFromJSONAndSolveInOneCall() throws {
        let json = #"{"solution": "nash", "weights": ["3/5", "2/5"], "disagreement": [0, 0], "set": "feasible"}"#
        let settings = try JSONDecoder().decode(NegotiationSettings.self, from: Data(json.utf8))
        #expect(settings.weights == [R(3, 5), R(2, 5)])
        #expect(settings.disagreement == .point(P(0, 0)))
        let s = try NegotiationSummary(settings: settings, context: NegotiationContext(game: bos))
        #expect(s.agreement.exact == ["9/5", "6/5"])
        let probs = Dictionary(uniqueKeysWithValues: s.implementation.map { ($0.outcomes[0], $0.exactProbability!) })
        #expect(probs == ["(Opera, Opera)": "4/5", "(Football, Football)": "1/5"])
        let other = try JSONDecoder().decode(NegotiationSettings.self,
            from: Data(#"{"solution": "kalai-smorodinsky", "disagreement": "worst-spe", "set": "spe", "outside_options": [0, 0.7]}"#.utf8))
        #expect(other.solution == .kalaiSmorodinsky)
        #expect(other.outsideOptions == [R(0), R(7, 10)])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(NegotiationSettings.self, from: Data(#"{"disagreement": "threat"}"#.utf8))
        }
    }

    @Test func jsonIsDeterministicWithSortedKeysAndRoundTrips() throws {
        let settings = NegotiationSettings(weights: [R(3, 5), R(2, 5)], disagreement: .point(P(0, 0)))
        let a = try NegotiationSummary(settings: settings, context: NegotiationContext(game: bos))
        let b = try NegotiationSummary(settings: settings, context: NegotiationContext(game: bos))
        let ja = try a.jsonString(), jb = try b.jsonString()
        #expect(ja == jb)
        let keys = ["\"agreement\"", "\"arithmetic\"", "\"binding_outside_options\"", "\"disagreement\"",
                    "\"disagreement_source\"", "\"exact_weights\"", "\"gains\"", "\"implementation\"", "\"notes\""]
        let positions = keys.map { ja.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        let back = try JSONDecoder().decode(NegotiationSummary.self, from: Data(ja.utf8))
        #expect(back == a)
    }

    @Test func speSetAndWorstSPEDisagreement() throws {
        // For δ near 1 the repeated PD's SPE payoff set with public randomisation is the
        // feasible individually rational set (folk theorem; minmax 3): the feasible hull
        // clipped at u ≥ 3, with vertices (3,3), (39/4,3), (9,9), (3,39/4) (edges
        // (10,1)-(9,9) and (9,9)-(1,10) cross u = 3 at 39/4). Given in scrambled order.
        let vertices = [[R(3), R(3)], [R(3), R(39, 4)], [R(9), R(9)], [R(39, 4), R(3)]]
        let ctx = NegotiationContext(game: pd, exactWorstSPE: [R(3), R(3)], exactSPEVertices: vertices)
        let s = try NegotiationSummary(settings: NegotiationSettings(disagreement: .worstSPE, set: .spe), context: ctx)
        #expect(s.arithmetic == "exact")
        #expect(s.agreement.exact == ["9", "9"])
        #expect(s.implementation[0].outcomes == ["SPE vertex 3"])
        #expect(s.setVertices.count == 4)
        // Doubles only: floating point.
        let f = try NegotiationSummary(settings: NegotiationSettings(disagreement: .worstSPE, set: .spe),
                                       context: NegotiationContext(game: pd, worstSPE: [3, 3],
                                                                   speVertices: vertices.map { $0.map(\.doubleValue) }))
        #expect(f.arithmetic == "floating-point")
        #expect(f.agreement.payoffs == [9, 9])
        #expect(f.agreement.exact == nil)
        #expect(f.implementationError <= 1e-12)
    }

    @Test func missingAndInvalidInputsAreClearErrors() throws {
        func error(_ s: NegotiationSettings, _ c: NegotiationContext) -> NegotiationError? {
            do { _ = try NegotiationSummary(settings: s, context: c); return nil } catch { return error as? NegotiationError }
        }
        let e1 = error(NegotiationSettings(disagreement: .worstSPE), NegotiationContext(game: pd))
        #expect(e1?.description.contains("worst SPE payoff") == true)
        let e2 = error(NegotiationSettings(set: .spe), NegotiationContext(game: pd))
        #expect(e2?.description.contains("SPE vertices") == true)
        let e3 = error(NegotiationSettings(), NegotiationContext(game: bos))
        #expect(e3?.description.contains("2 pure equilibria") == true)
        let e4 = error(NegotiationSettings(set: .spe), NegotiationContext(
            game: pd, exactSPEVertices: [[R(0), R(0)], [R(4), R(0)], [R(1), R(1)], [R(0), R(4)]]))
        #expect(e4 == .notConvex(index: 2, point: "(1, 1)"))
        let e5 = error(NegotiationSettings(weights: [R(1, 2), R(1, 3)]), NegotiationContext(game: pd))
        #expect(e5?.description.contains("sum to 5/6") == true)
        let e6 = error(NegotiationSettings(disagreement: .point(P(10, 10))), NegotiationContext(game: pd))
        #expect(e6?.description.contains("(10, 10)") == true)
        let three = try NormalFormGame(players: ["a", "b", "c"], actions: [["x"], ["y"], ["z"]],
                                       exactPayoffs: [[R(1)], [R(1)], [R(1)]])
        let e7 = error(NegotiationSettings(disagreement: .point(P(0, 0))), NegotiationContext(game: three))
        #expect(e7?.description.contains("3 players") == true)
    }

    /// The one-call package: two domains whose feasible sets are the logrolling triangles of
    /// `IssueLinkageTests` (A: (2,0) and (0,1) reachable; B: (1,0) and (0,2)).
    @Test func packageFromSettingsAndDomainGames() throws {
        let a = try NormalFormGame.bimatrix([[2, 0], [0, 0]], [[0, 0], [0, 1]])
        let b = try NormalFormGame.bimatrix([[1, 0], [0, 0]], [[0, 0], [0, 2]])
        let p = try PackageSummary(settings: NegotiationSettings(disagreement: .point(P(0, 0))),
                                   domains: [("A", NegotiationContext(game: a)), ("B", NegotiationContext(game: b))])
        #expect(p.arithmetic == "exact")
        #expect(p.linkedAgreement.exact == ["2", "2"])
        #expect(p.separateTotal.exact == ["3/2", "3/2"])
        #expect(p.issues.map(\.concedes) == [[false, true], [true, false]])
        // A's part of the package: profile (1, 1), where player 1 gets 2.
        #expect(p.issues[0].implementation.map(\.profiles) == [[[0, 0]]])
        #expect(try p.jsonString() == (try p.jsonString()))
    }
}
