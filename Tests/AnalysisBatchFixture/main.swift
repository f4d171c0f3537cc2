// A small deterministic batch, run as a child process by the kill-and-resume test
// (Tests/AnalysisTests/BatchRunnerTests.swift).
//
// Usage: AnalysisBatchFixture OUTPUT_DIR [--resume] [--jobs N] [--shard K/N] [--progress lines|bar]
//        AnalysisBatchFixture --merge OUTPUT_DIR SHARD_DIR...   (ShardMerger with the fixture's assembler)
//        AnalysisBatchFixture --benchmark STEPS   (points/s of a STEPS × STEPS sweep, 1 and 2 workers)
// 24 jobs; job i sweeps f(x, y) = sin(3x)·cos(2y) + x·y over a seeded Latin hypercube and
// writes two files (a CSV of points and a summary), pausing a few milliseconds so that a kill
// can land in the middle of the run; then an assembly job, `summary`, concatenates the 24
// summaries into all-summaries.txt (it runs after them, or in the merge of a sharded run).
// Exit 0 on success, 2 with the error on stderr otherwise.
import Analysis
import Foundation
import LinearAlgebra

/// The prisoner's dilemma family with parameters (T, R, P, S, δ): the 8 payoff entries of a
/// chunk of points are one matrix product (points × 5 times 5 × 8), then each point's stage
/// game is analysed with small scalar kernels: pure equilibria, and the grim-trigger threshold
/// of (C, C) with reversion to (D, D).
struct PrisonersDilemmaFamily: ParameterModel {
    struct Output: Sendable { var threshold: Double; var cooperates: Bool; var pureEquilibria: Int }
    let parameterNames = ["T", "R", "P", "S", "delta"]
    let baseline = [5.0, 3.0, 1.0, 0.0, 0.6]
    /// Columns: player 0 at CC, DC, CD, DD, then player 1 at CC, DC, CD, DD (player 0 fastest).
    static let weights: Matrix = {
        var w = Matrix(rows: 5, columns: 8)
        let t = 0, r = 1, p = 2, s = 3
        for (col, row) in [r, t, s, p, r, s, t, p].enumerated() { w[row, col] = 1 }
        return w
    }()

    func evaluate(points: Matrix) throws -> [Output] {
        let u = try multiply(points, Self.weights)
        return (0..<points.rows).map { i in
            let a = (0..<4).map { u[i, $0] }, b = (0..<4).map { u[i, 4 + $0] }
            var count = 0
            for (r, c) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let k = r + 2 * c
                if a[k] >= a[(1 - r) + 2 * c] && b[k] >= b[r + 2 * (1 - c)] { count += 1 }
            }
            let gain0 = max(0, a[1] - a[0]), loss0 = a[0] - a[3]
            let gain1 = max(0, b[2] - b[0]), loss1 = b[0] - b[3]
            let d0 = gain0 == 0 ? 0 : (loss0 > 0 ? gain0 / (gain0 + loss0) : .infinity)
            let d1 = gain1 == 0 ? 0 : (loss1 > 0 ? gain1 / (gain1 + loss1) : .infinity)
            let d = max(d0, d1)
            return Output(threshold: d, cooperates: points[i, 4] >= d, pureEquilibria: count)
        }
    }
}

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--benchmark", let steps = Int(CommandLine.arguments[2]) {
    let params = [ParameterSpec(name: "T", baseline: 5, low: 3.5, high: 8), ParameterSpec(name: "P", baseline: 1, low: 0.1, high: 2.5)]
    for workers in [1, 2] {
        let start = DispatchTime.now().uptimeNanoseconds
        let r = try sweep(PrisonersDilemmaFamily(), parameters: params, design: .grid(steps: [steps, steps]),
                          evaluator: ParallelEvaluator(workers: workers, chunkSize: 4096))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cooperating = r.outputs.filter(\.cooperates).count
        print("workers \(workers): \(r.outputs.count) points in \(seconds) s = \(Int(Double(r.outputs.count) / seconds)) points/s (\(cooperating) cooperate)")
    }
    exit(0)
}

