import Foundation
import Testing

/// `detente slurm` refuses output directories that an sbatch script cannot name, and output
/// directories it cannot create, before writing any script (the end-to-end run on a real
/// Slurm is scripts/slurm-test.sh).
@Suite struct SlurmCLITests {
    @Test func unusableOutputDirectoriesAreRefusedBeforeTheScript() throws {
        let dir = try Detente.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = dir + "/spec.yaml"
        try "models:\n  - path: \(packageRoot.path)/Models/security-dilemma.yaml\n"
            .write(toFile: spec, atomically: true, encoding: .utf8)
        try "x".write(toFile: dir + "/file", atomically: true, encoding: .utf8)
        let cases: [(output: String, message: String)] = [
            (dir + #"/back\slash"#, "contains a backslash, which turns off Slurm's %A/%a file-name patterns"),
            (dir + "/line\nbreak", "contains the control character U+000A"),
            (dir + "/file/out", "cannot create \(dir)/file/out/logs for the Slurm logs"),
        ]
        for c in cases {
            let r = try Detente.run(["slurm", spec, "--tasks", "2", "--output", c.output, "--script", dir + "/job.sbatch"])
            #expect(r.status != 0)
            #expect(r.stderr.hasPrefix("detente slurm: "), "\(r.stderr)")
            #expect(r.stderr.contains(c.message), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/job.sbatch"))
        }
        // A space, '#', a quote and '%' are fine: quoted on the #SBATCH line, % doubled.
        let ok = try Detente.run(["slurm", spec, "--tasks", "2", "--output", dir + "/a b #1 \"50%\""])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("#SBATCH --output=\"\(dir)/a b #1 \\\"50%%\\\"/logs/slurm-%A_%a.out\"\n"), "\(ok.stdout)")
        #expect(FileManager.default.fileExists(atPath: dir + "/a b #1 \"50%\"/logs"))
    }
}
