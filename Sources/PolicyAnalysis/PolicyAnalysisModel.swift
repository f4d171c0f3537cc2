import Analysis
import GameTheory
import LinearAlgebra
import PolicyModels
import RepeatedGames

/// The regime of a policy model at one parameter point (DESIGN.md §7).
public enum PolicyRegime: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Cooperation on every domain is the best sustainable outcome.
    case fullCooperation = "full cooperation"
    /// The best sustainable set of domains is a proper, non-empty subset.
    case managedCompetition = "managed competition"
    /// No set of domains other than ∅ is worth sustaining (or sustainable).
    case decoupling
    /// The best set is sustainable only because its domains are linked (Bernheim–Whinston).
    case linkageDependent = "linkage-dependent"
    /// Some domain has no stage equilibrium found: thresholds and regime are undetermined.
    case undetermined
    public var description: String { rawValue }
}

/// The result at one parameter point: the regime and the scalars of
/// `PolicyAnalysisModel.scalarNames`, in that order.
public struct PolicyPointResult: Sendable, Equatable {
    public var regime: PolicyRegime
    public var values: [Double]
}

/// Errors of building or evaluating a `PolicyAnalysisModel`.
public struct PolicyAnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A policy model with a scenario applied, as an `AnalyzableModel`: what sweeps, Sobol indices,
/// tornado charts, thresholds and batch runs evaluate.
///
/// Per point θ (a row of `evaluate(points:)`), with the payoffs of all rows of a chunk from one
/// `PayoffBatch` product (BLAS `dgemm` for affine payoffs):
/// - each domain's stage equilibria (2×2 two-player games: closed form, pure profiles plus the
///   completely mixed equilibrium when the game is non-degenerate; otherwise the general
///   solver `solveEquilibria` in floating point);
/// - each domain's critical δ alone under Nash reversion to the stage equilibrium that punishes
///   best (Friedman 1971), the same definition as `solve(model:...)`;
/// - for every set S of domains (up to 12 domains) the pooled (linked) threshold of
///   cooperation on S, the best sustainable set by joint payoff (larger sets, then file order,
///   first on ties) and the regime (`PolicyRegime`).
///
/// Scalars (`scalarNames`): `critical_delta/DOMAIN` per domain, `linked_delta` (all domains
/// linked), `joint_payoff` and `payoff/PLAYER` of the best sustainable outcome,
/// `cooperating_domains` (size of the best set) and `equilibria/DOMAIN` (number of stage
/// equilibria found), and for models with a `states:` section `share/STATE` per state: the
/// long-run share of time in the state under the selected pure stationary Markov perfect
/// equilibrium from the initial state (`longRunShares(model:theta:deltas:)`; NaN where no
/// pure MPE exists). A critical δ of 1 means "not sustainable for any δ < 1"; NaN means
/// undetermined (no stage equilibrium found).
///
/// Parameters without bounds in the model file get the range baseline ± max(1, |baseline|)/2.
///
/// - Complexity: per point O(E) payoff entries plus O(2^D · D · P) for D domains, P players
///   and one equilibrium per domain (more equilibria multiply the linked search, capped at
///   4096 punishment combinations per set as in `solve`).
/// - References: J. W. Friedman (1971), "A non-cooperative equilibrium for supergames",
///   Review of Economic Studies 38(1), 1–12, doi:10.2307/2296617; B. D. Bernheim and
///   M. D. Whinston (1990), "Multimarket contact and collusive behavior", RAND Journal of
///   Economics 21(1), 1–26, doi:10.2307/2555490.
public struct PolicyAnalysisModel: AnalyzableModel {
    public let model: PolicyModel
    public let scenario: String
    public let parameterNames: [String]
    public let baseline: [Double]
    public let parameterSpecs: [ParameterSpec]
    public let scalarNames: [String]
    /// Indices of the parameters the discount factors depend on.
    public let discountParameters: [Int]
    let batch: PayoffBatch
    let layout: DomainLayout
    /// One expression per player (a common δ is repeated).
    let discount: [ModelExpression]

