import Foundation
import NIOCore
import PostgresNIO

/// `BlobStore` in PostgreSQL's `blobs` table (the cluster's default): content-addressed rows
/// inserted with `ON CONFLICT DO NOTHING`, so the same bytes are stored once and never change.
///
/// A render's PDF and data are staged and inserted in the document's own transaction (see
/// `TransactionalBlobStore`), so they commit with the document or not at all. Other writes (brand
/// files) are their own statement, before the row that names them.
struct PostgresBlobStore: TransactionalBlobStore {
    let database: PostgresDatabase

    @discardableResult
    func write(_ data: Data, kind: BlobKind) throws(StorageError) -> String {
        if let staging = BlobStaging.current { return staging.stage(data, kind: kind) }
        let store = self
        return try waitBlocking { () throws(StorageError) in try await store.write(data, kind: kind) }
    }

    @discardableResult
    func write(_ data: Data, kind: BlobKind) async throws(StorageError) -> String {
        let sha256 = blobAddress(of: data)
        try await Self.insert(data, sha256: sha256, kind: kind, with: PostgresQuerier(database))
        return sha256
    }

    func read(_ sha256: String, kind: BlobKind) throws(StorageError) -> Data {
        let store = self
        return try waitBlocking { () throws(StorageError) in try await store.read(sha256, kind: kind) }
    }

    func read(_ sha256: String, kind: BlobKind) async throws(StorageError) -> Data {
        try FileBlobStore.validate(sha256)
        let rows = try await database.rows(
            "SELECT bytes FROM blobs WHERE kind = \(kind.rawValue) AND sha256 = \(sha256)")
        guard let row = rows.first else { throw .notFound("\(kind.rawValue) \(sha256)") }
        do {
            return try row.decode(Data.self)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }

    func exists(_ sha256: String, kind: BlobKind) -> Bool {
        guard SHA256Hex.isValid(sha256) else { return false }
        let database = self.database
        let rows = try? waitBlocking { () throws(StorageError) in
            try await database.rows("SELECT 1 FROM blobs WHERE kind = \(kind.rawValue) AND sha256 = \(sha256)").count
        }
        return (rows ?? 0) > 0
    }

    func contains(_ sha256: String, kind: BlobKind) async throws(StorageError) -> Bool {
        guard SHA256Hex.isValid(sha256) else { return false }
        return try await !database.rows("SELECT 1 FROM blobs WHERE kind = \(kind.rawValue) AND sha256 = \(sha256)").isEmpty
    }

    /// Nothing to remove: a write is one statement, which either happened or did not.
    func removeLeftovers() -> Int { 0 }

    func persist(_ staging: BlobStaging, in transaction: PostgresQuerier) async throws(StorageError) {
        for blob in staging.blobs {
            try await Self.insert(blob.data, sha256: blob.sha256, kind: blob.kind, with: transaction)
        }
    }

    /// Blobs in the table are written with the rows that name them (or, for brand files, just
    /// before, by a publish that rarely fails): there is nothing worth a sweep's risk here.
    func sweep(minimumAge: Duration, references: PostgresBlobReferences) async throws(StorageError) -> Int { 0 }

    private static func insert(
        _ data: Data, sha256: String, kind: BlobKind, with querier: PostgresQuerier
    ) async throws(StorageError) {
        _ = try await querier.rows(
            """
            INSERT INTO blobs (kind, sha256, bytes, size) VALUES (\(kind.rawValue), \(sha256), \(ByteBuffer(bytes: data)), \(data.count))
            ON CONFLICT (kind, sha256) DO NOTHING
            """)
    }
}
