package import Foundation
import GRDB

/// The embedded default `Store`: `DIR/docengine.sqlite` (GRDB, WAL, migrated on open) and the
/// content-addressed blobs in folders beside it.
package struct SQLiteStore: Store {
    package let keys: any KeyStore
    package let documents: any DocumentStore
    package let templates: any TemplateVersionStore
    package let brands: any BrandStore
    package let batches: any BatchStore
    package let blobs: any BlobStore
    package let sessions: any SessionStore
    package let drafts: any BrandDraftStore
    package let clock: @Sendable () -> Date
    package let changes: any ChangeFeed
    /// The open database, for tests that inspect or sabotage it.
    let database: SQLiteDatabase

    /// Opens (creating if needed) the store in `directory` and applies pending migrations.
    /// - Parameters:
    ///   - directory: the data folder; created if missing.
    ///   - clock: the source of every timestamp written.
    /// - Throws: `StorageError.cannotOpen` when the folder or database cannot be used or a migration fails.
    package init(directory: URL, clock: @escaping @Sendable () -> Date = { Date() }) throws(StorageError) {
        let database = try SQLiteDatabase(directory: directory, clock: clock)
        self.database = database
        self.clock = clock
        keys = SQLiteKeyStore(database: database)
        documents = SQLiteDocumentStore(database: database)
        templates = SQLiteTemplateVersionStore(database: database)
        brands = SQLiteBrandStore(database: database)
        batches = SQLiteBatchStore(database: database)
        blobs = FileBlobStore(directory: directory)
        sessions = SQLiteSessionStore(database: database)
        drafts = SQLiteBrandDraftStore(database: database)
        changes = SQLiteChangeFeed(database: database)
    }

    package func ping() async throws(StorageError) {
        _ = try await database.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    package func recover() async throws(StorageError) -> StoreRecovery {
        let swept = blobs.removeLeftovers()
        let requeued = try await batches.requeueInterrupted()
        return StoreRecovery(sweptBlobs: swept, requeuedItems: requeued)
    }
}
