/// Maximal Nash subsets (the convex pieces of the equilibrium components) of a two-player
/// game, from its extreme equilibria.
///
/// Definition (Avis et al. 2010, §6; Winkels 1979). Build the bipartite graph whose left nodes
/// are the distinct row-player halves x of extreme equilibria, whose right nodes are the
/// distinct column-player halves y, and with an edge x–y when (x, y) is an extreme equilibrium.
/// A maximal Nash subset is conv(X) × conv(Y) for a maximal biclique X × Y (every pair an
/// equilibrium, neither side extendable). Every equilibrium lies in one of them, and the
/// topological components are unions of overlapping maximal Nash subsets.
///
/// The bicliques are the maximal cliques, with both sides non-empty, of the graph in which
/// the x nodes are pairwise adjacent, the y nodes pairwise adjacent, and x–y adjacent when
/// (x, y) is an equilibrium; they are found by Bron–Kerbosch with pivoting.
///
/// - Complexity: exponential in the worst case (as is the number of maximal bicliques); in
///   practice small, since it runs on the extreme equilibria only.
///
/// References:
/// - D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel (2010), "Enumeration of Nash
///   equilibria for two-player games", *Economic Theory* 42:9–37. doi:10.1007/s00199-009-0449-x
/// - C. Bron, J. Kerbosch (1973), "Algorithm 457: finding all cliques of an undirected graph",
///   *Communications of the ACM* 16(9):575–577. doi:10.1145/362342.362367
public enum NashComponents {
    /// The maximal Nash subsets as sorted lists of indices into `equilibria` (all extreme
    /// equilibria of the game, as exact (x, y) pairs), sorted by their first index.
    public static func maximalNashSubsets(_ equilibria: [(x: [Rational], y: [Rational])]) -> [[Int]] {
        var xs = [[Rational]](), ys = [[Rational]]()
        var xIndex = [[Rational]: Int](), yIndex = [[Rational]: Int]()
        var edges = [(Int, Int)]()
        for e in equilibria {
            let i = xIndex[e.x] ?? { xs.append(e.x); xIndex[e.x] = xs.count - 1; return xs.count - 1 }()
            let j = yIndex[e.y] ?? { ys.append(e.y); yIndex[e.y] = ys.count - 1; return ys.count - 1 }()
            edges.append((i, j))
        }
        let nx = xs.count, total = xs.count + ys.count
        var adjacent = [Set<Int>](repeating: [], count: total)
        for u in 0..<nx { for v in 0..<nx where v != u { adjacent[u].insert(v) } }
        for u in nx..<total { for v in nx..<total where v != u { adjacent[u].insert(v) } }
        for (i, j) in edges { adjacent[i].insert(nx + j); adjacent[nx + j].insert(i) }

        var cliques = [Set<Int>]()
        func bronKerbosch(_ r: Set<Int>, _ p: Set<Int>, _ x: Set<Int>) {
            if p.isEmpty && x.isEmpty { cliques.append(r); return }
            let pivot = p.union(x).max { adjacent[$0].intersection(p).count < adjacent[$1].intersection(p).count }!
            var p = p, x = x
            for v in p.subtracting(adjacent[pivot]).sorted() {
                bronKerbosch(r.union([v]), p.intersection(adjacent[v]), x.intersection(adjacent[v]))
                p.remove(v)
                x.insert(v)
            }
        }
        bronKerbosch([], Set(0..<total), [])
        var result = [[Int]]()
        for c in cliques {
            let cx = Set(c.filter { $0 < nx }), cy = Set(c.filter { $0 >= nx }.map { $0 - nx })
            guard !cx.isEmpty, !cy.isEmpty else { continue }
            result.append(edges.indices.filter { cx.contains(edges[$0].0) && cy.contains(edges[$0].1) })
        }
        return result.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
