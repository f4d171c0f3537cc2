// A small deterministic batch, run as a child process by the kill-and-resume test
// (Tests/AnalysisTests/BatchRunnerTests.swift).
//
// Usage: AnalysisBatchFixture OUTPUT_DIR [--resume] [--jobs N] [--shard K/N]
// 24 jobs; job i sweeps f(x, y) = sin(3x)·cos(2y) + x·y over a seeded Latin hypercube and
// writes two files (a CSV of points and a summary), pausing a few milliseconds so that a kill
// can land in the middle of the run. Exit 0 on success, 2 with the error on stderr otherwise.
import Analysis
import Foundation

var args = Array(CommandLine.arguments.dropFirst())
guard let out = args.first else {
    FileHandle.standardError.write(Data("usage: AnalysisBatchFixture OUTPUT_DIR [--resume] [--jobs N] [--shard K/N]\n".utf8))
    exit(2)
}
args.removeFirst()
var resume = false, jobs = 2
var shard: Shard?
do {
    while let a = args.first {
        args.removeFirst()
        switch a {
        case "--resume": resume = true
        case "--jobs": jobs = Int(args.removeFirst()) ?? 0
        case "--shard": shard = try Shard(parsing: args.removeFirst())
        default: throw AnalysisError.invalidDesign("unknown option \(a)")
        }
    }
    let model = FunctionModel(parameterNames: ["x", "y"], baseline: [0.5, 0.5]) { p in
        sin(3 * p[0]) * cos(2 * p[1]) + p[0] * p[1]
    }
    let params = [ParameterSpec(name: "x", baseline: 0.5, low: 0, high: 1),
                  ParameterSpec(name: "y", baseline: 0.5, low: -1, high: 1)]
    let plan = BatchPlan(jobs: (0..<24).map { i in
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
    })
    try BatchRunner(options: BatchOptions(outputDirectory: out, jobs: jobs, shard: shard, resume: resume,
                                          progress: .none)).run(plan)
} catch {
    FileHandle.standardError.write(Data("AnalysisBatchFixture: \(error)\n".utf8))
    exit(2)
}
