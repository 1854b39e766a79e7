public import Foundation

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
/// Synchronous, because renders write their PDFs from a render thread inside the document's
/// transaction; never call it from an event loop.
package protocol BlobStore: Sendable {
    /// Stores `data` (a no-op when it is already stored) and returns its SHA-256 in lower-case hex.
    /// After it returns, the blob survives a crash.
    /// - Throws: `StorageError.file` when it cannot be written.
    @discardableResult
    func write(_ data: Data, kind: BlobKind) throws(StorageError) -> String

    /// The bytes stored under `sha256`.
    /// - Throws: `StorageError.invalidArgument` for a malformed hash, `.notFound` when absent, `.file` on I/O errors.
    func read(_ sha256: String, kind: BlobKind) throws(StorageError) -> Data

    /// Whether a blob with this hash is stored (false for a malformed hash).
    func exists(_ sha256: String, kind: BlobKind) -> Bool

    /// Removes what interrupted writes left behind. Call at startup, before any write.
    /// - Returns: how many leftovers were removed.
    @discardableResult
    func removeLeftovers() -> Int
}

/// The address of bytes in every blob store: their SHA-256 in lower-case hex.
package func blobAddress(of data: Data) -> String {
    SHA256Hex.digest(data)
}
