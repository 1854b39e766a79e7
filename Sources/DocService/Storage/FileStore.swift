import Crypto
import Foundation

/// Content-addressed files: PDFs in `DIR/files/ab/cd/<sha256>.pdf`, the data they were rendered
/// from in `DIR/data/ab/cd/<sha256>.json`.
///
/// A file is written to a temporary name in its final folder, fsynced, renamed into place and the
/// folder fsynced, so after a crash a path either holds the complete file or does not exist. The
/// same bytes always land at the same path, so a second write of them is a no-op.
struct FileStore: Sendable {
    /// The folder under the data folder that holds the files.
    static let folderName = "files"
    /// Temporary files start with this, so a sweep can tell them from stored files.
    static let temporaryPrefix = ".tmp-"

    /// The root of the store, `DIR/files`.
    let root: URL
    /// The extension of every stored file, `pdf` or `json`.
    let fileExtension: String

    /// A store under the data folder `directory`; PDFs by default.
    init(directory: URL, folderName: String = Self.folderName, fileExtension: String = "pdf") {
        root = directory.appendingPathComponent(folderName, isDirectory: true)
        self.fileExtension = fileExtension
    }

    /// The store of document data (JSON), beside the PDFs.
    static func data(in directory: URL) -> FileStore {
        FileStore(directory: directory, folderName: "data", fileExtension: "json")
    }

    /// Stores `data` and returns its SHA-256 (hex), which is its address.
    /// - Throws: `StorageError.file` when a folder or the file cannot be written.
    @discardableResult
    func write(_ data: Data) throws(StorageError) -> String {
        let sha256 = Self.address(of: data)
        let destination = url(forSHA256: sha256)
        if FileManager.default.fileExists(atPath: destination.path) { return sha256 }
        let folder = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .file(path: folder.path, reason: error.localizedDescription)
        }
        let temporary = folder.appendingPathComponent("\(Self.temporaryPrefix)\(UUID().uuidString)")
        do {
            try Self.writeAndSync(data, to: temporary)
            try Self.check(rename(temporary.path, destination.path), path: destination.path)
            try Self.syncFolder(folder)
        } catch {
            unlink(temporary.path)
            throw error
        }
        return sha256
    }

    /// The bytes stored under `sha256`.
    /// - Throws: `StorageError.invalidArgument` for a malformed hash, `.notFound` when absent, `.file` on I/O errors.
    func read(sha256: String) throws(StorageError) -> Data {
        try Self.validate(sha256)
        let url = url(forSHA256: sha256)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .notFound("file \(sha256)") }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .file(path: url.path, reason: error.localizedDescription)
        }
    }

    /// The address of `data`: its SHA-256 in lower-case hex.
    static func address(of data: Data) -> String {
        SHA256.hash(data: data).hexString
    }

    /// Whether a file with this hash is stored (false for a malformed hash).
    func exists(sha256: String) -> Bool {
        (try? Self.validate(sha256)) != nil && FileManager.default.fileExists(atPath: url(forSHA256: sha256).path)
    }

    /// Deletes temporary files a crashed writer left behind. Call at startup, before any write.
    /// - Returns: how many were removed.
    @discardableResult
    func removeTemporaryFiles() -> Int {
        guard let paths = FileManager.default.enumerator(atPath: root.path) else { return 0 }
        var removed = 0
        for case let path as String in paths
        where (path as NSString).lastPathComponent.hasPrefix(Self.temporaryPrefix) {
            if (try? FileManager.default.removeItem(at: root.appendingPathComponent(path))) != nil { removed += 1 }
        }
        return removed
    }

    /// Where the file with this hash lives (whether or not it exists).
    func url(forSHA256 sha256: String) -> URL {
        let characters = Array(sha256)
        let first = String(characters.prefix(2))
        let second = String(characters.dropFirst(2).prefix(2))
        return root.appendingPathComponent(first, isDirectory: true)
            .appendingPathComponent(second, isDirectory: true)
            .appendingPathComponent("\(sha256).\(fileExtension)")
    }

    /// Accepts only 64 lower-case hex digits, so a hash from a request can never name another path.
    static func validate(_ sha256: String) throws(StorageError) {
        let isHex = sha256.utf8.allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
        }
        guard sha256.utf8.count == 64, isHex else {
            throw .invalidArgument("`\(sha256)` is not a lower-case hex SHA-256")
        }
    }

    private static func writeAndSync(_ data: Data, to url: URL) throws(StorageError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try check(descriptor, path: url.path)
        defer { close(descriptor) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            try check(written < 0 ? -1 : 0, path: url.path)
            offset += written
        }
        try check(fsync(descriptor), path: url.path)
    }

    /// fsync of the folder makes the rename itself durable.
    private static func syncFolder(_ folder: URL) throws(StorageError) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try check(descriptor, path: folder.path)
        defer { close(descriptor) }
        try check(fsync(descriptor), path: folder.path)
    }

    private static func check(_ result: Int32, path: String) throws(StorageError) {
        if result < 0 { throw .file(path: path, reason: String(cString: strerror(errno))) }
    }

    private static func check(_ result: Int, path: String) throws(StorageError) {
        if result < 0 { throw .file(path: path, reason: String(cString: strerror(errno))) }
    }
}
