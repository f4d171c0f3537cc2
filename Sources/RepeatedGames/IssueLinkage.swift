import GameTheory

/// Which domains (issue areas, each a stage game with a designated cooperative profile) can
/// sustain cooperation on their own and which only when linked with others.
///
/// For every set S of domains, cooperation on S with linked punishments (a deviation anywhere
/// is punished everywhere in S) is sustainable when every player's pooled constraint holds:
/// `δᵢ ≥ Σ_{d∈S} gain_d / (Σ_{d∈S} gain_d + Σ_{d∈S} loss_d)` (`linkedThreshold`). A domain is
/// *linkage-dependent* when it is not sustainable alone but belongs to some sustainable
/// linked set.
///
/// - Complexity: O(2^D · D · N) for D domains (D ≤ 20).
/// - References: B. D. Bernheim and M. D. Whinston (1990), "Multimarket contact and
///   collusive behavior", RAND Journal of Economics 21(1), 1–26. doi:10.2307/2555490
public struct IssueLinkage: Sendable {
    /// Each domain's own thresholds.
    public var domains: [CriticalDiscountFactor]
    /// The discount factors used (one per player).
    public var deltas: [Double]
    /// Whether each domain is sustainable on its own at `deltas`.
    public var sustainableAlone: [Bool]
    /// Every non-empty set of domains (sorted indices) sustainable when linked, in order of
    /// size then lexicographically.
    public var sustainableSets: [[Int]]
    /// Domains sustainable only through linkage.
    public var linkageOnlyDomains: [Int]
    /// The linked threshold of all domains together.
    public var linkedAll: CriticalDiscountFactor

    public init(domains: [CriticalDiscountFactor], deltas: [Double]) throws {
        guard !domains.isEmpty, domains.count <= 20 else {
            throw RepeatedGameError.domainMismatch("issue linkage needs 1 to 20 domains; \(domains.count) given")
        }
        let players = domains[0].constraints.count
        for (d, dom) in domains.enumerated() where dom.constraints.count != players {
            throw RepeatedGameError.domainMismatch("domain \(d + 1) has \(dom.constraints.count) players; domain 1 has \(players)")
        }
        self.domains = domains
        self.deltas = try perPlayerDiscountFactors(deltas, players: players)
        let ds = self.deltas
        sustainableAlone = domains.map { $0.isSustainable(deltas: ds) }
        var sets = [[Int]]()
        for mask in 1..<(1 << domains.count) {
            let s = domains.indices.filter { mask & (1 << $0) != 0 }
            if linkedThreshold(s.map { domains[$0] }).isSustainable(deltas: ds) { sets.append(s) }
        }
        sustainableSets = sets.sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        let inSome = Set(sets.joined())
        let alone = sustainableAlone
        linkageOnlyDomains = inSome.filter { !alone[$0] }.sorted()
        linkedAll = linkedThreshold(domains)
    }
}
