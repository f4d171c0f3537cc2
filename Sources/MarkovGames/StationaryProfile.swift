import GameTheory

/// A stationary Markov strategy profile: what every player does in every state, independent
/// of history and time.
///
/// Index convention: `strategies[s][p][a]` is the probability that player p plays action a
/// (in state s's stage-game action order) whenever the state is s.
public struct StationaryProfile: Sendable, Equatable, Codable {
    public var strategies: [[[Double]]]

    public init(_ strategies: [[[Double]]]) { self.strategies = strategies }

    /// The pure profile that plays `actions[s][p]` in state s.
    public static func pure(_ actions: [[Int]], in game: MarkovGame) -> StationaryProfile {
        StationaryProfile(actions.enumerated().map { s, prof in
            prof.enumerated().map { p, a in
                (0..<game.stageGames[s].actions[p].count).map { $0 == a ? 1.0 : 0.0 }
            }
        })
    }

    /// The action played by each player in each state when the profile is pure, else `nil`.
    public var pureActions: [[Int]]? {
        var out = [[Int]]()
        for st in strategies {
            var row = [Int]()
            for sp in st {
                guard let a = sp.firstIndex(of: 1.0), sp.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
                row.append(a)
            }
            out.append(row)
        }
        return out
    }
}

extension MarkovGame {
    /// Checks that `profile` gives a probability vector (within 1e-9) of the right length for
    /// every player in every state; the error names the state, player and bad value.
    public func validate(_ profile: StationaryProfile) throws {
        guard profile.strategies.count == stateCount else {
            throw MarkovGameError.invalidStrategy("the profile covers \(profile.strategies.count) states; the game has \(stateCount)")
        }
        for (s, st) in profile.strategies.enumerated() {
            let g = stageGames[s]
            guard st.count == g.playerCount else {
                throw MarkovGameError.invalidStrategy("state \(states[s]): \(st.count) strategies for \(g.playerCount) players")
            }
            for (p, sp) in st.enumerated() {
                guard sp.count == g.actions[p].count else {
                    throw MarkovGameError.invalidStrategy(
                        "state \(states[s]), player \(players[p]): \(sp.count) probabilities for \(g.actions[p].count) actions")
                }
                if let bad = sp.first(where: { !($0 >= 0) || !$0.isFinite }) {
                    throw MarkovGameError.invalidStrategy("state \(states[s]), player \(players[p]): probability \(bad) is not in [0, 1]")
                }
                let total = sp.reduce(0, +)
                guard abs(total - 1) <= 1e-9 else {
                    throw MarkovGameError.invalidStrategy("state \(states[s]), player \(players[p]): probabilities sum to \(total), not 1")
                }
            }
        }
    }

    /// The probability of each pure profile (flat index) in state `s` under `profile`.
    ///
    /// - Complexity: O(N · ∏ nᵢ) for the stage game of state s.
    public func profileWeights(state s: Int, _ profile: StationaryProfile) -> [Double] {
        let g = stageGames[s]
        let shape = g.shape
        var w = [Double](repeating: 0, count: g.profileCount)
        var idx = [Int](repeating: 0, count: shape.count)
        for k in 0..<w.count {
            var x = 1.0
            for p in 0..<shape.count {
                x *= profile.strategies[s][p][idx[p]]
                if x == 0 { break }
            }
            w[k] = x
            var q = 0
            while q < shape.count {
                idx[q] += 1
                if idx[q] < shape[q] { break }
                idx[q] = 0
                q += 1
            }
        }
        return w
    }

    /// The auxiliary ("one-shot deviation") game of state `s` given continuation values:
    /// player p's payoff at profile k is `uₚ(s, k) + δₚ Σₜ P(t | s, k) vₚ(t)`.
    ///
    /// `values[p][t]` are player p's discounted values. A stationary profile is a Markov
    /// perfect equilibrium exactly when, in every state, its restriction to the state is a
    /// Nash equilibrium of this game with its own values (one-shot deviation principle).
    ///
    /// - Complexity: O(N · ∏ nᵢ · S) for S states.
    public func auxiliaryGame(state s: Int, values: [[Double]]) throws -> NormalFormGame {
        let g = stageGames[s]
        var table = g.payoffTable
        for p in 0..<playerCount {
            let d = discountFactors[p]
            if d == 0 { continue }
            for k in 0..<g.profileCount {
                table[p][k] += d * sparseTransitions[s][k].dot(values[p])
            }
        }
        return try NormalFormGame(title: "\(states[s]) (auxiliary)", players: g.players, actions: g.actions, payoffs: table)
    }
}