/// The assembler of the `summary` job: the dependencies' summaries in the recipe's order,
/// then the number of summaries and the recipe's title line.
let fixtureAssemblers: [String: BatchAssembler] = ["summaries": { recipe, inputs in
    var text = recipe
    for line in recipe.split(separator: "\n").dropFirst() {
        text += try inputs.text("sweep/\(line)/summary.txt")
    }
    return [BatchOutputFile(path: "all-summaries.txt", text: text + "summaries: \(inputs.filesByJob.count)\n")]
}]

if CommandLine.arguments.count >= 4, CommandLine.arguments[1] == "--merge" {
    do {
        try ShardMerger.merge(shardDirectories: Array(CommandLine.arguments.dropFirst(3)), into: CommandLine.arguments[2],
                              assemblers: fixtureAssemblers)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("AnalysisBatchFixture: \(error)\n".utf8))
        exit(2)
    }
}

var args = Array(CommandLine.arguments.dropFirst())
guard let out = args.first else {
    FileHandle.standardError.write(Data("usage: AnalysisBatchFixture OUTPUT_DIR [--resume] [--jobs N] [--shard K/N]\n".utf8))
    exit(2)
}
args.removeFirst()
var resume = false, jobs = 2
var shard: Shard?
var progress = ProgressStyle.none
do {
    while let a = args.first {
        args.removeFirst()
        switch a {
        case "--resume": resume = true
        case "--jobs": jobs = Int(args.removeFirst()) ?? 0
        case "--shard": shard = try Shard(parsing: args.removeFirst())
        case "--progress": progress = args.removeFirst() == "bar" ? .bar : .lines
        default: throw AnalysisError.invalidDesign("unknown option \(a)")
        }
    }
    let model = FunctionModel(parameterNames: ["x", "y"], baseline: [0.5, 0.5]) { p in
        sin(3 * p[0]) * cos(2 * p[1]) + p[0] * p[1]
    }
    let params = [ParameterSpec(name: "x", baseline: 0.5, low: 0, high: 1),
                  ParameterSpec(name: "y", baseline: 0.5, low: -1, high: 1)]
    var batchJobs = (0..<24).map { i in
        BatchJob(name: "sweep/job-\(i < 10 ? "0" : "")\(i)", estimatedCost: Double(100 + 37 * (i % 5))) {
            let r = try sweep(model, parameters: params, design: .latinHypercube(samples: 200 + 10 * i),
                              seed: UInt64(i), evaluator: ParallelEvaluator(workers: 1))
            var csv = "x,y,f\n"
            for (p, v) in zip(r.design.points, r.outputs) { csv += "\(p[0]),\(p[1]),\(v)\n" }
            usleep(useconds_t(3000 + 1000 * (i % 4)))
            let mean = r.outputs.reduce(0, +) / Double(r.outputs.count)
            return [BatchOutputFile(path: "sweep/\(i)/points.csv", text: csv),
                    BatchOutputFile(path: "sweep/\(i)/summary.txt", text: "job \(i) points \(r.outputs.count) mean \(mean)\n")]
        }
    }
    // The summaries in reverse order, to show the recipe (not the plan) decides the order.
    let order = Array((0..<24).reversed())
    batchJobs.append(BatchJob(name: "summary", assembly: BatchAssembly(
        assembler: "summaries", dependencies: order.map { "sweep/job-\($0 < 10 ? "0" : "")\($0)" },
        recipe: "all summaries, last job first\n" + order.map { "\($0)\n" }.joined())))
    let plan = BatchPlan(jobs: batchJobs, assemblers: fixtureAssemblers)
    try BatchRunner(options: BatchOptions(outputDirectory: out, jobs: jobs, shard: shard, resume: resume,
                                          progress: progress)).run(plan)
} catch {
    FileHandle.standardError.write(Data("AnalysisBatchFixture: \(error)\n".utf8))
    exit(2)
}
