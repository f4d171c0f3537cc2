import Foundation

/// The Dormand–Prince 5(4) embedded Runge–Kutta method with adaptive step size, for the
/// autonomous ODEs of evolutionary dynamics.
///
/// A step is accepted when the scaled error `maxᵢ |eᵢ| / (absoluteTolerance + relativeTolerance ·
/// max(|yᵢ|, |y′ᵢ|))` is at most 1; the next step is `h · min(5, max(0.2, 0.9 · err^(−1/5)))`.
/// The fifth-order solution is propagated (local extrapolation).
///
/// - Complexity: six right-hand-side evaluations per attempted step (first-same-as-last).
///
/// References:
/// - Dormand, J. R. & Prince, P. J. (1980). A family of embedded Runge–Kutta formulae.
///   Journal of Computational and Applied Mathematics 6(1), 19–26. doi:10.1016/0771-050X(80)90013-3
struct DormandPrince {
    var absoluteTolerance: Double
    var relativeTolerance: Double
    var minimumStep = 1e-14

    private static let c: [Double] = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1]
    private static let a: [[Double]] = [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ]
    /// Fifth-order weights (= last row of `a`) and the difference to the fourth-order ones.
    private static let b5: [Double] = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0]
    private static let b4: [Double] = [5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200,
                                       187.0 / 2100, 1.0 / 40]

    /// Integrates `y′ = f(y)` from `y0` over `[0, duration]`; `observe(t, y)` sees every accepted
    /// point and may stop early by returning false. Returns the final time and state.
    func integrate(_ y0: [Double], duration: Double, solver: String,
                   f: ([Double]) -> [Double],
                   observe: (Double, [Double]) -> Bool = { _, _ in true }) throws -> (time: Double, state: [Double]) {
        var y = y0
        var t = 0.0
        var h = min(0.01, duration)
        var k1 = f(y)
        let n = y.count
        while t < duration {
            h = min(h, duration - t)
            var k = [k1]
            for s in 1..<7 {
                var ys = y
                for (j, aj) in DormandPrince.a[s].enumerated() where aj != 0 {
                    for i in 0..<n { ys[i] += h * aj * k[j][i] }
                }
                k.append(f(ys))
            }
            var y5 = y
            var err = 0.0
            for i in 0..<n {
                var s5 = 0.0, s4 = 0.0
                for j in 0..<7 { s5 += DormandPrince.b5[j] * k[j][i]; s4 += DormandPrince.b4[j] * k[j][i] }
                y5[i] += h * s5
                let scale = absoluteTolerance + relativeTolerance * max(abs(y[i]), abs(y5[i]))
                err = max(err, abs(h * (s5 - s4)) / scale)
            }
            guard err.isFinite else {
                throw NPlayerSolverError.integrationFailed(solver: solver, time: t, reason: "non-finite state")
            }
            if err <= 1 {
                t += h
                y = y5
                k1 = k[6]
                if !observe(t, y) { break }
            }
            h *= min(5, max(0.2, 0.9 * pow(max(err, 1e-300), -0.2)))
            if h < minimumStep && t < duration {
                throw NPlayerSolverError.integrationFailed(solver: solver, time: t,
                                                           reason: "step size fell below \(minimumStep)")
            }
        }
        return (t, y)
    }
}
