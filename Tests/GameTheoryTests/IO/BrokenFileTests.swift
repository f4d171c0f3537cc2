import Foundation
import Testing
@testable import GameTheory

/// Every file in Fixtures/io/broken gives exactly this error (line:column: message).
@Suite struct BrokenFileTests {
    static let expected: [(String, String)] = [
        ("empty.nfg", "1:1: empty file: expected a Gambit strategic-form game starting with 'NFG 1 R'"),
        ("truncated_header.nfg", "2:1: unexpected end of file: expected '{' to open the strategy block; the file is truncated"),
        ("truncated_payoffs.nfg", "6:1: expected 8 payoffs for 2 players × 4 profiles, found 7"),
        ("too_many_payoffs.nfg", "6:1: expected 8 payoffs for 2 players × 4 profiles, found 10"),
        ("nan_payoff.nfg", "4:5: payoff 3 (player 1 at (y, u)) is 'nan'; payoffs must be finite numbers"),
        ("inf_payoff.nfg", "4:7: payoff 4 (player 2 at (y, u)): '-inf' is not a finite number; payoffs must be finite numbers"),
        ("huge_payoff.nfg", "5:3: payoff 6 (player 2 at (x, v)): number '1e400' is too large for floating-point arithmetic (beyond ±1.8e308)"),
        ("huge_exponent.nfg", "5:7: payoff 8 (player 2 at (y, v)): number '1e99999999' has exponent 99999999; at most ±400 is supported"),
        ("word_payoff.nfg", "5:3: expected payoff 6 (player 2 at (x, v)) (an integer, a fraction like 3/4 or a decimal like 0.25), found 'six'"),
        ("divide_by_zero.nfg", "4:5: payoff 3 (player 1 at (y, u)): number '3/0' divides by zero"),
        ("bad_fraction.nfg", "5:7: payoff 8 (player 2 at (y, v)): '1/2/3' is not a number"),
        ("empty_strategy_list.nfg", "3:3: player 2 (\"B\") has an empty strategy list"),
        ("zero_players.nfg", "1:18: the game has no players: the list of player names is empty"),
        ("huge_size.nfg", "2:1: the game declares 100000 × 100000 strategy profiles; at most 50000000 are supported"),
        ("huge_count.nfg", "2:5: strategy count '99999999999999999999999' of player 2 (\"B\") is too large; at most 50000000 profiles are supported"),
        ("zero_count.nfg", "2:5: player 2 (\"B\") has an empty strategy list (count 0)"),
        ("missing_strategy_list.nfg", "2:1: the strategy block lists strategies for 1 of the 2 players"),
        ("outcome_index_out_of_range.nfg", "8:5: outcome number '3' of profile 3 (x, v) is out of range: there are 2 outcomes (0 means no outcome)"),
        ("outcome_too_few_payoffs.nfg", "6:1: outcome 2 has 1 payoff; the game has 2 players"),
        ("outcome_indices_truncated.nfg", "8:1: expected 4 outcome numbers, one per strategy profile, found 3"),
        ("unterminated_string.nfg", "2:6: expected a player name in quotes or '}', found 'x' (the string opened at line 1, column 19 runs over a line break: is its closing quote missing?)"),
        ("unterminated_string_eof.nfg", "3:2: unterminated string: the quote opened here is never closed (the string opened at line 2, column 21 runs over a line break: is its closing quote missing?)"),
        ("duplicate_strategy.nfg", "2:13: player 1 (\"A\") has two strategies named \"x\" (strategies 1 and 3); names must be distinct"),
        ("duplicate_player.nfg", "1:19: two players are named \"A\" (players 1 and 2); names must be distinct"),
        ("wrong_version.nfg", "1:5: unsupported NFG format version '2'; only version 1 is supported"),
        ("not_nfg.nfg", "1:1: expected 'NFG' at the start of a Gambit strategic-form file, found 'EFG'"),
        ("trailing_garbage.nfg", "6:1: unexpected '}' after the end of the game"),
        ("truncated.json", "4:1: unexpected end of file: expected a value; the file is truncated"),
        ("nan.json", "2:27: 'NaN' is not a number: payoffs must be finite numbers"),
        ("wrong_shape.json", "2:41: payoffs[1][1] has 1 entry; player 2 (\"B\") has 2 actions"),
        ("wrong_player_count.json", "2:13: \"payoffs\" has 1 entry; the game has 2 players (one nested payoff array each)"),
        ("zero_players.json", "1:13: the game has no players: \"players\" is empty"),
        ("empty_actions.json", "2:26: player 2 (\"B\") has an empty strategy list"),
        ("bad_string_payoff.json", "2:22: payoffs[0][1] is the string \"half\"; payoffs must be numbers or exact values such as \"3/4\""),
        ("huge_string_payoff.json", "2:15: payoffs[0][0]: number '1e999' has exponent 999; at most ±400 is supported"),
        ("bool_payoff.json", "2:15: payoffs[0][0] is true; payoffs must be numbers or exact values such as \"3/4\""),
        ("bad_number.json", "2:15: '01' is not a valid JSON number"),
        ("unterminated_string.json", "1:19: unterminated string: the quote opened here is not closed before the end of the line"),
        ("missing_payoffs.json", "1:1: missing key \"payoffs\" in the game object"),
        ("duplicate_key.json", "2:2: duplicate key \"players\""),
        ("deep_nesting.json", "1:101: nesting deeper than 100 levels"),
        ("huge_size.json", "2:13: the game declares 400 × 400 × 400 strategy profiles; at most 50000000 are supported"),
        ("not_an_object.json", "1:1: expected a JSON object with \"players\", \"actions\" and \"payoffs\", found an array"),
        ("trailing_comma.json", "1:56: unexpected ']': expected a value"),
    ]

