package import Foundation

/// What a blob is, which decides where it lives and how it is named.
package enum BlobKind: String, Sendable, CaseIterable {
    /// An issued PDF.
    case pdf
    /// An issued spreadsheet (XLSX, a template's table export).
    case spreadsheet = "xlsx"
    /// The JSON data a document was rendered from.
    case data
    /// A file of a brand version (brand.json, a logo, a stamp, a signature).
    case brandFile = "brand-file"
}

/// Content-addressed bytes: a blob's address is the SHA-256 of its bytes, so the same bytes are
/// stored once and a stored blob never changes.
///
/// Two forms of `read` and `write`. The synchronous ones are for render threads: a render writes its
/// PDF from inside the document's transaction (`DocumentStore.createNow`), where a cluster's store
/// stages the bytes to write them with the document. The asynchronous ones are for everything
/// else (routes, workers, registries): in an `async` function the compiler picks them, so a route
/// never blocks one of Swift's few cooperative threads on a network round trip to PostgreSQL or
/// object storage. Never call the synchronous ones from an event loop.
package protocol BlobStore: Sendable {
    /// Stores `data` (a no-op when it is already stored) and returns its SHA-256 in lower-case hex.
    /// After it returns, the blob survives a crash.
    /// - Throws: `StorageError.file` when it cannot be written.
    @discardableResult
    func write(_ data: Data, kind: BlobKind) throws(StorageError) -> String

    /// The bytes stored under `sha256`.
    /// - Throws: `StorageError.invalidArgument` for a malformed hash, `.notFound` when absent, `.file` on I/O errors.
    func read(_ sha256: String, kind: BlobKind) throws(StorageError) -> Data

    /// Stores `data` without blocking a thread; see `write(_:kind:)`.
    @discardableResult
    func write(_ data: Data, kind: BlobKind) async throws(StorageError) -> String

    /// The bytes stored under `sha256`, without blocking a thread; see `read(_:kind:)`.
    func read(_ sha256: String, kind: BlobKind) async throws(StorageError) -> Data

    /// Whether a blob with this hash is stored (false for a malformed hash).
    func exists(_ sha256: String, kind: BlobKind) -> Bool

    /// Removes what interrupted writes left behind. Call at startup, before any write.
    /// - Returns: how many leftovers were removed.
    @discardableResult
    func removeLeftovers() -> Int

    /// Whether two synchronous writes may run on two threads at once, each waiting for its own
    /// fsync: true for files on a disk. False (the default) for the cluster's stores, which stage a
    /// render's blobs on the render's own thread: a write from another thread would find no
    /// staging and wait on the very thread that waits for it.
    var writesSideBySide: Bool { get }
}

extension BlobStore {
    package var writesSideBySide: Bool { false }
}

/// The address of bytes in every blob store: their SHA-256 in lower-case hex.
package func blobAddress(of data: Data) -> String {
    SHA256Hex.digest(data)
}

extension BlobStore {
    /// The synchronous write, for stores whose writes are local (files).
    @discardableResult
    package func write(_ data: Data, kind: BlobKind) async throws(StorageError) -> String {
        try writeNow(data, kind: kind)
    }

    /// The synchronous read, for stores whose reads are local (files).
    package func read(_ sha256: String, kind: BlobKind) async throws(StorageError) -> Data {
        try readNow(sha256, kind: kind)
    }

    /// The synchronous `write`, named apart so the async default above can call it.
    @discardableResult
    package func writeNow(_ data: Data, kind: BlobKind) throws(StorageError) -> String {
        try write(data, kind: kind)
    }

    /// The synchronous `read`, named apart so the async default above can call it.
    package func readNow(_ sha256: String, kind: BlobKind) throws(StorageError) -> Data {
        try read(sha256, kind: kind)
    }
}
