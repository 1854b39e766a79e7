package import Foundation

/// Everything the service keeps, behind one protocol per kind of record, so that a second backend
/// (PostgreSQL, object storage) plugs in without touching a route or a worker.
///
/// `SQLiteStore` is the embedded default: one SQLite file and a folder of content-addressed files.
package protocol Store: Sendable {
    /// API keys (only their hashes).
    var keys: any KeyStore { get }
    /// Documents with their render records, numbering and idempotency keys.
    var documents: any DocumentStore { get }
    /// Every version of every template.
    var templates: any TemplateVersionStore { get }
    /// Every version of every brand (their files are blobs).
    var brands: any BrandStore { get }
    /// Batch jobs and their items.
    var batches: any BatchStore { get }
    /// Content-addressed bytes: PDFs, the data they were rendered from, brand files.
    var blobs: any BlobStore { get }
    /// Studio sessions (only their hashes), shared by every node.
    var sessions: any SessionStore { get }
    /// Unpublished brand drafts, one per brand, shown only in previews.
    var drafts: any BrandDraftStore { get }
    /// The source of every timestamp the store writes (tests pin it).
    var clock: @Sendable () -> Date { get }
    /// What other processes sharing the store changed (templates, brands, batch jobs).
    var changes: any ChangeFeed { get }

    /// Asks the store a trivial question, for health checks.
    /// - Throws: `StorageError` when it cannot answer.
    func ping() async throws(StorageError)

    /// Startup recovery, before anything else runs: removes what interrupted writes left behind and
    /// returns batch items a dead process had claimed to pending (on a shared store: those whose
    /// lease expired, and those this node held before it restarted).
    /// - Returns: what was cleaned up, for the startup log.
    /// - Throws: `StorageError` when the store cannot be read.
    func recover() async throws(StorageError) -> StoreRecovery
}

/// What `Store.recover()` found and put right.
package struct StoreRecovery: Sendable, Equatable {
    /// Temporary blobs of writes that never finished.
    package var sweptBlobs: Int
    /// Batch items a dead process had claimed, pending again.
    package var requeuedItems: Int

    package init(sweptBlobs: Int, requeuedItems: Int) {
        self.sweptBlobs = sweptBlobs
        self.requeuedItems = requeuedItems
    }
}
