import GRDB

/// `ChangeFeed` on SQLite: one process serves a data folder, so nothing is announced; the revisions
/// are the newest row ids of the tables that only ever grow, for a process that polls anyway.
struct SQLiteChangeFeed: ChangeFeed {
    let database: SQLiteDatabase

    func revisions() async throws(StorageError) -> [StoreTopic: Int64] {
        try await database.read { db in
            var revisions: [StoreTopic: Int64] = [:]
            for (topic, table) in [(StoreTopic.templates, "template_versions"), (.brands, "brand_versions"), (.batches, "batches")] {
                revisions[topic] = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM \(table)") ?? 0
            }
            return revisions
        }
    }

    /// A stream that ends at once: no other process announces anything here.
    func notifications() -> AsyncStream<StoreTopic> {
        AsyncStream { $0.finish() }
    }
}
