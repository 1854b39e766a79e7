import Foundation
import PostgresNIO

/// `BatchStore` on PostgreSQL, for workers on several nodes at once.
///
/// A claim is a lease: `claimNext` takes the first pending item with `FOR UPDATE SKIP LOCKED` (two
/// nodes never wait for, or get, the same row) and marks it `claimed_by` this node until
/// `lease_until`, on the database's clock, which all nodes share. The store renews its node's leases
/// while it runs (`renewLeases`); when a node dies they expire, and `claimNext` on any other node
/// takes such an item as if it were pending. Rendering an item twice issues nothing twice: the new
/// version is keyed `batch/<job>/<position>` (see `BatchWorker`).
struct PostgresBatchStore: BatchStore {
    let database: PostgresDatabase
    /// How long a claim holds without renewal.
    let lease: Duration

    /// Seconds, as the `interval` arithmetic of the queries takes them.
    private var leaseSeconds: Double { lease.seconds }

    func create(
        items: [NewBatchItem], for principal: Principal, template: String?, dryRun: Bool
    ) async throws(StorageError) -> String {
        guard !items.isEmpty else { throw .invalidArgument("a batch needs at least one item") }
        let id = UUID().uuidString.lowercased()
        let now = database.clock()
        let database = self.database
        try await database.transaction { (connection: PostgresConnection) async throws -> Void in
            let querier = PostgresQuerier(database, connection)
            _ = try await querier.rows(
                """
                INSERT INTO batches (id, tenant_id, client_id, status, total, created_at, template_name, dry_run)
                VALUES (\(id), \(principal.tenantID), \(principal.clientID), 'running', \(items.count), \(now), \(template), \(dryRun))
                """)
            // Arrays keep a job of thousands of items to one statement per thousand.
            for chunk in stride(from: 0, to: items.count, by: 1000) {
                let slice = items[chunk..<min(chunk + 1000, items.count)]
                _ = try await querier.rows(
                    """
                    INSERT INTO batch_items (batch_id, position, item_key, payload, status, attempts, updated_at)
                    SELECT \(id), position, item_key, payload, 'pending', 0, \(now)
                    FROM unnest(\(Array(chunk..<chunk + slice.count)), \(slice.map(\.key)), \(slice.map(\.payload)))
                        AS item(position, item_key, payload)
                    """)
            }
            try await PostgresChangeFeed.announce(.batches, with: querier)
        }
        return id
    }

    func claimNext(in batchID: String) async throws(StorageError) -> BatchItem? {
        let status = try await database.rows("SELECT status FROM batches WHERE id = \(batchID)").first
            .map { row throws(StorageError) in
                do { return try row.decode(String.self) } catch { throw PostgresDatabase.storageError(error) }
            }
        guard let status else { throw .notFound("batch \(batchID)") }
        guard status == "running" else { return nil }
        let rows = try await database.rows(
            """
            UPDATE batch_items SET status = 'claimed', attempts = attempts + 1, claimed_by = \(database.nodeID),
                lease_until = now() + \(leaseSeconds) * interval '1 second', updated_at = \(database.clock())
            WHERE (batch_id, position) = (
                SELECT batch_id, position FROM batch_items
                WHERE batch_id = \(batchID)
                    AND (status = 'pending' OR (status = 'claimed' AND lease_until < now()))
                ORDER BY position LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING \(unescaped: BatchItem.postgresColumns)
            """)
        return try rows.first.map { row throws(StorageError) in try BatchItem(postgres: row) }
    }

    func finish(batchID: String, position: Int, with outcome: BatchOutcome) async throws(StorageError) {
        let (status, documentID, error, pages): (BatchItem.Status, String?, String?, String?) =
            switch outcome {
            case .done(let documentID): (.done, documentID, nil, nil)
            case .wouldChange(let documentID, let pages): (.done, documentID, nil, pages)
            case .unchanged(let documentID): (.unchanged, documentID, nil, nil)
            case .failed(let reason): (.failed, nil, reason, nil)
            }
        let updated = try await database.rows(
            """
            UPDATE batch_items SET status = \(status.rawValue), document_id = COALESCE(\(documentID), document_id),
                error = \(error), changed_pages = COALESCE(\(pages), changed_pages), updated_at = \(database.clock()),
                claimed_by = NULL, lease_until = NULL
            WHERE batch_id = \(batchID) AND position = \(position) AND status = 'claimed'
            RETURNING position
            """)
        guard updated.isEmpty else { return }
        // Not claimed any more: another node may have taken over an expired lease and finished
        // the item already (with the same document, found by its idempotency key). That is done.
        let current = try await database.rows(
            "SELECT status FROM batch_items WHERE batch_id = \(batchID) AND position = \(position)")
        let state = try current.first.map { row throws(StorageError) in
            do { return try row.decode(String.self) } catch { throw PostgresDatabase.storageError(error) }
        }
        guard let state, ["done", "unchanged", "failed"].contains(state) else {
            throw .notFound("claimed item \(position) of batch \(batchID)")
        }
    }

