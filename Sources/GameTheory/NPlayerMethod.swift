/// The mixed-equilibrium methods for games with any number of players (the N-player
/// `--method` values of `detente solve`, wired by the command-line layer).
public enum NPlayerMethod: String, Sendable, CaseIterable, Codable {
    /// The limit of the logit QRE principal branch (`LogitQRE`).
    case logit = "logit"
    /// Govindan–Wilson global Newton method (`GlobalNewton`, default ray seed 0).
    case globalNewton = "global-newton"
    /// Fictitious play from every player's first action (`FictitiousPlay`).
    case fictitiousPlay = "fictitious-play"
    /// Multi-population replicator dynamics from the centroid (`ReplicatorDynamics.evolve`).
    case replicator = "replicator"
    /// Best-response dynamics from the centroid (`BestResponseDynamics`).
    case bestResponseDynamics = "best-response-dynamics"
    /// All isolated equilibria: support enumeration with total-degree homotopy continuation
    /// on each support's indifference system (`PolynomialEnumeration`, seed 0).
    case polynomial = "enumpoly"
    /// Simplicial subdivision from every player's first action, restarted on finer grids
    /// until the regret is within tolerance (`SimplicialSubdivision`).
    case simplicialSubdivision = "simpdiv"
}

/// Computes equilibria of an N-player game (any N ≥ 1) with `method`, plus, unless
/// `includePureEquilibria` is false, every pure equilibrium (`PureEquilibria`, exact when the
/// game has exact payoffs).
///
/// The path-following methods report what their paths reach. The dynamics report their end
/// state after polishing on its support (`SupportPolishing`): a point that the dynamics only
/// approach (fictitious play converges like 1/t at best) is refined by Newton's method on the
/// indifference system, and reported only if the refined point's regret, computed from the
/// game by `Equilibrium(game:strategies:)`, is at most `tolerance`; otherwise the notes say
/// where the dynamics ended and with what regret. Duplicates (max-norm distance below 1e-7)
/// are reported once; a pure equilibrium found by both is kept in its exact form.
///
/// `simplicialStart` is the starting profile of `.simplicialSubdivision` (exact probabilities,
/// player by player; `nil`: every player's first action); the other methods ignore it.
///
/// - Complexity: that of the method (see each type) plus O(N · ∏ nᵢ · maxᵢ nᵢ) for the pure
///   equilibria.
public func solveNPlayer(_ game: NormalFormGame, method: NPlayerMethod, tolerance: Double = 1e-9,
                         includePureEquilibria: Bool = true,
                         simplicialStart: [[Rational]]? = nil) throws -> EquilibriumReport {
    guard tolerance > 0, tolerance.isFinite else {
        throw NPlayerSolverError.invalidParameter(name: "tolerance", value: "\(tolerance)")
    }
    let mixed: EquilibriumReport
    var notes = [String]()
    switch method {
    case .logit:
        mixed = try LogitQRE(tolerance: tolerance).solve(game).report
    case .globalNewton:
        mixed = try GlobalNewton(tolerance: tolerance).solve(game).report
    case .fictitiousPlay:
        let r = try FictitiousPlay(iterations: 10_000, tolerance: .infinity).run(game)
        mixed = polishedReport(game, r.empirical, method: method, tolerance: tolerance,
                               what: "fictitious play after 10000 periods", notes: &notes)
    case .replicator:
        let start = game.shape.map { [Double](repeating: 1 / Double($0), count: $0) }
        let r = try ReplicatorDynamics().evolve(game, from: start, duration: 1000)
        mixed = polishedReport(game, r.state, method: method, tolerance: tolerance,
                               what: "replicator dynamics from the centroid at t = \(r.time)", notes: &notes)
    case .polynomial:
        mixed = try PolynomialEnumeration(tolerance: tolerance).solve(game).report
    case .simplicialSubdivision:
        mixed = try SimplicialSubdivision(tolerance: tolerance, start: simplicialStart).solve(game).report
    case .bestResponseDynamics:
        let r = try BestResponseDynamics(step: 0.001, maximumSteps: 100_000, tolerance: tolerance).run(game)
        mixed = polishedReport(game, r.state, method: method, tolerance: tolerance,
                               what: "best-response dynamics after \(r.steps) steps", notes: &notes)
    }
    var equilibria = [Equilibrium]()
    var scope = mixed.scope
    var arithmetic = Arithmetic.floatingPoint
    if includePureEquilibria {
        let pure = PureEquilibria().solve(game)
        equilibria = pure.equilibria
        arithmetic = pure.arithmetic
        scope = "all pure-strategy equilibria, plus \(mixed.scope)"
    }
    for e in mixed.equilibria where !equilibria.contains(where: { GlobalNewton.distance($0.strategies, e.strategies) < 1e-7 }) {
        equilibria.append(e)
        arithmetic = .floatingPoint
    }
    return EquilibriumReport(method: method.rawValue, arithmetic: arithmetic, equilibria: equilibria,
                             isComplete: method == .polynomial && mixed.isComplete, scope: scope,
                             notes: mixed.notes + notes)
}

/// A dynamics end state, polished and verified (see `solveNPlayer`).
private func polishedReport(_ game: NormalFormGame, _ state: [[Double]], method: NPlayerMethod, tolerance: Double,
                            what: String, notes: inout [String]) -> EquilibriumReport {
    let raw = Equilibrium(game: game, strategies: state)
    var found = [Equilibrium]()
    if raw.regret <= tolerance {
        found = [raw]
    } else if let polished = SupportPolishing(tolerance: tolerance).polish(game, near: state) {
        found = [polished]
    } else {
        notes.append("\(what) ended at \(state) with regret \(raw.regret); polishing on its support gave no equilibrium within tolerance \(tolerance)")
    }
    return EquilibriumReport(method: method.rawValue, arithmetic: .floatingPoint, equilibria: found,
                             isComplete: false, scope: "the end state of \(what), polished on its support")
}