    /// The model at `scenario` ("baseline" or one of the model's scenarios).
    public init(model: PolicyModel, scenario: String = "baseline") throws {
        precondition(!model.domains.isEmpty, "a loaded model has at least one domain")
        self.model = model
        self.scenario = scenario
        var theta = model.baseline
        var disc = model.discount
        if scenario != "baseline" {
            guard let s = model.scenario(named: scenario) else {
                throw PolicyAnalysisError(unknownNameMessage(scenario, known: ["baseline"] + model.scenarios.map(\.name), kind: "scenario")
                                          + " in \(model.path)")
            }
            for (i, v) in s.overrides { theta[i] = v }
            if let d = s.discount { disc = d }
        }
        let players = model.players.count
        discount = disc.count == 1 ? Array(repeating: disc[0], count: players) : disc
        discountParameters = Set(discount.flatMap(\.compiled.dependencies)).sorted()
        parameterNames = model.parameterNames
        baseline = theta
        parameterSpecs = model.parameters.enumerated().map { i, p in
            let half = max(1, abs(theta[i])) / 2
            let low = p.lowerBound ?? (theta[i] - half), high = p.upperBound ?? (theta[i] + half)
            return ParameterSpec(name: p.name, baseline: theta[i], low: low, high: high)
        }
        var names = model.domains.map { "critical_delta/" + $0.name }
        names += ["linked_delta", "joint_payoff"]
        names += model.players.map { "payoff/" + $0 }
        names.append("cooperating_domains")
        names += model.domains.map { "equilibria/" + $0.name }
        names += (model.states?.states ?? []).map { "share/" + $0.name }
        scalarNames = names
        batch = PayoffBatch(model: model)
        layout = DomainLayout(model)
        guard model.domains.count <= 12 else {
            throw PolicyAnalysisError("\(model.path): \(model.domains.count) domains; sets of domains are enumerated only up to 12")
        }
    }

    public func scalars(_ output: PolicyPointResult) -> [Double] { output.values }
    public func regime(_ output: PolicyPointResult) -> String { output.regime.rawValue }

    public func evaluate(points: Matrix) throws -> [PolicyPointResult] {
        let payoffs = try batch.evaluate(points: points)
        var scratch = PointScratch(model: model)
        var out = [PolicyPointResult]()
        out.reserveCapacity(points.rows)
        for i in 0..<points.rows {
            out.append(try evaluatePoint(i, points: points, payoffs: payoffs, scratch: &scratch))
        }
        return out
    }

    /// Buffers reused across the points of a chunk (no per-point allocation on the fast path).
    struct PointScratch {
        var row: [Double]
        var deltas: [Double]
        var table: [[Double]]
        /// Per domain: stage-equilibrium payoffs, `P` values per equilibrium.
        var equilibria: [[Double]]
        var coop: [Double]       // D × P
        var dev: [Double]        // D × P
        var aloneBest: [Int]     // D
        var aloneOK: [Bool]      // D
        var statusQuo: [Int]     // D
        var choice: [Int]
        var eqFlat: [Double]
        var eqCount: [Int]
        var values: [Double]
        init(model: PolicyModel) {
            let P = model.players.count, D = model.domains.count
            row = Array(repeating: 0, count: model.parameters.count)
            deltas = Array(repeating: 0, count: P)
            table = Array(repeating: [], count: P)
            equilibria = Array(repeating: [], count: D)
            for d in 0..<D { equilibria[d].reserveCapacity(4 * P) }
            coop = Array(repeating: 0, count: D * P)
            dev = Array(repeating: 0, count: D * P)
            aloneBest = Array(repeating: -1, count: D)
            aloneOK = Array(repeating: false, count: D)
            statusQuo = Array(repeating: -1, count: D)
            choice = Array(repeating: 0, count: D)
            eqFlat = Array(repeating: 0, count: D * 3 * P)
            eqCount = Array(repeating: 0, count: D)
            values = []
        }
    }

