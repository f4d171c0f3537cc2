import Foundation
import Testing
import Detente
@testable import PolicyAnalysis

/// `Notebooks-export/` holds the notebooks of the default batch over the bundled models
/// (`scripts/export-notebooks.sh`); regenerating them must give the committed bytes.
@Test func exportedNotebooksAreCurrent() throws {
    let spec = try defaultBatchSpec(modelsDirectory: modelsDirectory, settings: .standard, modelPathPrefix: "Models")
    let plan = try spec.plan(detenteVersion: detenteVersion)
    var count = 0
    for job in plan.jobs where job.name.hasSuffix("/notebook") {
        for file in try job.produce() {
            let committed = packageRoot.appendingPathComponent("Notebooks-export/" + file.path).path
            let bytes = FileManager.default.contents(atPath: committed)
            #expect(bytes == Data(file.bytes), "\(file.path) differs from Notebooks-export (run scripts/export-notebooks.sh)")
            count += 1
        }
    }
    #expect(count == spec.targets.count)
}
