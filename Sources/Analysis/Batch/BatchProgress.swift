import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a batch run reports progress on standard error.
public enum ProgressStyle: Sendable, Equatable {
    /// A redrawn bar when stderr is a terminal, plain lines otherwise.
    case automatic
    /// A single line redrawn in place: `[#####-----] 12/40 jobs  3.2/s  ETA 0:12`.
    case bar
    /// One line per finished job (for logs).
    case lines
    case none
}

/// Progress of a batch run: done/total estimated cost, rate in jobs per second and the ETA
/// from the cost still to do. Thread-safe; writes only to stderr.
final class BatchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let style: ProgressStyle
    private let totalJobs: Int
    private let totalCost: Double
    private var doneJobs = 0
    private var doneCost = 0.0
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0

    init(style: ProgressStyle, totalJobs: Int, totalCost: Double) {
        switch style {
        case .automatic: self.style = isatty(STDERR_FILENO) != 0 ? .bar : .lines
        default: self.style = style
        }
        self.totalJobs = totalJobs
        self.totalCost = max(totalCost, 1e-300)
    }

    func finished(job: String, cost: Double, failed: Bool) {
        lock.lock(); defer { lock.unlock() }
        doneJobs += 1
        doneCost += cost
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = elapsed > 0 ? Double(doneJobs) / elapsed : 0
        let fraction = min(1, doneCost / totalCost)
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : .infinity
        switch style {
        case .bar:
            // Redraw at most 10 times a second, and always for a failure and the last job.
            let now = DispatchTime.now().uptimeNanoseconds
            if !failed && doneJobs < totalJobs && now - lastDraw < 100_000_000 { return }
            lastDraw = now
            let width = 30
            let filled = Int((fraction * Double(width)).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            var line = "\r[\(bar)] \(doneJobs)/\(totalJobs) jobs  \(format(rate))/s  ETA \(clock(eta))"
            if failed { line += "  (\(job) failed)" }
            line += "\u{1B}[K" // clear what a longer previous line left
            if doneJobs == totalJobs { line += "\n" }
            FileHandle.standardError.write(Data(line.utf8))
        case .lines:
            let line = "batch: \(failed ? "FAILED" : "done") \(job) (\(doneJobs)/\(totalJobs), \(Int((fraction * 100).rounded(.down)))%, \(format(rate)) jobs/s, ETA \(clock(eta)))\n"
            FileHandle.standardError.write(Data(line.utf8))
        case .none, .automatic:
            break
        }
    }

    private func format(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r.isFinite ? "\(r)" : "-"
    }

    private func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600):" + pad(s / 60 % 60) + ":" + pad(s % 60) : "\(s / 60):" + pad(s % 60)
    }

    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
