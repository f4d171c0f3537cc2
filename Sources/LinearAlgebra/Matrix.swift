/// A dense matrix of `Double` stored in column-major order, the layout LAPACK and BLAS use.
///
/// Element `(i, j)` (row `i`, column `j`, both zero-based) lives at `storage[i + j * rows]`.
/// `Matrix` is a value type with copy-on-write storage (it wraps a Swift array).
///
/// ```swift
/// var a = Matrix(rows: 2, columns: 2, rowMajor: [1, 2,
///                                                 3, 4])
/// a[1, 0] = 5
/// ```
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Column-major elements: `storage[i + j * rows]` is element `(i, j)`.
    public var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from column-major elements.
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(columnMajor.count == rows * columns, "expected \(rows * columns) elements, got \(columnMajor.count)")
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from row-major elements (the order in which one writes a matrix by hand).
    public init(rows: Int, columns: Int, rowMajor: [Double]) {
        precondition(rowMajor.count == rows * columns, "expected \(rows * columns) elements, got \(rowMajor.count)")
        self.rows = rows
        self.columns = columns
        var s = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            for j in 0..<columns { s[i + j * rows] = rowMajor[i * columns + j] }
        }
        self.storage = s
    }

    /// A matrix from an array of rows; every row must have the same length.
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "rows of unequal length")
        self.init(rows: r, columns: c, rowMajor: rowArrays.flatMap { $0 })
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] }
        }
        return t
    }

    /// The rows as arrays (row-major view), convenient for printing and tests.
    public var rowArrays: [[Double]] {
        (0..<rows).map { i in (0..<columns).map { j in self[i, j] } }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    public var description: String {
        rowArrays.map { $0.map { "\($0)" }.joined(separator: "\t") }.joined(separator: "\n")
    }
}
