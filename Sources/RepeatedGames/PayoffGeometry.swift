import GameTheory

/// A point of the plane of two players' payoffs `(u₁, u₂)` (player 0 first).
public struct PayoffPoint<T: GameScalar>: Sendable, Hashable {
    public var x: T
    public var y: T
    public init(_ x: T, _ y: T) { self.x = x; self.y = y }
    public subscript(player: Int) -> T { player == 0 ? x : y }
    public var doubleValue: PayoffPoint<Double> { PayoffPoint<Double>(x.doubleValue, y.doubleValue) }

    public static func == (a: PayoffPoint, b: PayoffPoint) -> Bool { a.x == b.x && a.y == b.y }
    public func hash(into h: inout Hasher) { h.combine(x.doubleValue); h.combine(y.doubleValue) }
}

/// The tolerance that counts as zero in an arithmetic: 0 when exact, `1e-10·scale` otherwise.
@inline(__always) func zeroTolerance<T: GameScalar>(_: T.Type, scale: Double = 1) -> T {
    if T.isExact { return T.zero }
    return T(1) / T(10_000_000_000) * T(Int(max(1, scale.rounded(.up))))
}

/// `(b − a) × (c − a)`: positive when `a, b, c` turn counter-clockwise.
@inline(__always) func cross<T: GameScalar>(_ a: PayoffPoint<T>, _ b: PayoffPoint<T>, _ c: PayoffPoint<T>) -> T {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// The vertices of the convex hull of `points`, counter-clockwise, starting from the
/// lexicographically smallest `(x, y)`; collinear and repeated points are dropped.
///
/// Degenerate inputs: no point gives `[]`, one point (or all equal) gives one vertex, collinear
/// points give the two ends of the segment. In floating point, a vertex closer than
/// `tolerance` to the segment joining its neighbours is dropped afterwards (a near-collinear
/// point, usually rounding noise); exact arithmetic uses 0 and drops exactly collinear ones.
///
/// - Complexity: O(n log n) (Andrew's monotone chain).
/// - References: A. M. Andrew (1979), "Another efficient algorithm for convex hulls in two
///   dimensions", Information Processing Letters 9(5), 216–219. doi:10.1016/0020-0190(79)90072-3
public func convexHull<T: GameScalar>(_ points: [PayoffPoint<T>], tolerance: T = T.zero) -> [PayoffPoint<T>] {
    let sorted = points.sorted { $0.x < $1.x || ($0.x == $1.x && $0.y < $1.y) }
    var pts = [PayoffPoint<T>]()
    pts.reserveCapacity(sorted.count)
    for p in sorted {
        if let l = pts.last, magnitudeOf(l.x - p.x) <= tolerance, magnitudeOf(l.y - p.y) <= tolerance { continue }
        pts.append(p)
    }
    if pts.count <= 2 { return pts }
    var lower = [PayoffPoint<T>](), upper = [PayoffPoint<T>]()
    for p in pts {
        while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= T.zero { lower.removeLast() }
        lower.append(p)
    }
    for p in pts.reversed() {
        while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= T.zero { upper.removeLast() }
        upper.append(p)
    }
    lower.removeLast()
    upper.removeLast()
    var hull = lower + upper
    if hull.count == 2 && hull[0] == hull[1] { return [hull[0]] }
    if tolerance > T.zero { hull = simplifyPolygon(hull, tolerance: tolerance.doubleValue) }
    return hull
}

@inline(__always) func magnitudeOf<T: GameScalar>(_ x: T) -> T { x < T.zero ? -x : x }

/// The part of the convex polygon `polygon` (counter-clockwise vertices; a point or a segment
/// allowed) where coordinate `player` is at least `bound`, as polygon vertices (not yet hulled).
///
/// - Complexity: O(n).
func clip<T: GameScalar>(_ polygon: [PayoffPoint<T>], player: Int, atLeast bound: T, tolerance: T) -> [PayoffPoint<T>] {
    let n = polygon.count
    if n == 0 { return [] }
    if n == 1 { return polygon[0][player] >= bound - tolerance ? polygon : [] }
    var out = [PayoffPoint<T>]()
    for k in 0..<n {
        let p = polygon[k], q = polygon[(k + 1) % n]
        let pin = p[player] >= bound - tolerance, qin = q[player] >= bound - tolerance
        if pin {
            // Points within the tolerance below the bound are moved onto it, so rounding
            // cannot drift the set downwards from one iteration to the next.
            if p[player] < bound {
                var snapped = p
                if player == 0 { snapped.x = bound } else { snapped.y = bound }
                out.append(snapped)
            } else { out.append(p) }
        }
        if pin != qin {
            let t = (bound - p[player]) / (q[player] - p[player])
            var r = PayoffPoint(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y))
            if player == 0 { r.x = bound } else { r.y = bound }
            out.append(r)
        }
    }
    return out
}

