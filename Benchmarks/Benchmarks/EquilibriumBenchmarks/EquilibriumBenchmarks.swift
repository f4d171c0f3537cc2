// Two-player equilibria on the peers' game suite (Benchmarks/Games; see Games/SOURCE.md):
// all equilibria of random 4×4…12×12 games in exact and floating-point arithmetic, one
// Lemke–Howson equilibrium on 50×50…200×200, and all pure equilibria everywhere.
//
// A method the library does not offer yet (`solveEquilibria` throws `GameError.unsupported`)
// is probed once and not registered, with a line on stderr; so once the solvers are merged
// these benchmarks appear without any edit here.
import Benchmark
import Detente

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Benchmarks/Games, found from this source file (the benchmark runs from the build folder).
let gamesDirectory: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // EquilibriumBenchmarks.swift, EquilibriumBenchmarks, Benchmarks
    return parts.joined(separator: "/") + "/Games"
}()

/// Writes a line to standard error (the benchmark's stdout is the plugin's).
func warn(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func loadGame(_ name: String) -> NormalFormGame? {
    do {
        return try readGame(atPath: "\(gamesDirectory)/\(name).nfg")
    } catch {
        warn("EquilibriumBenchmarks: cannot read \(name).nfg: \(error)")
        return nil
    }
}

/// Registers `solveEquilibria(game, method:arithmetic:)` for every game whose first call
/// succeeds; reports the methods that are not available.
func register(_ label: String, games: [String], method: EquilibriumMethod, arithmetic: Arithmetic,
              configuration: Benchmark.Configuration) {
    for name in games {
        guard var game = loadGame(name) else { continue }
        if arithmetic == .floatingPoint { game = game.floatingPoint }
        do {
            _ = try solveEquilibria(game, method: method, arithmetic: arithmetic)
        } catch {
            warn("EquilibriumBenchmarks: \(label) not registered: \(error)")
            return  // the same failure for every game of this method
        }
        Benchmark("\(label) \(name)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try solveEquilibria(game, method: method, arithmetic: arithmetic))
            }
        }
    }
}

let randomGames = [4, 6, 8, 10, 12].flatMap { n in
    (0..<3).map { k in "rand_\(n < 10 ? "0" : "")\(n)x\(n < 10 ? "0" : "")\(n)_\(k)" }
}
let lemkeHowsonGames = ["lh_050x050_0", "lh_050x050_1", "lh_050x050_2",
                        "lh_100x100_0", "lh_100x100_1", "lh_200x200_0"]

let benchmarks: @Sendable () -> Void = {
    let quick = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds,
        warmupIterations: 1, maxDuration: .milliseconds(500), maxIterations: 200)
    let slow = Benchmark.Configuration(
        metrics: [.wallClock], timeUnits: .milliseconds,
        warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 20)

    register("pure exact", games: randomGames + lemkeHowsonGames, method: .pure,
             arithmetic: .exact, configuration: quick)
    register("pure float", games: randomGames + lemkeHowsonGames, method: .pure,
             arithmetic: .floatingPoint, configuration: quick)
    for (method, name) in [(EquilibriumMethod.vertexEnumeration, "vertex-enumeration"),
                           (.supportEnumeration, "support-enumeration")] {
        register("\(name) exact", games: randomGames, method: method, arithmetic: .exact,
                 configuration: slow)
        register("\(name) float", games: randomGames, method: method, arithmetic: .floatingPoint,
                 configuration: slow)
    }
    register("lemke-howson exact", games: lemkeHowsonGames, method: .lemkeHowson,
             arithmetic: .exact, configuration: slow)
    register("lemke-howson float", games: lemkeHowsonGames, method: .lemkeHowson,
             arithmetic: .floatingPoint, configuration: slow)
    // One floating-point path from label 0, like pygambit lcp_solve(stop_after=1, rational=False).
    for name in lemkeHowsonGames {
        guard let game = loadGame(name) else { continue }
        Benchmark("lemke-howson one path label 0 \(name)", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try LemkeHowson().solveOneFloatingPoint(game, missingLabel: 0))
            }
        }
    }
}