    func evaluatePoint(_ i: Int, points: Matrix, payoffs: Matrix, scratch s: inout PointScratch) throws -> PolicyPointResult {
        let P = model.players.count, D = model.domains.count
        let n = points.rows
        for j in 0..<points.columns { s.row[j] = points.storage[j * n + i] }
        for p in 0..<P {
            let d = discount[p].evaluate(s.row)
            guard d > 0 && d < 1 else {
                throw PolicyAnalysisError("\(model.path): the discount factor of \(model.players[p]) is \(d) at \(pointText(s.row)); it must lie strictly between 0 and 1")
            }
            s.deltas[p] = d
        }
        var determined = true
        for d in 0..<D {
            let cells = layout.cells[d]
            let base = batch.domainOffsets[d]
            @inline(__always) func u(_ p: Int, _ k: Int) -> Double { payoffs.storage[(base + p * cells + k) * n + i] }
            for p in 0..<P {
                for k in 0..<cells where !u(p, k).isFinite {
                    throw PolicyAnalysisError("\(model.path): payoff of \(model.players[p]) at profile \(k) in domain '\(model.domains[d].name)' is \(u(p, k)) at \(pointText(s.row))")
                }
            }
            s.equilibria[d].removeAll(keepingCapacity: true)
            if layout.twoByTwo[d] {
                let u0 = (u(0, 0), u(0, 1), u(0, 2), u(0, 3)), u1 = (u(1, 0), u(1, 1), u(1, 2), u(1, 3))
                if !stage2x2(u0, u1, into: &s.equilibria[d]) {
                    try generalEquilibria(d, u: u, scratch: &s)
                }
            } else {
                try generalEquilibria(d, u: u, scratch: &s)
            }
            // Cooperation and best deviation payoffs.
            let flat = layout.cooperativeProfile[d]
            for p in 0..<P {
                let cp = u(p, flat)
                var dv = cp
                let stride = layout.strides[d * P + p], own = layout.cooperative[d * P + p]
                for a in 0..<layout.actionCounts[d * P + p] { dv = max(dv, u(p, flat + (a - own) * stride)) }
                s.coop[d * P + p] = cp
                s.dev[d * P + p] = dv
            }
            let eqCount = s.equilibria[d].count / P
            if eqCount == 0 { determined = false; s.aloneBest[d] = -1; s.statusQuo[d] = -1; continue }
            // Best punishment alone, and the status quo (highest joint payoff, first on ties).
            var best = -1, bestValue = Double.infinity, sq = 0, sqJoint = -Double.infinity
            for e in 0..<eqCount {
                var v = 0.0, never = false, joint = 0.0
                for p in 0..<P {
                    let pun = s.equilibria[d][e * P + p]
                    joint += pun
                    if let t = criticalDelta(gain: s.dev[d * P + p] - s.coop[d * P + p], loss: s.coop[d * P + p] - pun) {
                        v = max(v, t)
                    } else { never = true }
                }
                let value = never ? Double.infinity : v
                if best < 0 || value < bestValue { best = e; bestValue = value }
                if joint > sqJoint { sq = e; sqJoint = joint }
            }
            s.aloneBest[d] = best
            s.statusQuo[d] = sq
            var ok = true
            for p in 0..<P {
                let pun = s.equilibria[d][best * P + p]
                guard let t = criticalDelta(gain: s.dev[d * P + p] - s.coop[d * P + p], loss: s.coop[d * P + p] - pun),
                      s.deltas[p] >= t else { ok = false; break }
            }
            s.aloneOK[d] = ok
        }

        // Scalars.
        s.values = Array(repeating: .nan, count: scalarNames.count)
        for d in 0..<D where s.aloneBest[d] >= 0 {
            var v = 0.0, never = false
            for p in 0..<P {
                let pun = s.equilibria[d][s.aloneBest[d] * P + p]
                if let t = criticalDelta(gain: s.dev[d * P + p] - s.coop[d * P + p], loss: s.coop[d * P + p] - pun) { v = max(v, t) } else { never = true }
            }
            s.values[d] = never ? 1 : v
        }
        for d in 0..<D { s.values[D + 3 + P + d] = Double(s.equilibria[d].count / P) }
        if let states = model.states?.states, !states.isEmpty {
            // Long-run shares of the selected pure MPE (NaN when none exists at this point).
            if let shares = try? longRunShares(model: model, theta: s.row, deltas: s.deltas) {
                for (j, st) in states.enumerated() { s.values[2 * D + 3 + P + j] = shares[st.name] ?? .nan }
            }
        }
        guard determined else { return PolicyPointResult(regime: .undetermined, values: s.values) }

        // Every set of domains: linked threshold (best punishment combination), joint payoff.
        var coopJoint = [Double](), sqJointD = [Double]()
        coopJoint.reserveCapacity(D); sqJointD.reserveCapacity(D)
        for d in 0..<D {
            var cj = 0.0, qj = 0.0
            for p in 0..<P { cj += s.coop[d * P + p]; qj += s.equilibria[d][s.statusQuo[d] * P + p] }
            coopJoint.append(cj); sqJointD.append(qj)
        }
        // Flatten the equilibria (stride: the most equilibria of any domain) for the set loop.
        var maxEq = 1
        for d in 0..<D { maxEq = max(maxEq, s.equilibria[d].count / P) }
        let stride = maxEq * P
        if s.eqFlat.count < D * stride { s.eqFlat = Array(repeating: 0, count: D * stride) }
        for d in 0..<D {
            s.eqCount[d] = s.equilibria[d].count / P
            for (j, v) in s.equilibria[d].enumerated() { s.eqFlat[d * stride + j] = v }
        }
        var topMask = 0
        var topJoint = sqJointD.reduce(0, +)
        var linkedAll = Double.nan
        let full = (1 << D) - 1
        s.eqFlat.withUnsafeBufferPointer { eq in
            s.coop.withUnsafeBufferPointer { coop in
                s.dev.withUnsafeBufferPointer { dev in
                    s.eqCount.withUnsafeBufferPointer { count in
                        s.aloneBest.withUnsafeBufferPointer { aloneBest in
                            s.deltas.withUnsafeBufferPointer { deltas in
                                s.choice.withUnsafeMutableBufferPointer { choice in
                                    let sets = LinkedSets(players: P, domains: D, stride: stride, coop: coop, dev: dev, equilibria: eq,
                                                          counts: count, aloneBest: aloneBest, deltas: deltas)
                                    for mask in 1...full {
                                        let (value, sustainable) = sets.linked(mask: mask, choice: choice)
                                        if mask == full { linkedAll = value ?? 1 }
                                        guard sustainable else { continue }
                                        var joint = 0.0
                                        for d in 0..<D { joint += mask & (1 << d) != 0 ? coopJoint[d] : sqJointD[d] }
                                        if precedes(mask, joint, topMask, topJoint) { topMask = mask; topJoint = joint }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        s.values[D] = linkedAll
        s.values[D + 1] = topJoint
        for p in 0..<P {
            var total = 0.0
            for d in 0..<D { total += topMask & (1 << d) != 0 ? s.coop[d * P + p] : s.equilibria[d][s.statusQuo[d] * P + p] }
            s.values[D + 2 + p] = total
        }
        s.values[D + 2 + P] = Double(topMask.nonzeroBitCount)
        let regime: PolicyRegime
        if topMask == 0 {
            regime = .decoupling
        } else if (0..<D).contains(where: { topMask & (1 << $0) != 0 && !s.aloneOK[$0] }) {
            regime = .linkageDependent
        } else {
            regime = topMask == (1 << D) - 1 ? .fullCooperation : .managedCompetition
        }
        return PolicyPointResult(regime: regime, values: s.values)
    }

    /// Whether set `a` (joint `ja`) ranks before set `b`: higher joint payoff, then more
    /// domains, then lexicographically smaller list of domain indices.
    func precedes(_ a: Int, _ ja: Double, _ b: Int, _ jb: Double) -> Bool {
        if ja != jb { return ja > jb }
        if a.nonzeroBitCount != b.nonzeroBitCount { return a.nonzeroBitCount > b.nonzeroBitCount }
        var x = a, y = b
        while x != 0 && y != 0 {
            let i = x.trailingZeroBitCount, j = y.trailingZeroBitCount
            if i != j { return i < j }
            x &= x - 1; y &= y - 1
        }
        return x == 0 && y != 0
    }

    /// Stage equilibria of a 2×2 game in closed form (payoffs in flat order, player 0
    /// fastest); false when the game is degenerate (a player indifferent between its actions
    /// against some pure action), which the general solver handles.
    func stage2x2(_ u0: (Double, Double, Double, Double), _ u1: (Double, Double, Double, Double),
                  into eq: inout [Double]) -> Bool {
        // Row player's advantage of action 0 over 1 against column action b; column's against row a.
        let r0 = u0.0 - u0.1, r1 = u0.2 - u0.3
        let c0 = u1.0 - u1.2, c1 = u1.1 - u1.3
        guard r0 != 0, r1 != 0, c0 != 0, c1 != 0 else { return false }
        @inline(__always) func at(_ t: (Double, Double, Double, Double), _ k: Int) -> Double {
            switch k { case 0: return t.0; case 1: return t.1; case 2: return t.2; default: return t.3 }
        }
        var pure = 0
        for k in 0..<4 {
            let a = k & 1, b = k >> 1
            let rowBest = (b == 0 ? r0 : r1) > 0 ? a == 0 : a == 1
            let colBest = (a == 0 ? c0 : c1) > 0 ? b == 0 : b == 1
            if rowBest && colBest { eq.append(at(u0, k)); eq.append(at(u1, k)); pure += 1 }
        }
        if pure != 1 {
            // Column plays action 0 with q making the row player indifferent; row plays 0 with p.
            let q = r1 / (r1 - r0), p = c1 / (c1 - c0)
            guard q > 0, q < 1, p > 0, p < 1 else { return false }
            eq.append(q * u0.0 + (1 - q) * u0.2)
            eq.append(p * u1.0 + (1 - p) * u1.1)
        }
        return true
    }

    /// Stage equilibria by the general solver (floating point), each checked by regret.
    func generalEquilibria(_ d: Int, u: (Int, Int) -> Double, scratch s: inout PointScratch) throws {
        let dom = model.domains[d]
        let P = model.players.count
        for p in 0..<P { s.table[p] = (0..<dom.profileCount).map { u(p, $0) } }
        do {
            let game = try NormalFormGame(title: dom.name, players: model.players, actions: dom.actions, payoffs: s.table)
            let report = try solveEquilibria(game, arithmetic: .floatingPoint)
            for e in report.equilibria where e.regret <= 1e-9 * (1 + game.payoffTable.joined().map(abs).max()!) {
                s.equilibria[d].append(contentsOf: e.payoffs)
            }
        } catch {
            throw PolicyAnalysisError("\(model.path): domain '\(dom.name)' at \(pointText(s.row)): \(error)")
        }
    }

    func pointText(_ row: [Double]) -> String {
        "(" + zip(parameterNames, row).map { "\($0)=\(formatNumber($1))" }.joined(separator: ", ") + ")"
    }
}

/// The critical discount factor of one incentive constraint (`IncentiveConstraint`):
/// 0 if there is no gain from deviating, nil (never) if the punishment is no loss, else
/// gain / (gain + loss).
@inline(__always)
func criticalDelta(gain: Double, loss: Double) -> Double? {
    if gain <= 0 { return 0 }
    if loss <= 0 { return nil }
    return gain / (gain + loss)
}

/// "unknown KIND 'x'; did you mean 'y'?" with the closest known name by edit distance.
public func unknownNameMessage(_ name: String, known: [String], kind: String) -> String {
    var message = "unknown \(kind) '\(name)'"
    var best: (String, Int)?
    for k in known {
        let d = editDistance(Array(name.lowercased()), Array(k.lowercased()))
        if d <= max(2, name.count / 3), d < name.count, best == nil || d < best!.1 { best = (k, d) }
    }
    if let best { message += "; did you mean '\(best.0)'?" }
    if !known.isEmpty { message += " (known: \(known.joined(separator: ", ")))" }
    return message
}

func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(1, b.count) where j <= b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}

/// The per-point data of the linked-threshold search over sets of domains, as flat buffers
/// (`coop`, `dev`: domain-major, P per domain; `equilibria`: `stride` values per domain).
struct LinkedSets {
    let players: Int, domains: Int, stride: Int
    let coop: UnsafeBufferPointer<Double>, dev: UnsafeBufferPointer<Double>, equilibria: UnsafeBufferPointer<Double>
    let counts: UnsafeBufferPointer<Int>, aloneBest: UnsafeBufferPointer<Int>, deltas: UnsafeBufferPointer<Double>

    /// The pooled Nash-reversion threshold of cooperation on the domains of `mask`, minimised
    /// over combinations of punishments (first domain fastest; first minimum kept; beyond 4096
    /// combinations each domain's own best punishment, as in `solve`), and whether it is
    /// sustainable at the point's discount factors. `nil`: never sustainable.
    func linked(mask: Int, choice: UnsafeMutableBufferPointer<Int>) -> (Double?, Bool) {
        let P = players
        var combos = 1
        var m = mask
        while m != 0 {
            let d = m.trailingZeroBitCount
            m &= m - 1
            let c = combos * counts[d]
            combos = c > 4096 ? 4097 : c
        }
        m = mask
        while m != 0 {
            let d = m.trailingZeroBitCount
            m &= m - 1
            choice[d] = combos > 4096 ? aloneBest[d] : 0
        }
        var found = false
        var bestValue: Double?
        var bestSustainable = false
        while true {
            var value = 0.0, never = false, sustainable = true
            for p in 0..<P {
                var c = 0.0, dv = 0.0, pun = 0.0
                var m = mask
                while m != 0 {
                    let d = m.trailingZeroBitCount
                    m &= m - 1
                    c += coop[d * P + p]; dv += dev[d * P + p]; pun += equilibria[d * stride + choice[d] * P + p]
                }
                if let t = criticalDelta(gain: dv - c, loss: c - pun) {
                    value = max(value, t)
                    if deltas[p] < t { sustainable = false }
                } else { never = true; sustainable = false }
            }
            let v: Double? = never ? nil : value
            if !found || (v ?? .infinity) < (bestValue ?? .infinity) {
                found = true; bestValue = v; bestSustainable = sustainable
            }
            if combos == 1 || combos > 4096 { break }
            var m = mask, carried = true
            while m != 0 {
                let d = m.trailingZeroBitCount
                m &= m - 1
                choice[d] += 1
                if choice[d] < counts[d] { carried = false; break }
                choice[d] = 0
            }
            if carried { break }
        }
        return (bestValue, bestSustainable)
    }
}

/// The shapes of a model's domains as flat arrays, so the per-point loop reads no nested
/// model structures. Per domain d and player p (index d·P + p): action counts, flat-index
/// strides (player 0 fastest), the cooperative action; per domain: profile count, the
/// cooperative profile's flat index, and whether the stage game is 2×2 with two players.
struct DomainLayout: Sendable {
    let cells: [Int]
    let actionCounts: [Int]
    let strides: [Int]
    let cooperative: [Int]
    let cooperativeProfile: [Int]
    let twoByTwo: [Bool]

    init(_ model: PolicyModel) {
        var cells = [Int](), counts = [Int](), strides = [Int](), coop = [Int](), flat = [Int](), two = [Bool]()
        for dom in model.domains {
            cells.append(dom.profileCount)
            var stride = 1, k = 0
            for (p, a) in dom.cooperative.enumerated() {
                counts.append(dom.actions[p].count); strides.append(stride); coop.append(a)
                k += a * stride; stride *= dom.actions[p].count
            }
            flat.append(k)
            two.append(model.players.count == 2 && dom.shape == [2, 2])
        }
        self.cells = cells; actionCounts = counts; self.strides = strides; cooperative = coop
        cooperativeProfile = flat; twoByTwo = two
    }
}