    @Test func corpusIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: IOFixtures.path("broken")).sorted()
        #expect(files == Self.expected.map(\.0).sorted())
        #expect(files.count >= 20)
    }

    @Test(arguments: BrokenFileTests.expected.map(\.0))
    func brokenFileGivesPositionedError(_ name: String) {
        let path = IOFixtures.path("broken/\(name)")
        let want = Self.expected.first { $0.0 == name }!.1
        do {
            let g = try readGame(atPath: path)
            Issue.record("\(name) was accepted as \(g.shape)")
        } catch {
            #expect(error.description == "\(path):\(want)")
        }
    }

    @Test func columnsCountCharactersNotBytes() {
        // "Ünïcode" has 7 characters but 9 bytes; the bad payoff is at column 59 of line 1, byte 61.
        let text = #"{"players": ["Ünïcode"], "actions": [["x"]], "payoffs": [[nan]]}"#
        #expect(throws: GameFileError(path: "u.json", line: 1, column: 59,
                                      message: "'nan' is not a number: payoffs must be finite numbers")) {
            try GameJSONReader(path: "u.json").read(text: text)
        }
    }
}

/// Mutated valid files never crash or hang the readers; every failure is a positioned error.
@Suite struct ReaderRobustnessTests {
    @Test func randomMutationsGiveGamesOrPositionedErrors() throws {
        let seed: UInt64 = 20261130
        print("ReaderRobustnessTests seed: \(seed)")
        var rng = SplitMix64(seed: seed)
        let sources = ["gambit/bos.nfg", "gambit/unanimity3.json", "handwritten/payoff_rational.nfg",
                       "handwritten/outcome_no_commas.nfg", "gambit/vs_3x2.json"]
        let alphabet = Array(#"{}[]",:"\ 0123456789-+./eENaInf/x"#.utf8) + [0x0A, 0x00, 0xFF, 0xC3]
        var accepted = 0, rejected = 0
        for source in sources {
            let original = try readFileBytes(atPath: IOFixtures.path(source))
            let format = GameFileFormat(path: source)!
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let i = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                    case 1: bytes.remove(at: i)
                    default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                    }
                    if bytes.isEmpty { break }
                }
                if Bool.random(using: &rng) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
                do {
                    let g = try format.read(bytes, path: "m")
                    #expect(g.payoffTable.allSatisfy { $0.allSatisfy(\.isFinite) })
                    accepted += 1
                } catch {
                    #expect(error.line >= 1 && error.column >= 1, "\(error) (seed \(seed))")
                    rejected += 1
                }
            }
        }
        #expect(rejected > 0)
        print("ReaderRobustnessTests: \(accepted) mutants accepted, \(rejected) rejected with a positioned error")
    }
}
