import Foundation

/// `BlobStore` on the file system: PDFs in `DIR/files/ab/<sha256>.pdf` (spreadsheets beside them
/// as `<sha256>.xlsx`), the data they were rendered from in `DIR/data/ab/<sha256>.json`, brand
/// files in `DIR/brand-files/ab/<sha256>`, where `ab` is the hash's first two hex digits.
///
/// One level of 256 folders per kind, because a new folder is expensive: `mkdir`, then an fsync
/// of the folder above it to make its name durable. With two levels (`ab/cd/`, 65 536 folders per
/// kind) almost every blob of the first tens of thousands made a folder, about 6 % of the
/// service's CPU. Data folders written before keep their blobs in `ab/cd/`: reads, `exists` and
/// the no-op check of a repeated write look there too (`formerPath`), so nothing is moved.
///
/// A file is written to a temporary name in its final folder, fsynced, renamed into place and the
/// folder fsynced (and, for a folder the write created, the folder above it, which holds the new
/// folder's name), so after a crash a path either holds the complete file or does not exist. The
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
        let destination = path(forSHA256: sha256, kind: kind)
        if access(destination, F_OK) == 0 || access(formerPath(forSHA256: sha256, kind: kind), F_OK) == 0 {
            return sha256
        }
        let folder = String(destination[..<destination.lastIndex(of: "/")!])
        let created = try Self.makeFolders(down: folder, below: directory.path)
        let temporary = "\(folder)/\(Self.temporaryPrefix)\(UUID().uuidString)"
        do {
            try Self.writeAndSync(data, to: temporary)
            try Self.check(rename(temporary, destination), path: destination)
            try Self.syncFolder(folder)
            // A new folder's name is an entry of the folder above it: durable only once that is synced.
            for created in created.reversed() { try Self.syncFolder(Self.parent(of: created)) }
        } catch {
            unlink(temporary)
            // A failed write leaves no empty folder behind (innermost first; rmdir keeps non-empty ones).
            for created in created.reversed() { rmdir(created) }
            throw error
        }
        return sha256
    }

    func read(_ sha256: String, kind: BlobKind) throws(StorageError) -> Data {
        try Self.validate(sha256)
        guard let path = storedPath(forSHA256: sha256, kind: kind) else { throw .notFound("\(kind.rawValue) \(sha256)") }
        let url = URL(fileURLWithPath: path, isDirectory: false)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .file(path: url.path, reason: error.localizedDescription)
        }
    }

    func exists(_ sha256: String, kind: BlobKind) -> Bool {
        SHA256Hex.isValid(sha256) && storedPath(forSHA256: sha256, kind: kind) != nil
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

    /// Where the blob with this hash lives: where it is stored, else where a write would put it.
    func url(forSHA256 sha256: String, kind: BlobKind) -> URL {
        let path = storedPath(forSHA256: sha256, kind: kind) ?? path(forSHA256: sha256, kind: kind)
        return URL(fileURLWithPath: path, isDirectory: false)
    }

    /// `DIR/<folder>/ab/<sha256><extension>`, where a write puts the blob, as a path: every write
    /// and read asks, and text is cheaper to build than a URL.
    func path(forSHA256 sha256: String, kind: BlobKind) -> String {
        let (folder, fileExtension) = Self.layout(of: kind)
        let first = String(decoding: sha256.utf8.prefix(2), as: UTF8.self)
        return "\(directory.path)/\(folder)/\(first)/\(sha256)\(fileExtension)"
    }

    /// `DIR/<folder>/ab/cd/<sha256><extension>`, where data folders written before the one-level
    /// layout hold their blobs.
    func formerPath(forSHA256 sha256: String, kind: BlobKind) -> String {
        let (folder, fileExtension) = Self.layout(of: kind)
        let hex = sha256.utf8
        let first = String(decoding: hex.prefix(2), as: UTF8.self)
        let second = String(decoding: hex.dropFirst(2).prefix(2), as: UTF8.self)
        return "\(directory.path)/\(folder)/\(first)/\(second)/\(sha256)\(fileExtension)"
    }

    /// The path of the stored blob, in either layout; nil when it is not stored.
    private func storedPath(forSHA256 sha256: String, kind: BlobKind) -> String? {
        let path = path(forSHA256: sha256, kind: kind)
        if access(path, F_OK) == 0 { return path }
        let former = formerPath(forSHA256: sha256, kind: kind)
        return access(former, F_OK) == 0 ? former : nil
    }

    /// Accepts only 64 lower-case hex digits, so a hash from a request can never name another path.
    static func validate(_ sha256: String) throws(StorageError) {
        guard SHA256Hex.isValid(sha256) else {
            throw .invalidArgument("`\(sha256)` is not a lower-case hex SHA-256")
        }
    }

    /// Creates the folders from `root` down to `folder` that do not exist yet.
    /// - Returns: the folders this call created, outermost first (one another writer created at the
    ///   same moment is not among them).
    private static func makeFolders(down folder: String, below root: String) throws(StorageError) -> [String] {
        if access(root, F_OK) != 0 {
            do {
                try FileManager.default.createDirectory(
                    atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .file(path: root, reason: error.localizedDescription)
            }
        }
        var missing: [String] = []
        var current = folder
        while current.utf8.count > root.utf8.count, access(current, F_OK) != 0 {
            missing.append(current)
            current = parent(of: current)
        }
        var created: [String] = []
        for folder in missing.reversed() {
            if mkdir(folder, 0o700) == 0 {
                created.append(folder)
            } else if errno != EEXIST {
                let reason = String(cString: strerror(errno))
                for created in created.reversed() { rmdir(created) }
                throw .file(path: folder, reason: reason)
            }
        }
        return created
    }

    /// `path` without its last component.
    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Blobs are the tenants' documents and data: readable by the service's user only.
    private static func writeAndSync(_ data: Data, to path: String) throws(StorageError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        try check(descriptor, path: path)
        defer { close(descriptor) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            try check(written < 0 ? -1 : 0, path: path)
            offset += written
        }
        try check(fsync(descriptor), path: path)
    }

    /// fsync of the folder makes the rename itself durable.
    private static func syncFolder(_ folder: String) throws(StorageError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try check(descriptor, path: folder)
        defer { close(descriptor) }
        try check(fsync(descriptor), path: folder)
    }

    private static func check(_ result: Int32, path: String) throws(StorageError) {
        if result < 0 { throw .file(path: path, reason: String(cString: strerror(errno))) }
    }

    private static func check(_ result: Int, path: String) throws(StorageError) {
        if result < 0 { throw .file(path: path, reason: String(cString: strerror(errno))) }
    }
}
