import Foundation
import Testing
import Detente
@testable import PolicyAnalysis

/// `Notebooks-export/` holds the notebooks of the default batch over the bundled models at the
/// small sizes (`scripts/export-notebooks.sh`); running that batch must give the committed
/// bytes. The notebooks are assembled from the analyses' files, so the batch runs in full.
@Test func exportedNotebooksAreCurrent() throws {
    let spec = try defaultBatchSpec(modelsDirectory: modelsDirectory, settings: .small, modelPathPrefix: "Models")
    let plan = try spec.plan(detenteVersion: detenteVersion)
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("detente-export-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    try BatchRunner(options: BatchOptions(outputDirectory: out, jobs: 2, progress: .none)).run(plan)
    let notebooks = plan.jobs.filter { $0.assembly != nil }.map { String($0.name.dropLast("notebook".count)) + "notebook.ipynb" }
    #expect(notebooks.count == spec.targets.count)
    for path in notebooks {
        let committed = FileManager.default.contents(atPath: packageRoot.appendingPathComponent("Notebooks-export/" + path).path)
        #expect(committed != nil && committed == FileManager.default.contents(atPath: out + "/" + path),
                "\(path) differs from Notebooks-export (run scripts/export-notebooks.sh)")
    }
    let exported = FileManager.default.enumerator(atPath: packageRoot.appendingPathComponent("Notebooks-export").path)?
        .allObjects.compactMap { $0 as? String }.filter { $0.hasSuffix(".ipynb") } ?? []
    #expect(exported.sorted() == notebooks.sorted(), "Notebooks-export holds notebooks the batch does not write")
}
