import Foundation

/// The blobs a render writes while a document's transaction is open, kept aside so that the store
/// writes them with the document: in the same transaction (PostgreSQL blobs), or just before the
/// row that names them (object storage).
///
/// A render writes its PDF and data through the synchronous `BlobStore` protocol, from inside the
/// `render` callback of `DocumentStore.createNow`. The callback runs synchronously on one thread,
/// so the store marks that thread for the callback's duration (`collecting`) and the cluster's blob
/// stores, seeing the mark, stage the bytes here instead of writing them on their own. A write
/// outside a render (a brand file, a copy) finds no mark and is written at once.
final class BlobStaging: @unchecked Sendable {
    // `@unchecked Sendable`: a staging is filled on the one thread running the render callback and
    // read by the store after the callback returned, which the bridge's lock orders.
    /// The staged blobs, in the order written; the same bytes twice are kept once.
    private(set) var blobs: [(kind: BlobKind, sha256: String, data: Data)] = []

    /// The staging of the render running on this thread, if any.
    static var current: BlobStaging? {
        Thread.current.threadDictionary[key] as? BlobStaging
    }

    private static let key = "docengine.blob-staging"

    /// Stages `data` and returns its address.
    func stage(_ data: Data, kind: BlobKind) -> String {
        let sha256 = blobAddress(of: data)
        if !blobs.contains(where: { $0.kind == kind && $0.sha256 == sha256 }) {
            blobs.append((kind, sha256, data))
        }
        return sha256
    }

    /// Runs `body` with this staging marked on the current thread.
    func collecting<T>(_ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[Self.key]
        dictionary[Self.key] = self
        defer { dictionary[Self.key] = previous }
        return try body()
    }
}
