import ArgumentParser
import Detente
import Foundation

/// The `--method` values of `detente solve` for games: the two-player equilibrium methods
/// (`EquilibriumMethod`), the N-player mixed methods (`NPlayerMethod`) and the
/// linear-programming solution concepts.
enum SolveMethod: String, ExpressibleByArgument, CaseIterable {
    case auto, pure
    case vertexEnumeration = "vertex-enumeration"
    case supportEnumeration = "support-enumeration"
    case lemkeHowson = "lemke-howson"
    case logit
    case globalNewton = "global-newton"
    case fictitiousPlay = "fictitious-play"
    case replicator
    case bestResponseDynamics = "best-response-dynamics"
    case enumpoly
    case simpdiv
    case zeroSum = "zero-sum"
    case correlated
    case coarseCorrelated = "coarse-correlated"
    case dominance

    var equilibriumMethod: EquilibriumMethod? { EquilibriumMethod(rawValue: rawValue) }
    var nPlayerMethod: NPlayerMethod? { NPlayerMethod(rawValue: rawValue) }

    /// Solves `game` with this method: calls the library and wraps what it returns.
    func solve(_ game: NormalFormGame, source: String, arithmetic: Arithmetic, options: ConceptOptions,
               simpdiv: SimplicialSubdivisionOptions? = nil) throws -> SolvedGame {
        if let m = equilibriumMethod {
            return SolvedGame(source: source, game: game, report: try solveEquilibria(game, method: m, arithmetic: arithmetic))
        }
        if self == .simpdiv {
            return SolvedGame(source: source, game: game, report: try SimplicialSubdivisionOptions.solve(
                game, start: try simpdiv?.parsedStart() ?? .first, tolerance: try simpdiv?.parsedTolerance(),
                path: source))
        }
        if let m = nPlayerMethod {
            return SolvedGame(source: source, game: game, report: try solveNPlayer(game, method: m))
        }
        switch self {
        case .zeroSum:
            let z = try solveZeroSum(game, arithmetic: arithmetic)
            return SolvedGame(source: source, game: game, report: z.report, concepts: SolutionConcepts(zeroSum: z))
        case .correlated, .coarseCorrelated:
            let kind: CorrelatedEquilibrium.Kind = self == .correlated ? .correlated : .coarseCorrelated
            let r = try CorrelatedEquilibriumSolver(kind: kind, objective: try options.parsedObjective(),
                                                    arithmetic: arithmetic, vertices: options.vertices).solve(game)
            // The Nash equilibria of the default method, for comparison with the optimum.
            var report = try solveEquilibria(game, method: .automatic, arithmetic: arithmetic)
            report.scope = "\(report.scope) (\(report.method), for comparison); the \(kind.rawValue) equilibrium maximising \(r.objective) is under \"correlated\""
            report.method = kind.rawValue
            return SolvedGame(source: source, game: game, report: report, concepts: SolutionConcepts(correlated: r))
        case .dominance:
            let dominators: IteratedDominance.Dominators = options.mixed ? .mixedStrategies : .pureStrategies
            let r = IteratedDominance(kind: options.dominance, dominators: dominators, arithmetic: arithmetic).solve(game)
            var report = PureEquilibria(arithmetic: arithmetic).solve(game)
            report.scope = "\(report.scope), for comparison; iterated \(options.dominance.rawValue) dominance is under \"dominance\""
            report.method = "dominance"
            return SolvedGame(source: source, game: game, report: report,
                              concepts: SolutionConcepts(dominance: DominanceSummary(kind: options.dominance, dominators: dominators, result: r)))
        default:
            preconditionFailure("method \(rawValue) is handled above")
        }
    }
}

extension IteratedDominance.Kind: ExpressibleByArgument {}

/// The options of the linear-programming solution concepts.
struct ConceptOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What --method correlated / coarse-correlated maximises: welfare (the sum of payoffs), player:K (player K's payoff, from 1) or weights:W1,W2,... (one weight per player, fractions allowed) (e.g. --objective player:1).", valueName: "objective"))
    var objective: String = "welfare"

    @Flag(help: "With --method correlated / coarse-correlated: also list every vertex of the equilibrium polytope (small games only).")
    var vertices = false

    @Option(help: ArgumentHelp("With --method dominance: strict or weak (e.g. --dominance weak).", valueName: "kind"))
    var dominance: IteratedDominance.Kind = .strict

    @Flag(help: "With --method dominance: let mixed strategies dominate (one linear program per action).")
    var mixed = false

    /// The parsed `--objective`.
    func parsedObjective() throws -> CorrelatedObjective {
        if objective == "welfare" { return .welfare }
        if objective.hasPrefix("player:"), let k = Int(objective.dropFirst("player:".count)), k >= 1 {
            return .player(k - 1)
        }
        if objective.hasPrefix("weights:") {
            let parts = objective.dropFirst("weights:".count).split(separator: ",", omittingEmptySubsequences: false)
            let weights = parts.map { Rational(parsing: $0.trimmingCharacters(in: .whitespaces)) }
            if !weights.isEmpty, weights.allSatisfy({ $0 != nil }) { return .weights(weights.map { $0! }) }
        }
        throw ValidationError("--objective '\(objective)' is not welfare, player:K (K from 1) or weights:W1,W2,...")
    }

    /// Checks that the options fit the method.
    func check(_ method: SolveMethod) throws {
        let ce = method == .correlated || method == .coarseCorrelated
        if !ce && (objective != "welfare" || vertices) {
            throw ValidationError("--objective and --vertices apply to --method correlated or coarse-correlated")
        }
        if method != .dominance && (dominance != .strict || mixed) {
            throw ValidationError("--dominance and --mixed apply to --method dominance")
        }
        if ce { _ = try parsedObjective() }
    }
}
