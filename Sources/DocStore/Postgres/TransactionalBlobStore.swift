import PostgresNIO

/// A blob store that a PostgreSQL document transaction writes its render's blobs through.
///
/// `PostgresDocumentStore.createNow` stages the blobs its render writes (`BlobStaging`), then,
/// inside the transaction and before the document row, hands them here: the database's blob table
/// inserts them on the transaction's connection (they commit or vanish with the document), object
/// storage uploads them (an object before the row that names it; a crash leaves at worst an
/// unreferenced object, which `sweep` removes).
protocol TransactionalBlobStore: BlobStore {
    /// Writes what a render staged, before the document row that names it.
    /// - Throws: `StorageError` when a blob cannot be written; the transaction then rolls back.
    func persist(_ staging: BlobStaging, in transaction: PostgresQuerier) async throws(StorageError)

    /// Whether a blob is stored, without blocking a thread.
    /// - Throws: `StorageError` when the store cannot be asked.
    func contains(_ sha256: String, kind: BlobKind) async throws(StorageError) -> Bool

    /// Removes blobs no record names that are older than `minimumAge` (objects written before a
    /// crash or a failed transaction).
    /// - Parameter references: whether the store still names a blob.
    /// - Returns: how many were removed.
    func sweep(minimumAge: Duration, references: PostgresBlobReferences) async throws(StorageError) -> Int
}
