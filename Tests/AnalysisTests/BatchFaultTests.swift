import Foundation
import Testing
@testable import Analysis

/// Faults injected into the batch runner from outside: a full disk (a 64 KiB tmpfs, and a
/// file-size limit `RLIMIT_FSIZE` that makes `write` fail with EFBIG), a read-only output
/// directory (a tmpfs remounted read-only), and a second *process* writing into the same
/// directory. In each case the run fails with a message naming the path and the reason,
/// no temporary or half-written file stays visible, and a resumed run on a healthy disk is
/// byte-identical to an uninterrupted one.
///
/// The tmpfs cases need root (to mount); they are enabled when the tests run as root, as in
/// the CI container. The file-size-limit and two-process cases run for every user.
@Suite(.serialized) struct BatchFaultTests {
    /// Runs the fixture through `/bin/sh` (to set the file-size limit and ignore SIGXFSZ, which
    /// the exec'd fixture inherits, so an over-long write returns EFBIG instead of killing it).
    static func runFixtureCapturing(_ args: [String], fileSizeLimitBlocks: Int? = nil) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        let quoted = try ([fixturePath()] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var script = ""
        if let blocks = fileSizeLimitBlocks { script += "trap '' XFSZ; ulimit -f \(blocks); " }
        script += "exec " + quoted.joined(separator: " ")
        p.arguments = ["-c", script]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func shell(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// The uninterrupted reference output of the fixture.
    static func reference(_ root: String) throws -> [String: Data] {
        let dir = root + "/reference"
        #expect(try runFixture([dir, "--jobs", "2"]) == 0)
        let t = tree(dir)
        #expect(t.keys.filter { $0.hasPrefix("sweep/") }.count == 48)
        return t
    }

    /// After a failed run: no temporary file anywhere, and every job file present is complete.
    static func expectNothingPartial(_ dir: String, _ expected: [String: Data], _ context: String) {
        for (path, bytes) in tree(dir) {
            #expect(!path.contains(AtomicFile.marker), "\(context): temporary file \(path) left behind")
            if !path.hasPrefix(".detente"), !path.contains(AtomicFile.marker) {
                #expect(bytes == expected[path], "\(context): \(path) is partial or differs")
            }
        }
    }

    @Test func fileSizeLimitGivesAClearErrorAndNoPartialFile() throws {
        let root = temporaryDirectory("fsize")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let expected = try Self.reference(root)
        let dir = root + "/limited"
        // 8 blocks (4 KiB with dash's 512-byte blocks, 8 KiB with bash's): smaller than every
        // points.csv (≥ 200 lines), larger than every summary and marker.
        let (status, stderr) = try Self.runFixtureCapturing([dir, "--jobs", "2"], fileSizeLimitBlocks: 8)
        print("file-size limit: exit \(status); stderr: \(stderr.prefix(400))")
        #expect(status == 2)
        #expect(stderr.contains("write failed: File too large"), "\(stderr)")
        #expect(stderr.contains(dir + "/sweep/"), "the message names the file: \(stderr)")
        Self.expectNothingPartial(dir, expected, "file-size limit")
        // Without the limit, a resumed run completes and equals the reference byte for byte.
        #expect(try runFixture([dir, "--resume", "--jobs", "2"]) == 0)
        #expect(tree(dir) == expected)
    }

    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDiskGivesAClearErrorAndNoPartialFile() throws {
        let root = temporaryDirectory("enospc")
        let mnt = root + "/disk"
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        defer {
            _ = Self.shell("umount '\(mnt)'")
            try? FileManager.default.removeItem(atPath: root)
        }
        let expected = try Self.reference(root)
        #expect(Self.shell("mount -t tmpfs -o size=64k tmpfs '\(mnt)'") == 0)
        let dir = mnt + "/out"
        let (status, stderr) = try Self.runFixtureCapturing([dir, "--jobs", "2"])
        print("full disk: exit \(status); stderr: \(stderr.prefix(400))")
        #expect(status == 2)
        #expect(stderr.contains("No space left on device"), "\(stderr)")
        Self.expectNothingPartial(dir, expected, "full disk")
        // The disk grows: the resumed run completes and equals the reference.
        #expect(Self.shell("mount -o remount,size=8m '\(mnt)'") == 0)
        #expect(try runFixture([dir, "--resume", "--jobs", "2"]) == 0)
        #expect(tree(dir) == expected)
    }

    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root (as root, chmod cannot make a directory read-only)"))
    func readOnlyOutputDirectoryGivesAClearErrorBeforeAnyWork() throws {
        let root = temporaryDirectory("rofs")
        let mnt = root + "/disk"
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        defer {
            _ = Self.shell("umount '\(mnt)'")
            try? FileManager.default.removeItem(atPath: root)
        }
        #expect(Self.shell("mount -t tmpfs -o size=1m tmpfs '\(mnt)' && mkdir '\(mnt)/out' && mount -o remount,ro '\(mnt)'") == 0)
        let ran = Locked()
        let job = BatchJob(name: "a") { ran.set(); return [BatchOutputFile(path: "a.txt", text: "a\n")] }
        for dir in [mnt + "/out", mnt + "/new/out"] {
            do {
                _ = try BatchRunner(options: BatchOptions(outputDirectory: dir, progress: .none)).run(BatchPlan(jobs: [job]))
                Issue.record("\(dir): a run into a read-only file system succeeded")
            } catch let error as BatchError {
                print("read-only: \(error)")
                guard case let .outputNotWritable(path, reason) = error else {
                    Issue.record("expected outputNotWritable, got \(error)"); continue
                }
                #expect(path == dir)
                // Foundation words EROFS as "The volume is read only."
                #expect(reason.contains("\(dir)/.detente/done"), "\(reason)")
                #expect(reason.localizedCaseInsensitiveContains("read only") || reason.localizedCaseInsensitiveContains("read-only"), "\(reason)")
            }
        }
        #expect(!ran.value, "a job ran although the output directory is read-only")
        #expect(tree(mnt).isEmpty)
    }

    /// Two processes into one directory: while this process's run holds the lock (its one job
    /// waits on a semaphore), the fixture process started into the same directory is refused
    /// with a message naming the directory and writes nothing; after the first run ends, the
    /// fixture runs there normally and its output equals the reference.
    @Test func secondProcessIntoTheSameDirectoryIsRefused() throws {
        let root = temporaryDirectory("twoproc")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let expected = try Self.reference(root)
        let dir = root + "/shared"
        let gate = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let holder = BatchJob(name: "holder") { gate.signal(); release.wait(); return [] }
        let t = Thread {
            _ = try? BatchRunner(options: BatchOptions(outputDirectory: dir, progress: .none)).run(BatchPlan(jobs: [holder]))
            done.signal()
        }
        t.start()
        gate.wait()
        let (status, stderr) = try Self.runFixtureCapturing([dir, "--jobs", "2"])
        release.signal()
        done.wait()
        print("second process: exit \(status); stderr: \(stderr)")
        #expect(status == 2)
        #expect(stderr.contains("\(dir): another detente run is writing into this directory"), "\(stderr)")
        #expect(tree(dir).keys.filter { $0.hasPrefix("sweep") }.isEmpty, "the refused run wrote job files")
        // The directory is free again: the fixture runs into it (its plan differs from the
        // holder's, so start from a fresh subdirectory state by removing the holder's files).
        try FileManager.default.removeItem(atPath: dir)
        #expect(try runFixture([dir, "--jobs", "2"]) == 0)
        #expect(tree(dir) == expected)
    }
}

private final class Locked: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.lock(); flag = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}