/// Whether `p` lies in the convex polygon (counter-clockwise vertices), within `tolerance`.
func contains<T: GameScalar>(_ polygon: [PayoffPoint<T>], _ p: PayoffPoint<T>, tolerance: Double) -> Bool {
    distance(p, toPolygon: polygon) <= tolerance
}

func distance<T: GameScalar>(_ a: PayoffPoint<T>, _ b: PayoffPoint<T>) -> Double {
    let dx = a.x.doubleValue - b.x.doubleValue, dy = a.y.doubleValue - b.y.doubleValue
    return (dx * dx + dy * dy).squareRoot()
}

func segmentDistance<T: GameScalar>(_ p: PayoffPoint<T>, _ a: PayoffPoint<T>, _ b: PayoffPoint<T>) -> Double {
    let px = p.x.doubleValue, py = p.y.doubleValue, ax = a.x.doubleValue, ay = a.y.doubleValue
    let dx = b.x.doubleValue - ax, dy = b.y.doubleValue - ay
    let len2 = dx * dx + dy * dy
    var t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0
    t = min(1, max(0, t))
    let qx = ax + t * dx - px, qy = ay + t * dy - py
    return (qx * qx + qy * qy).squareRoot()
}

/// Distance from a point to a convex polygon (0 inside).
func distance<T: GameScalar>(_ p: PayoffPoint<T>, toPolygon polygon: [PayoffPoint<T>]) -> Double {
    if polygon.isEmpty { return .infinity }
    if polygon.count >= 3 && polygon.indices.allSatisfy({ cross(polygon[$0], polygon[($0 + 1) % polygon.count], p) >= T.zero }) {
        return 0
    }
    if polygon.count == 1 { return distance(p, polygon[0]) }
    return polygon.indices.map { segmentDistance(p, polygon[$0], polygon[($0 + 1) % polygon.count]) }.min()!
}

/// The Hausdorff distance between two convex polygons (their vertices suffice: the distance to
/// a convex set is a convex function, maximised at a vertex). Infinite when exactly one is empty.
public func hausdorffDistance<T: GameScalar>(_ a: [PayoffPoint<T>], _ b: [PayoffPoint<T>]) -> Double {
    if a.isEmpty && b.isEmpty { return 0 }
    if a.isEmpty || b.isEmpty { return .infinity }
    let ab = a.map { distance($0, toPolygon: b) }.max()!
    let ba = b.map { distance($0, toPolygon: a) }.max()!
    return max(ab, ba)
}

/// The simplest fraction within `tolerance` of `x` with denominator at most `maxDenominator`
/// (continued-fraction convergents), or `nil`.
func simplestRational(_ x: Double, tolerance: Double, maxDenominator: Int = 1_000_000) -> Rational? {
    guard x.isFinite, abs(x) < 1e12 else { return nil }
    var h0 = 0, h1 = 1, k0 = 1, k1 = 0
    var r = x
    for _ in 0..<64 {
        let a = r.rounded(.down)
        guard abs(a) < 1e12 else { return nil }
        let ai = Int(a)
        let (h2, k2) = (ai * h1 + h0, ai * k1 + k0)
        if k2 > maxDenominator { return nil }
        if abs(Double(h2) / Double(k2) - x) <= tolerance { return Rational(h2, k2) }
        (h0, h1, k0, k1) = (h1, h2, k1, k2)
        let f = r - a
        if f == 0 { return nil }
        r = 1 / f
    }
    return nil
}

/// Drops, from a convex polygon's counter-clockwise vertices, those within `tolerance` of the
/// previous vertex or of the segment joining their neighbours (rounding noise), until none is.
func simplifyPolygon<T: GameScalar>(_ polygon: [PayoffPoint<T>], tolerance tol: Double) -> [PayoffPoint<T>] {
    var hull = polygon
    var removed = true
    while removed && hull.count > 2 {
        removed = false
        for k in hull.indices {
            let prev = hull[(k + hull.count - 1) % hull.count], next = hull[(k + 1) % hull.count]
            if distance(hull[k], prev) <= tol || segmentDistance(hull[k], prev, next) <= tol {
                hull.remove(at: k)
                removed = true
                break
            }
        }
    }
    if hull.count == 2 && distance(hull[0], hull[1]) <= tol { hull.removeLast() }
    return hull
}
