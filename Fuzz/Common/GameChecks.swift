// Invariants of an accepted NormalFormGame, shared by the game-reader fuzz targets.
import GameTheory

func checkGame(_ game: NormalFormGame) {
    let n = game.playerCount
    require(n >= 1, "a game with no players was accepted")
    require(game.actions.count == n, "\(n) players but \(game.actions.count) action lists")
    require(game.actions.allSatisfy { !$0.isEmpty }, "a player with no actions was accepted: \(game.shape)")
    let profiles = game.profileCount
    require(profiles >= 1 && profiles <= NormalFormGame.maximumProfileCount, "profile count \(profiles)")
    require(game.payoffTable.count == n, "payoff table has \(game.payoffTable.count) rows for \(n) players")
    for (p, row) in game.payoffTable.enumerated() {
        require(row.count == profiles, "player \(p) has \(row.count) payoffs for \(profiles) profiles")
        require(row.allSatisfy(\.isFinite), "player \(p) has a non-finite payoff")
    }
    if let exact = game.exactPayoffTable {
        require(exact.count == n, "exact table has \(exact.count) rows for \(n) players")
        for p in 0..<n {
            require(exact[p].count == profiles, "exact row \(p) has \(exact[p].count) entries")
            for k in 0..<profiles {
                require(exact[p][k].doubleValue == game.payoffTable[p][k],
                        "exact payoff \(exact[p][k]) of player \(p) at \(k) differs from \(game.payoffTable[p][k])")
            }
        }
    }
    // Indexing is a bijection between flat indices and profiles (spot-checked on the ends).
    for k in Set([0, profiles - 1, profiles / 2]) {
        let profile = game.profile(at: k)
        require(game.profileIndex(profile) == k, "profile(at: \(k)) = \(profile) does not index back")
    }
}
