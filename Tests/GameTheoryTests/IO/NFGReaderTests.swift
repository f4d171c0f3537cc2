import Foundation
import Testing
@testable import GameTheory

@Suite struct NFGReaderTests {
    typealias F = IOFixtures

    @Test func readsPygambitOutcomeVersion() throws {
        // Battle of the sexes as written by pygambit's to_nfg: A = [[2,0],[0,1]], B = [[1,0],[0,2]].
        let g = try F.read("gambit/bos.nfg")
        #expect(g.title == "Battle of the sexes")
        #expect(g.players == ["Row", "Col"])
        #expect(g.actions == [["Opera", "Football"], ["Opera", "Football"]])
        let (a, b) = g.bimatrixRows(Rational.self)
        #expect(a == [[2, 0], [0, 1]])
        #expect(b == [[1, 0], [0, 2]])
    }

    @Test func readsVonStengelDegenerateGame() throws {
        // The degenerate variant of the 3×2 example of von Stengel (2007), "Equilibrium
        // computation for two-player games", in Algorithmic Game Theory, ch. 3 (as in the peer set):
        // A = [[3,3],[2,5],[0,6]], B = [[3,3],[2,6],[3,1]].
        let g = try F.read("gambit/degen_vs_3x2.nfg")
        let (a, b) = g.bimatrixRows(Rational.self)
        #expect(a == [[3, 3], [2, 5], [0, 6]])
        #expect(b == [[3, 3], [2, 6], [3, 1]])
        #expect(g.players == ["I", "II"])
        #expect(g.actions == [["T", "M", "B"], ["l", "r"]])
    }

    @Test func readsThreePlayerGameInGambitOrder() throws {
        // Unanimity: everyone gets 1 at (A,A,A) and (B,B,B), else 0.
        let g = try F.read("gambit/unanimity3.nfg")
        #expect(g.shape == [2, 2, 2])
        for k in 0..<8 {
            let prof = g.profile(at: k)
            let expected: Rational = prof.allSatisfy({ $0 == prof[0] }) ? 1 : 0
            for p in 0..<3 { #expect(g.exactPayoff(p, prof) == expected) }
        }
        // Player 1 varies fastest: flat index 1 is (B, A, A).
        #expect(g.profile(at: 1) == [1, 0, 0])
    }

    @Test func readsPayoffVersionWithRationalsDecimalsAndEscapes() throws {
        let g = try F.read("handwritten/payoff_rational.nfg")
        #expect(g.title == "A \"quoted\" title")
        #expect(g.comment == "A comment\non two lines with a \\ backslash")
        #expect(g.players == ["Player \"One\"", "Two"])
        #expect(g.actions == [["Up", "Down"], ["Left", "Right"]])
        // Profiles (Up,Left), (Down,Left), (Up,Right), (Down,Right); two payoffs each.
        #expect(g.exactPayoffTable! == [[F.q("3/4"), F.q("1/4"), F.q("1/1000"), F.q("-1/3")],
                                        [1, -2, 5, 0]])
    }

    @Test func readsOldStrategyCountForm() throws {
        let g = try F.read("handwritten/counts_form.nfg")
        #expect(g.players == ["A", "B", "C"])
        #expect(g.actions == [["1", "2"], ["1"], ["1", "2"]])
        #expect(g.exactPayoffTable! == [[1, 4, 7, 10], [2, 5, 8, 11], [3, 6, 9, 12]])
    }

    @Test func readsOutcomeVersionWithoutCommasAndNullOutcome() throws {
        let g = try F.read("handwritten/outcome_no_commas.nfg")
        #expect(g.actions == [["T", "B"], ["L", "C", "R"]])
        // Outcome numbers 1 2 0 3 0 1 over (T,L) (B,L) (T,C) (B,C) (T,R) (B,R); 0 = all zero.
        #expect(g.exactPayoffTable! == [[1, -1, 0, F.q("1/2"), 0, 1], [-1, 1, 0, F.q("1/4"), 0, -1]])
    }

    @Test func everyPeerNFGEqualsItsJSONTwin() throws {
        for name in ["bos", "vs_3x2", "degen_vs_3x2", "unanimity3", "nau2004_irrational", "rps", "shapley1974"] {
            let nfg = try F.read("gambit/\(name).nfg")
            let json = try F.read("gambit/\(name).json")
            #expect(nfg == json, "\(name)")
        }
    }

    @Test func roundTripNFGToJSONToNFG() throws {
        for name in ["gambit/bos.nfg", "gambit/nau2004_irrational.nfg", "handwritten/payoff_rational.nfg",
                     "handwritten/counts_form.nfg", "handwritten/outcome_no_commas.nfg"] {
            let g = try F.read(name)
            let viaJSON = try GameJSONReader(path: "x.json").read(text: GameJSONWriter().write(g))
            #expect(viaJSON == g, "\(name) via JSON")
            for version in NFGWriter.Version.allCases {
                let back = try NFGReader(path: "x.nfg").read(text: NFGWriter(version: version).write(viaJSON))
                #expect(back == g, "\(name) via JSON and .nfg (\(version))")
            }
        }
    }

    @Test func writerMatchesPygambitLayout() throws {
        // pygambit's to_nfg output of bos.nfg is the fixture itself; our writer gives the same
        // bytes except for outcome labels, which pygambit leaves as we gave them ("").
        let g = try F.read("gambit/bos.nfg")
        let original = try String(contentsOfFile: F.path("gambit/bos.nfg"), encoding: .utf8)
        #expect(NFGWriter().write(g) == original)
    }

    @Test func floatingPointGamesAreWrittenAsShortestDecimals() throws {
        let g = try NormalFormGame.bimatrix([[0.1, 1e-5], [2.5, 1e16]], [[-0.3, 1], [0, 123.456]])
        let text = NFGWriter(version: .payoff).write(g)
        #expect(text.contains("0.1 -0.3\n2.5 0\n0.00001 1\n10000000000000000 123.456\n"))
        let back = try NFGReader(path: "x.nfg").read(text: text)
        #expect(back.payoffTable == g.payoffTable)
    }

    @Test func pygambitRewritesReadAsTheSameGame() throws {
        // Fixtures/io/pygambit holds pygambit's rewrite (read_nfg, then to_nfg) of our writer's
        // output; scripts/pygambit-roundtrip.py made them (see SOURCE.md).
        let dir = F.path("pygambit")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".nfg") }.sorted()
        #expect(files.count >= 10)
        for file in files {
            var rewritten = try readGame(atPath: dir + "/" + file)
            let original = try F.read("pygambit-input/\(file)")
            // pygambit 16.7 reads the escape `\\` as three backslashes (its own to_nfg/read_nfg
            // round trip grows backslashes too), so a comment with a backslash cannot survive
            // it; everything else must be identical.
            if original.comment.contains("\\") {
                #expect(rewritten.comment == original.comment.replacingOccurrences(of: "\\", with: "\\\\\\"))
                rewritten.comment = original.comment
            }
            #expect(rewritten == original, "\(file)")
        }
    }
}
