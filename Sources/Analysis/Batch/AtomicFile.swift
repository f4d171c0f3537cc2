import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader (or a run killed at any instant) sees either the old file or
/// the complete new one, never a partial one.
///
/// The bytes go to a temporary file in the same directory (`.NAME.detente-tmp-PID-N`), which
/// is flushed to disk (`fsync`), closed and renamed over the target (`rename(2)` is atomic
/// within a file system); the directory is then synced so the rename itself survives a crash.
/// Temporary files left by a killed run are hidden and removed by the next run
/// (`removeStaleTemporaries(under:)`).
public enum AtomicFile {
    static let marker = ".detente-tmp-"
    nonisolated(unsafe) private static var counter = 0
    private static let counterLock = NSLock()

    /// Writes `bytes` to `path` atomically, creating missing parent directories.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw BatchError.io(path: dir, operation: "create directory", reason: "\(error.localizedDescription)")
        }
        counterLock.lock(); counter += 1; let n = counter; counterLock.unlock()
        let tmp = dir + "/." + url.lastPathComponent + marker + "\(getpid())-\(n)"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw BatchError.io(path: tmp, operation: "create", reason: String(cString: strerror(errno))) }
        var ok = false
        defer { if !ok { unlink(tmp) } }
        var written = 0
        try bytes.withUnsafeBytes { buf in
            while written < buf.count {
                let r = systemWrite(fd, buf.baseAddress! + written, buf.count - written)
                if r < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw BatchError.io(path: tmp, operation: "write", reason: reason)
                }
                written += r
            }
        }
        guard fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno)); close(fd)
            throw BatchError.io(path: tmp, operation: "fsync", reason: reason)
        }
        guard close(fd) == 0 else { throw BatchError.io(path: tmp, operation: "close", reason: String(cString: strerror(errno))) }
        guard rename(tmp, path) == 0 else {
            throw BatchError.io(path: path, operation: "rename", reason: String(cString: strerror(errno)))
        }
        ok = true
        let dfd = open(dir, O_RDONLY)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// Writes a UTF-8 string atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Removes temporary files left by killed runs anywhere under `directory`; returns their
    /// paths (sorted).
    @discardableResult
    public static func removeStaleTemporaries(under directory: String) -> [String] {
        var removed = [String]()
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        while let rel = e.nextObject() as? String {
            if (rel as NSString).lastPathComponent.contains(marker) {
                let p = directory + "/" + rel
                if unlink(p) == 0 { removed.append(p) }
            }
        }
        return removed.sorted()
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
