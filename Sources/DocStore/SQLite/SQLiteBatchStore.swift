import Foundation
import GRDB

/// `BatchStore` on SQLite: every state change of an item is its own commit (see `BatchStore`).
struct SQLiteBatchStore: BatchStore {
    let database: SQLiteDatabase

    /// Records a job and all its items as pending.
    /// - Parameters:
    ///   - items: the documents to render, in order.
    ///   - principal: the owner; only it (its reseller, the platform) sees the job.
    /// - Returns: the job's id.
    /// - Throws: `StorageError.invalidArgument` for an empty list, or `.database`.
    func create(
        items: [NewBatchItem], for principal: Principal, template: String?, dryRun: Bool
    ) async throws(StorageError) -> String {
        guard !items.isEmpty else { throw .invalidArgument("a batch needs at least one item") }
        let id = UUID().uuidString.lowercased()
        let now = database.clock()
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO batches (id, tenant_id, client_id, status, total, created_at, template_name, dry_run)
                    VALUES (?, ?, ?, 'running', ?, ?, ?, ?)
                    """,
                arguments: [id, principal.tenantID, principal.clientID, items.count, now, template, dryRun])
            for (position, item) in items.enumerated() {
                try BatchItem(
                    batchId: id, position: position, itemKey: item.key, payload: item.payload, status: .pending,
                    attempts: 0, error: nil, documentId: nil, updatedAt: now
                ).insert(db)
            }
        }
        return id
    }

    /// Marks the first pending item of a running job as claimed and returns it; nil when none is left
    /// or the job was cancelled.
    /// - Throws: `StorageError.notFound` for an unknown job, or `.database`.
    func claimNext(in batchID: String) async throws(StorageError) -> BatchItem? {
        let now = database.clock()
        return try await database.write { db in
            guard
                let status = try String.fetchOne(
                    db.cachedStatement(sql: "SELECT status FROM batches WHERE id = ?"), arguments: [batchID])
            else {
                throw StorageError.notFound("batch \(batchID)")
            }
            guard status == "running" else { return nil }
            guard
                var item = try BatchItem.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT * FROM batch_items WHERE batch_id = ? AND status = ? ORDER BY position LIMIT 1"),
                    arguments: [batchID, BatchItem.Status.pending.rawValue])
            else { return nil }
            item.status = .claimed
            item.attempts += 1
            item.updatedAt = now
            try item.update(db)
            return item
        }
    }

    /// Records how a claimed item ended.
    /// - Throws: `StorageError.notFound` when the item is unknown or not claimed, or `.database`.
    func finish(batchID: String, position: Int, with outcome: BatchOutcome) async throws(StorageError) {
        let now = database.clock()
        try await database.write { db in
            guard
                var item = try BatchItem.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM batch_items WHERE batch_id = ? AND position = ?"),
                    arguments: [batchID, position]),
                item.status == .claimed
            else { throw StorageError.notFound("claimed item \(position) of batch \(batchID)") }
            switch outcome {
            case .done(let documentID): (item.status, item.documentId, item.error) = (.done, documentID, nil)
            case .wouldChange(let documentID, let pages):
                (item.status, item.documentId, item.error, item.changedPages) = (.done, documentID, nil, pages)
            case .unchanged(let documentID): (item.status, item.documentId, item.error) = (.unchanged, documentID, nil)
            case .failed(let reason): (item.status, item.error) = (.failed, reason)
            }
            item.updatedAt = now
            try item.update(db)
        }
    }

    /// Returns a claimed item to pending, for a worker that could not record its outcome: a later
    /// pass renders it again (an issued version is found again by its idempotency key, not repeated).
    /// - Throws: `StorageError.database`.
    func release(batchID: String, position: Int) async throws(StorageError) {
        let now = database.clock()
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE batch_items SET status = 'pending', updated_at = ?
                    WHERE batch_id = ? AND position = ? AND status = 'claimed'
                    """,
                arguments: [now, batchID, position])
        }
    }

    /// Stops handing out items; items already claimed may still finish.
    /// - Throws: `StorageError.notFound` for an unknown job, or `.database`.
    func cancel(_ batchID: String) async throws(StorageError) {
        try await database.write { db in
            try db.execute(sql: "UPDATE batches SET status = 'cancelled' WHERE id = ?", arguments: [batchID])
            if db.changesCount == 0 { throw StorageError.notFound("batch \(batchID)") }
        }
    }

    /// The job's template and kind.
    /// - Throws: `StorageError.notFound`, `.database`.
    func header(of batchID: String) async throws(StorageError) -> BatchHeader {
        let header = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT template_name, dry_run FROM batches WHERE id = ?", arguments: [batchID])
                .map { BatchHeader(id: batchID, template: $0["template_name"], isDryRun: $0["dry_run"]) }
        }
        guard let header else { throw StorageError.notFound("batch \(batchID)") }
        return header
    }

    /// Jobs that still have items to render, oldest first: what a worker picks up at startup.
    /// - Throws: `StorageError.database`.
    func runnableJobs() async throws(StorageError) -> [String] {
        try await database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM batches WHERE status = 'running' AND EXISTS (
                        SELECT 1 FROM batch_items WHERE batch_id = batches.id AND status IN ('pending', 'claimed'))
                    ORDER BY created_at
                    """)
        }
    }

    /// Items still to render across running jobs (the metrics' batch queue depth).
    /// - Throws: `StorageError.database`.
    func pendingItemCount() async throws(StorageError) -> Int {
        try await database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM batch_items JOIN batches ON batches.id = batch_items.batch_id
                    WHERE batches.status = 'running' AND batch_items.status = 'pending'
                    """) ?? 0
        }
    }

    /// Returns items a dead process had claimed to pending. Call once at startup, before any worker runs.
    /// - Returns: how many items were requeued.
    /// - Throws: `StorageError.database`.
    func requeueInterrupted() async throws(StorageError) -> Int {
        let now = database.clock()
        return try await database.write { db in
            try db.execute(
                sql: "UPDATE batch_items SET status = 'pending', updated_at = ? WHERE status = 'claimed'",
                arguments: [now])
            return db.changesCount
        }
    }

    /// Counts per state and the failures' reasons; nil when the job is unknown or not visible.
    /// - Throws: `StorageError.database`.
    func progress(of batchID: String, visibleTo principal: Principal) async throws(StorageError) -> BatchProgress? {
        try await database.read { db in
            guard let batch = try Row.fetchOne(db, sql: "SELECT * FROM batches WHERE id = ?", arguments: [batchID]),
                principal.canSee(tenantID: batch["tenant_id"], clientID: batch["client_id"])
            else { return nil }
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT status, COUNT(*) AS n FROM batch_items WHERE batch_id = ? GROUP BY status",
                arguments: [batchID])
            {
                counts[row["status"]] = row["n"]
            }
            let failures = try BatchItem.filter(
                Column("batch_id") == batchID && Column("status") == BatchItem.Status.failed.rawValue
            )
            .order(Column("position")).fetchAll(db)
            .map { BatchProgress.Failure(itemKey: $0.itemKey, reason: $0.error ?? "") }
            let changes = try BatchItem.filter(Column("batch_id") == batchID && Column("changed_pages") != nil)
                .order(Column("position")).fetchAll(db)
                .map { BatchProgress.Change(itemKey: $0.itemKey, pages: $0.changedPages ?? "") }
            return BatchProgress(
                batchID: batchID, isCancelled: batch["status"] == "cancelled", total: batch["total"],
                pending: counts["pending", default: 0], claimed: counts["claimed", default: 0],
                done: counts["done", default: 0], unchanged: counts["unchanged", default: 0],
                failed: counts["failed", default: 0], failures: failures, template: batch["template_name"],
                isDryRun: batch["dry_run"], changes: changes)
        }
    }
}
