import LinearAlgebra

/// Evaluates every payoff of a model at many parameter points at once.
///
/// Entry order (the columns of the result): domain-major, then player, then profile in flat
/// order (player 0 fastest): `entry(domain:player:profile:)` gives the column.
///
/// Payoffs that are affine in the parameters (`c₀ + Σᵢ cᵢ θᵢ`, the common case) are evaluated
/// for all points as one matrix product `[1 | Θ] · C` with `Θ` the points × parameters matrix
/// and `C` the (parameters + 1) × entries coefficient matrix (BLAS `dgemm`); the others by the
/// compiled bytecode, point by point.
///
/// - Complexity: O(n · (k + 1) · E) for n points, k parameters and E entries.
public struct PayoffBatch: Sendable {
    public let parameterCount: Int
    /// Columns of each domain's first entry.
    public let domainOffsets: [Int]
    public let playerCount: Int
    public let profileCounts: [Int]
    public let entryCount: Int
    let expressions: [CompiledExpression]
    let affineColumns: [Int]
    let otherColumns: [Int]
    let coefficients: Matrix

    public init(model: PolicyModel) {
        parameterCount = model.parameters.count
        playerCount = model.players.count
        profileCounts = model.domains.map(\.profileCount)
        var offsets = [Int](), exprs = [CompiledExpression]()
        for d in model.domains {
            offsets.append(exprs.count)
            for row in d.payoffs { exprs.append(contentsOf: row.map(\.compiled)) }
        }
        domainOffsets = offsets
        expressions = exprs
        entryCount = exprs.count
        affineColumns = exprs.indices.filter { exprs[$0].affine != nil }
        otherColumns = exprs.indices.filter { exprs[$0].affine == nil }
        var c = Matrix(rows: parameterCount + 1, columns: affineColumns.count)
        for (j, e) in affineColumns.enumerated() {
            for (i, a) in exprs[e].affine!.enumerated() { c[i, j] = a }
        }
        coefficients = c
    }

    /// The column of a payoff entry.
    public func entry(domain: Int, player: Int, profile: Int) -> Int {
        domainOffsets[domain] + player * profileCounts[domain] + profile
    }

    /// Whether every payoff is affine in the parameters (the whole batch is one product).
    public var isAffine: Bool { otherColumns.isEmpty }

    /// The payoffs at each row of `points` (n × parameters): an n × entries matrix.
    public func evaluate(points: Matrix) throws -> Matrix {
        guard points.columns == parameterCount else {
            throw LinearAlgebraError.dimensionMismatch("points have \(points.columns) columns; the model has \(parameterCount) parameters")
        }
        let n = points.rows
        var product: Matrix?
        if !affineColumns.isEmpty {
            var design = Matrix(rows: n, columns: parameterCount + 1, repeating: 1)
            design.storage.replaceSubrange(n..<(n * (parameterCount + 1)), with: points.storage)
            product = try multiply(design, coefficients)
            // Every entry affine: the product, column for column, is the answer.
            if otherColumns.isEmpty { return product! }
        }
        var out = Matrix(rows: n, columns: entryCount)
        if let product {
            for (j, e) in affineColumns.enumerated() {
                out.storage.replaceSubrange((e * n)..<((e + 1) * n), with: product.storage[(j * n)..<((j + 1) * n)])
            }
        }
        if !otherColumns.isEmpty {
            // Block-wise bytecode: one instruction over `block` points at a time.
            let block = 512
            let depth = max(1, otherColumns.map { expressions[$0].stackDepth }.max()!)
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: depth * block)
            defer { scratch.deallocate() }
            points.storage.withUnsafeBufferPointer { p in
                out.storage.withUnsafeMutableBufferPointer { o in
                    for e in otherColumns {
                        var start = 0
                        while start < n {
                            let end = min(n, start + block)
                            expressions[e].evaluateBlock(points: p.baseAddress!, rows: n, range: start..<end,
                                                         output: o.baseAddress! + e * n + start, scratch: scratch)
                            start = end
                        }
                    }
                }
            }
        }
        return out
    }

    /// The payoffs at one point by the scalar evaluator (the reference for `evaluate(points:)`).
    public func evaluate(point theta: [Double]) -> [Double] {
        expressions.map { $0.evaluate(theta) }
    }
}
