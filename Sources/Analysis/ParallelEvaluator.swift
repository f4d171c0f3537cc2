import Foundation
import LinearAlgebra

/// Evaluates a `ParameterModel` at many points, split into fixed-size chunks spread over
/// worker threads.
///
/// Chunks have `chunkSize` points whatever the number of workers, each chunk is one call to
/// `evaluate(points:)`, and results are stored by chunk index, so the output is the same
/// array for 1 or 64 workers. OpenBLAS is set to one thread (`setBLASThreadCount(1)`):
/// parallelism comes from the workers (one BLAS thread per worker is faster here, DESIGN.md §4).
///
/// - Complexity: O(points) model evaluations; memory O(points) outputs.
public struct ParallelEvaluator: Sendable {
    /// Worker threads (≥ 1).
    public var workers: Int
    /// Points per call to the model (≥ 1).
    public var chunkSize: Int

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, chunkSize: Int = 512) {
        self.workers = max(1, workers)
        self.chunkSize = max(1, chunkSize)
    }

    /// The outputs at full parameter vectors `points` (columns in `model.parameterNames` order).
    ///
    /// - Throws: the first error (by chunk order) thrown by the model, or
    ///   `AnalysisError.modelFailure` if the model returns the wrong number of outputs.
    public func evaluate<M: ParameterModel>(_ model: M, points: [[Double]]) throws -> [M.Output] {
        let columns = model.parameterNames.count
        return try evaluate(model, count: points.count) { m, lo in
            for i in 0..<m.rows {
                let p = points[lo + i]
                precondition(p.count == columns, "point \(lo + i) has \(p.count) values; the model has \(columns) parameters")
                for j in 0..<columns { m[i, j] = p[j] }
            }
        }
    }

    /// The outputs with the `varied` parameters set to each row of `values` and the others at
    /// the model's baseline. The full parameter vectors are written straight into each chunk's
    /// matrix (no per-point arrays).
    public func evaluate<M: ParameterModel>(_ model: M, varying varied: [String],
                                            values: [[Double]]) throws -> [M.Output] {
        let cols = try model.columns(of: varied)
        let baseline = model.baseline
        return try evaluate(model, count: values.count) { m, lo in
            for j in 0..<m.columns {
                for i in 0..<m.rows { m[i, j] = baseline[j] }
            }
            for i in 0..<m.rows {
                let v = values[lo + i]
                precondition(v.count == cols.count, "point \(lo + i) has \(v.count) values for \(cols.count) parameters")
                for (k, j) in cols.enumerated() { m[i, j] = v[k] }
            }
        }
    }

    /// The core: `count` points in chunks; `fill(matrix, firstRow)` writes rows
    /// `firstRow ..< firstRow + matrix.rows` of the full parameter matrix into the chunk.
    func evaluate<M: ParameterModel>(_ model: M, count n: Int,
                                     fill: @escaping @Sendable (inout Matrix, Int) -> Void) throws -> [M.Output] {
        if n == 0 { return [] }
        let columns = model.parameterNames.count
        let chunkCount = (n + chunkSize - 1) / chunkSize
        let slots = ChunkSlots<M.Output>(count: chunkCount)
        let size = chunkSize
        let work: @Sendable (Int) -> Void = { c in
            let lo = c * size, hi = min(n, lo + size)
            var m = Matrix(rows: hi - lo, columns: columns)
            fill(&m, lo)
            do {
                let out = try model.evaluate(points: m)
                guard out.count == hi - lo else {
                    throw AnalysisError.modelFailure("model returned \(out.count) outputs for \(hi - lo) points")
                }
                slots.set(c, .success(out))
            } catch {
                slots.set(c, .failure(error))
            }
        }
        setBLASThreadCount(1)
        if workers == 1 || chunkCount == 1 {
            for c in 0..<chunkCount { work(c) }
        } else {
            let next = ChunkCounter()
            DispatchQueue.concurrentPerform(iterations: min(workers, chunkCount)) { _ in
                while let c = next.take(below: chunkCount) { work(c) }
            }
        }
        var result = [M.Output]()
        result.reserveCapacity(n)
        for c in 0..<chunkCount {
            switch slots.get(c) {
            case let .success(out)?: result.append(contentsOf: out)
            case let .failure(e)?: throw e
            case nil: throw AnalysisError.modelFailure("chunk \(c) was not evaluated")
            }
        }
        return result
    }
}

/// Per-chunk results written by workers under a lock.
final class ChunkSlots<T>: @unchecked Sendable {
    private var slots: [Result<[T], any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<[T], any Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<[T], any Error>? { lock.lock(); defer { lock.unlock() }; return slots[i] }
}

/// A shared counter handing out work items 0, 1, 2, ... to workers.
final class ChunkCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below n: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < n else { return nil }
        value += 1
        return value - 1
    }
}
