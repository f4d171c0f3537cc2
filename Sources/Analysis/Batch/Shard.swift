/// A deterministic slice `K/N` of a batch plan (K in 1...N), for clusters: shard K of N runs
/// only its jobs, and the N shards together run every job exactly once.
///
/// Jobs are assigned by the longest-processing-time rule on their estimated costs: sorted by
/// decreasing cost (ties by name), each goes to the shard with the least total cost so far
/// (ties to the shard with fewer jobs, then the lowest number). The assignment depends only on the plan's names and
/// costs, so every task of an array computes the same split without talking to the others;
/// LPT's makespan is at most 4/3 of the optimum.
///
/// - Complexity: O(J log J + J·N) for J jobs.
/// - References: R. L. Graham (1969), "Bounds on multiprocessing timing anomalies", SIAM
///   Journal on Applied Mathematics 17(2), 416–429. doi:10.1137/0117039
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based shard number.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw BatchError.invalidShard("\(index)/\(count)", reason: "the number of shards must be at least 1") }
        guard index >= 1, index <= count else {
            throw BatchError.invalidShard("\(index)/\(count)", reason: "shard number must be in 1...\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw BatchError.invalidShard(text, reason: "expected K/N with whole numbers, e.g. 3/8")
        }
        try self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// For each shard 1...count, the indices (into `costs`) of its jobs, in plan order.
    public static func assignment(names: [String], costs: [Double], count: Int) -> [[Int]] {
        precondition(names.count == costs.count && count >= 1)
        let order = names.indices.sorted { a, b in
            let ca = costs[a].isFinite ? max(0, costs[a]) : 0, cb = costs[b].isFinite ? max(0, costs[b]) : 0
            return ca != cb ? ca > cb : names[a] < names[b]
        }
        var load = [Double](repeating: 0, count: count)
        var shards = [[Int]](repeating: [], count: count)
        for j in order {
            var best = 0
            for s in 1..<count where (load[s], shards[s].count) < (load[best], shards[best].count) { best = s }
            load[best] += costs[j].isFinite ? max(0, costs[j]) : 0
            shards[best].append(j)
        }
        return shards.map { $0.sorted() }
    }
}
