import Foundation

/// The file formats a strategic-form game can be read from and written to, chosen by extension.
public enum GameFileFormat: String, Sendable, CaseIterable {
    /// Gambit's strategic-form format (`.nfg`).
    case nfg
    /// Detente's game JSON (`.json`).
    case json

    /// The format for a path's extension (case-insensitive), or `nil` for other extensions.
    public init?(path: String) {
        let ext = (path as NSString).pathExtension.lowercased()
        self.init(rawValue: ext)
    }

    /// Parses a game from a file's bytes; `path` is used in error messages.
    public func read(_ bytes: [UInt8], path: String) throws(GameFileError) -> NormalFormGame {
        switch self {
        case .nfg: return try NFGReader(path: path).read(bytes)
        case .json: return try GameJSONReader(path: path).read(bytes)
        }
    }

    /// The file text of a game in this format (`.nfg` in the outcome version).
    public func write(_ game: NormalFormGame) -> String {
        switch self {
        case .nfg: return NFGWriter().write(game)
        case .json: return GameJSONWriter().write(game)
        }
    }
}

/// Reads the bytes of a file, turning failures into a `GameFileError` without position.
public func readFileBytes(atPath path: String) throws(GameFileError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw GameFileError.file(path, "no such file")
    }
    guard !isDirectory.boolValue else { throw GameFileError.file(path, "is a directory, not a game file") }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw GameFileError.file(path, "cannot be read (permission denied or not a regular file)")
    }
    return [UInt8](data)
}

/// Reads a game from an `.nfg` or `.json` file, chosen by the extension.
public func readGame(atPath path: String) throws(GameFileError) -> NormalFormGame {
    guard let format = GameFileFormat(path: path) else {
        throw GameFileError.file(path, "unknown game file extension '.\((path as NSString).pathExtension)'; expected .nfg or .json")
    }
    return try format.read(try readFileBytes(atPath: path), path: path)
}

/// Writes a game to an `.nfg` or `.json` file, chosen by the extension. The file is written
/// to a temporary name and moved into place, so a failure leaves no partial file.
public func writeGame(_ game: NormalFormGame, toPath path: String) throws(GameFileError) {
    guard let format = GameFileFormat(path: path) else {
        throw GameFileError.file(path, "unknown game file extension '.\((path as NSString).pathExtension)'; expected .nfg or .json")
    }
    try writeTextFile(format.write(game), toPath: path)
}

/// Writes text to a file atomically (temporary file, then rename).
public func writeTextFile(_ text: String, toPath path: String) throws(GameFileError) {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw GameFileError.file(path, "cannot be written: \(error.localizedDescription)")
    }
}
