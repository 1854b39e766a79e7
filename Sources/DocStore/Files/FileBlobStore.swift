import Foundation

/// `BlobStore` on the file system: PDFs in `DIR/files/ab/cd/<sha256>.pdf` (spreadsheets beside them
/// as `<sha256>.xlsx`), the data they were
/// rendered from in `DIR/data/ab/cd/<sha256>.json`, brand files in `DIR/brand-files/ab/cd/<sha256>`.
///
/// A file is written to a temporary name in its final folder, fsynced, renamed into place and the
/// folder fsynced, so after a crash a path either holds the complete file or does not exist. The
/// same bytes always land at the same path, so a second write of them is a no-op.
struct FileBlobStore: BlobStore {
    /// Files fsync independently: two writes at once wait for the disk once.
    var writesSideBySide: Bool { true }

    /// Temporary files start with this, so a sweep can tell them from stored files.
    static let temporaryPrefix = ".tmp-"

    /// The data folder.
    let directory: URL

    /// Where each kind lives under the data folder, and the extension its files get.
    static func layout(of kind: BlobKind) -> (folder: String, fileExtension: String) {
        switch kind {
        case .pdf: ("files", ".pdf")
        case .spreadsheet: ("files", ".xlsx")
        case .data: ("data", ".json")
        case .brandFile: ("brand-files", "")
        }
    }

    /// The folder that holds blobs of `kind`.
    func root(of kind: BlobKind) -> URL {
        directory.appendingPathComponent(Self.layout(of: kind).folder, isDirectory: true)
    }

    @discardableResult
    func write(_ data: Data, kind: BlobKind) throws(StorageError) -> String {
        let sha256 = blobAddress(of: data)
        let destination = url(forSHA256: sha256, kind: kind)
        if FileManager.default.fileExists(atPath: destination.path) { return sha256 }
        let folder = destination.deletingLastPathComponent()
        let created = Self.missingFolders(down: folder, below: directory)
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
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
            // A failed write leaves no empty folder behind (innermost first; rmdir keeps non-empty ones).
            for created in created.reversed() { rmdir(created.path) }
            throw error
        }
        return sha256
    }

    func read(_ sha256: String, kind: BlobKind) throws(StorageError) -> Data {
        try Self.validate(sha256)
        let url = url(forSHA256: sha256, kind: kind)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .notFound("\(kind.rawValue) \(sha256)") }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .file(path: url.path, reason: error.localizedDescription)
        }
    }

    func exists(_ sha256: String, kind: BlobKind) -> Bool {
        SHA256Hex.isValid(sha256) && FileManager.default.fileExists(atPath: url(forSHA256: sha256, kind: kind).path)
    }

    @discardableResult
    func removeLeftovers() -> Int {
        var removed = 0
        for kind in BlobKind.allCases {
            let root = root(of: kind)
            guard let paths = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let path as String in paths
            where (path as NSString).lastPathComponent.hasPrefix(Self.temporaryPrefix) {
                if (try? FileManager.default.removeItem(at: root.appendingPathComponent(path))) != nil { removed += 1 }
            }
        }
        return removed
    }

    /// Where the blob with this hash lives (whether or not it exists).
    func url(forSHA256 sha256: String, kind: BlobKind) -> URL {
        let characters = Array(sha256)
        let first = String(characters.prefix(2))
        let second = String(characters.dropFirst(2).prefix(2))
        return root(of: kind).appendingPathComponent(first, isDirectory: true)
            .appendingPathComponent(second, isDirectory: true)
            .appendingPathComponent(sha256 + Self.layout(of: kind).fileExtension)
    }

    /// Accepts only 64 lower-case hex digits, so a hash from a request can never name another path.
    static func validate(_ sha256: String) throws(StorageError) {
        guard SHA256Hex.isValid(sha256) else {
            throw .invalidArgument("`\(sha256)` is not a lower-case hex SHA-256")
        }
    }

    /// The folders from `root` down to `folder` that do not exist yet, outermost first.
    private static func missingFolders(down folder: URL, below root: URL) -> [URL] {
        var missing: [URL] = []
        var current = folder.standardizedFileURL
        let top = root.standardizedFileURL.path
        while current.path.count > top.count, !FileManager.default.fileExists(atPath: current.path) {
            missing.insert(current, at: 0)
            current.deleteLastPathComponent()
        }
        return missing
    }

    /// Blobs are the tenants' documents and data: readable by the service's user only.
    private static func writeAndSync(_ data: Data, to url: URL) throws(StorageError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
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