    func release(batchID: String, position: Int) async throws(StorageError) {
        try await database.execute(
            """
            UPDATE batch_items SET status = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = \(database.clock())
            WHERE batch_id = \(batchID) AND position = \(position) AND status = 'claimed'
            """)
    }

    func cancel(_ batchID: String) async throws(StorageError) {
        let rows = try await database.rows("UPDATE batches SET status = 'cancelled' WHERE id = \(batchID) RETURNING id")
        if rows.isEmpty { throw .notFound("batch \(batchID)") }
    }

    func header(of batchID: String) async throws(StorageError) -> BatchHeader {
        let rows = try await database.rows("SELECT template_name, dry_run FROM batches WHERE id = \(batchID)")
        guard let row = rows.first else { throw .notFound("batch \(batchID)") }
        do {
            let (template, dryRun) = try row.decode((String?, Bool).self)
            return BatchHeader(id: batchID, template: template, isDryRun: dryRun)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }

    func runnableJobs() async throws(StorageError) -> [String] {
        let rows = try await database.rows(
            """
            SELECT id FROM batches WHERE status = 'running' AND EXISTS (
                SELECT 1 FROM batch_items WHERE batch_id = batches.id AND status IN ('pending', 'claimed'))
            ORDER BY created_at, id
            """)
        do {
            return try rows.map { try $0.decode(String.self) }
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }

    func pendingItemCount() async throws(StorageError) -> Int {
        let rows = try await database.rows(
            """
            SELECT COUNT(*) FROM batch_items JOIN batches ON batches.id = batch_items.batch_id
            WHERE batches.status = 'running' AND batch_items.status = 'pending'
            """)
        return (try? rows.first?.decode(Int.self)) ?? 0
    }

    /// Returns to pending the items whose lease expired, and those this node held before it
    /// restarted (a node id is stable across restarts when set with `--node-id`); items other
    /// live nodes hold are left to them.
    func requeueInterrupted() async throws(StorageError) -> Int {
        try await database.rows(
            """
            UPDATE batch_items SET status = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = \(database.clock())
            WHERE status = 'claimed' AND (claimed_by = \(database.nodeID) OR lease_until < now())
            RETURNING position
            """
        ).count
    }

    /// Extends every lease this node holds; the store calls it every third of a lease.
    /// - Returns: how many leases were renewed.
    func renewLeases() async throws(StorageError) -> Int {
        try await database.rows(
            """
            UPDATE batch_items SET lease_until = now() + \(leaseSeconds) * interval '1 second'
            WHERE status = 'claimed' AND claimed_by = \(database.nodeID)
            RETURNING position
            """
        ).count
    }

    func progress(of batchID: String, visibleTo principal: Principal) async throws(StorageError) -> BatchProgress? {
        let batches = try await database.rows(
            "SELECT tenant_id, client_id, status, total, template_name, dry_run FROM batches WHERE id = \(batchID)")
        guard let batch = batches.first else { return nil }
        do {
            let (tenant, client, status, total, template, dryRun) = try batch.decode(
                (String, String?, String, Int, String?, Bool).self)
            guard principal.canSee(tenantID: tenant, clientID: client) else { return nil }
            var counts: [String: Int] = [:]
            for row in try await database.rows(
                "SELECT status, COUNT(*)::bigint FROM batch_items WHERE batch_id = \(batchID) GROUP BY status")
            {
                let (state, count) = try row.decode((String, Int).self)
                counts[state] = count
            }
            let failures = try await database.rows(
                """
                SELECT item_key, COALESCE(error, '') FROM batch_items WHERE batch_id = \(batchID) AND status = 'failed'
                ORDER BY position
                """
            ).map { row in
                let (key, reason) = try row.decode((String, String).self)
                return BatchProgress.Failure(itemKey: key, reason: reason)
            }
            let changes = try await database.rows(
                """
                SELECT item_key, changed_pages FROM batch_items WHERE batch_id = \(batchID) AND changed_pages IS NOT NULL
                ORDER BY position
                """
            ).map { row in
                let (key, pages) = try row.decode((String, String).self)
                return BatchProgress.Change(itemKey: key, pages: pages)
            }
            return BatchProgress(
                batchID: batchID, isCancelled: status == "cancelled", total: total,
                pending: counts["pending", default: 0], claimed: counts["claimed", default: 0],
                done: counts["done", default: 0], unchanged: counts["unchanged", default: 0],
                failed: counts["failed", default: 0], failures: failures, template: template, isDryRun: dryRun,
                changes: changes)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }
}
