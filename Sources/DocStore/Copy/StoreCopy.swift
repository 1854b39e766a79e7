import Foundation
import GRDB
import PostgresNIO

/// `docengine store copy`: moves a single-machine installation (a data folder) into a cluster's
/// store, keeping document ids, numbers, versions and render records, every template and brand
/// version, the number series, idempotency keys, API keys, batch jobs, and what the trust rules and
/// the studio keep (order owners, numbers in use, brand identities, retired templates, brand
/// drafts, studio sessions).
///
/// Idempotent: every row is inserted unless already there, so running it again (after an
/// interruption, or to pick up documents issued meanwhile) copies only what is missing. A row that
/// is there with different content (a template version with another source, say) is an error, not
/// silently kept: copy into an empty database, or into one this copy filled. Every blob is read
/// from the folder and its SHA-256 checked against its name before it is written.
package struct StoreCopy: Sendable {
    /// What a copy did.
    package struct Report: Sendable, Equatable, CustomStringConvertible {
        /// Rows written per table.
        package var copied: [String: Int] = [:]
        /// Rows per table that were already there (an earlier copy).
        package var present: [String: Int] = [:]
        /// Blobs read, hashed and found to match their names.
        package var verifiedBlobs = 0
        /// Blobs written to the target (the others were there).
        package var writtenBlobs = 0

        package var description: String {
            let tables = Set(copied.keys).union(present.keys).sorted()
            let lines = tables.map { "\($0): \(copied[$0, default: 0]) copied, \(present[$0, default: 0]) already there" }
            return (lines + ["blobs: \(verifiedBlobs) verified, \(writtenBlobs) written"]).joined(separator: "\n")
        }

        mutating func count(_ table: String, inserted: Bool) {
            if inserted { copied[table, default: 0] += 1 } else { present[table, default: 0] += 1 }
        }
    }

    let source: SQLiteStore
    let target: PostgresStore
    /// Documents per transaction.
    static let pageSize = 200

    /// - Parameters:
    ///   - source: the data folder's store.
    ///   - target: the cluster's store, running and migrated.
    package init(from source: SQLiteStore, to target: PostgresStore) {
        self.source = source
        self.target = target
    }

    /// Copies everything (see the type's summary).
    /// - Parameter progress: told each step as it finishes, for the command line.
    /// - Returns: what was copied.
    /// - Throws: `StorageError` naming the row or blob that differs, is corrupt or cannot be written.
    package func run(progress: @Sendable (String) -> Void = { _ in }) async throws(StorageError) -> Report {
        var report = Report()
        try await copyTenantsAndKeys(&report)
        progress("tenants and keys")
        try await copyTemplates(&report)
        progress("templates")
        try await copyBrands(&report)
        progress("brands")
        try await copyDocuments(&report, progress: progress)
        try await copyOrdersAndNumbers(&report)
        progress("order owners and numbers in use")
        try await copyNumberSeries(&report)
        progress("number series")
        try await copyDraftsAndSessions(&report)
        progress("studio drafts and sessions")
        try await copyBatches(&report)
        progress("batch jobs")
        // Nodes already running cache templates and brands: tell them to look again.
        let database = target.database
        try await database.transaction { (connection: PostgresConnection) async throws -> Void in
            let querier = PostgresQuerier(database, connection)
            try await PostgresChangeFeed.announce(.templates, with: querier)
            try await PostgresChangeFeed.announce(.brands, with: querier)
        }
        return report
    }

    // MARK: Steps

    private func copyTenantsAndKeys(_ report: inout Report) async throws(StorageError) {
        let tenants = try await read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, created_at FROM tenants ORDER BY id")
                .map { ($0["id"] as String, $0["name"] as String, $0["created_at"] as Date) }
        }
        for (id, name, createdAt) in tenants {
            let inserted = try await target.database.rows(
                """
                INSERT INTO tenants (id, name, created_at) VALUES (\(id), \(name), \(createdAt))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """)
            report.count("tenants", inserted: !inserted.isEmpty)
        }
        let keys = try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT token_sha256, role, tenant_id, client_id, created_at, revoked_at FROM api_keys ORDER BY id"
            ).map {
                (
                    $0["token_sha256"] as String, $0["role"] as String, $0["tenant_id"] as String, $0["client_id"] as String?,
                    $0["created_at"] as Date, $0["revoked_at"] as Date?
                )
            }
        }
        for (token, role, tenant, client, createdAt, revokedAt) in keys {
            let inserted = try await target.database.rows(
                """
                INSERT INTO api_keys (token_sha256, role, tenant_id, client_id, created_at, revoked_at)
                VALUES (\(token), \(role), \(tenant), \(client), \(createdAt), \(revokedAt))
                ON CONFLICT (token_sha256) DO NOTHING RETURNING id
                """)
            report.count("api_keys", inserted: !inserted.isEmpty)
        }
    }

    private func copyTemplates(_ report: inout Report) async throws(StorageError) {
        let templates = try await read { db in
            try Row.fetchAll(db, sql: "SELECT name, tenant_id, created_at, retired_at FROM templates ORDER BY name")
                .map { ($0["name"] as String, $0["tenant_id"] as String?, $0["created_at"] as Date, $0["retired_at"] as Date?) }
        }
        for (name, tenant, createdAt, retiredAt) in templates {
            // A template retired in the folder since an earlier copy is retired here too.
            let inserted = try await target.database.rows(
                """
                INSERT INTO templates (name, tenant_id, created_at, retired_at) VALUES (\(name), \(tenant), \(createdAt), \(retiredAt))
                ON CONFLICT (name) DO UPDATE SET retired_at = COALESCE(templates.retired_at, EXCLUDED.retired_at)
                RETURNING (xmax = 0) AS inserted
                """)
            report.count("templates", inserted: (try? inserted.first?.decode(Bool.self)) ?? false)
        }
        let versions = try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT template_name, version, source, sha256, created_at, origin FROM template_versions
                    ORDER BY template_name, version
                    """
            ).map {
                (
                    $0["template_name"] as String, $0["version"] as Int, $0["source"] as String, $0["sha256"] as String,
                    $0["created_at"] as Date, $0["origin"] as String
                )
            }
        }
        for (name, version, source, sha256, createdAt, origin) in versions {
            let inserted = try await target.database.rows(
                """
                INSERT INTO template_versions (template_name, version, source, sha256, created_at, origin)
                VALUES (\(name), \(version), \(source), \(sha256), \(createdAt), \(origin))
                ON CONFLICT (template_name, version) DO NOTHING RETURNING version
                """)
            if inserted.isEmpty {
                try await expectSame(
                    "SELECT sha256 FROM template_versions WHERE template_name = \(name) AND version = \(version)", sha256,
                    what: "template \(name) version \(version)")
            }
            report.count("template_versions", inserted: !inserted.isEmpty)
        }
    }

    private func copyBrands(_ report: inout Report) async throws(StorageError) {
        let brands = try await read { db in
            try Row.fetchAll(db, sql: "SELECT id, tenant_id, created_at, number_prefix_key, tax_id_key FROM brands ORDER BY id")
                .map {
                    (
                        $0["id"] as String, $0["tenant_id"] as String, $0["created_at"] as Date,
                        $0["number_prefix_key"] as String?, $0["tax_id_key"] as String?
                    )
                }
        }
        for (id, tenant, createdAt, prefix, taxID) in brands {
            // The identity keys follow the folder's (its latest brand versions are copied too).
            let inserted = try await target.database.rows(
                """
                INSERT INTO brands (id, tenant_id, created_at, number_prefix_key, tax_id_key)
                VALUES (\(id), \(tenant), \(createdAt), \(prefix), \(taxID))
                ON CONFLICT (id) DO UPDATE SET number_prefix_key = EXCLUDED.number_prefix_key, tax_id_key = EXCLUDED.tax_id_key
                RETURNING (xmax = 0) AS inserted
                """)
            report.count("brands", inserted: (try? inserted.first?.decode(Bool.self)) ?? false)
        }
        let versions = try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT brand_id, version, brand_json, sha256, files, created_at, published_by_tenant,
                        published_by_role, published_via
                    FROM brand_versions ORDER BY brand_id, version
                    """
            ).map {
                (
                    $0["brand_id"] as String, $0["version"] as Int, $0["brand_json"] as String, $0["sha256"] as String,
                    $0["files"] as String?, $0["created_at"] as Date,
                    [$0["published_by_tenant"] as String?, $0["published_by_role"] as String?, $0["published_via"] as String?]
                )
            }
        }
        for (id, version, manifest, fingerprint, filesText, createdAt, author) in versions {
            let files: [String: String]
            do {
                files = try SQLiteBrandStore.decode(filesText)
            } catch {
                throw .database("brand \(id) version \(version): \(error)")
            }
            for sha256 in files.values.sorted() { try await copyBlob(sha256, kind: .brandFile, &report) }
            let inserted = try await target.database.rows(
                """
                INSERT INTO brand_versions (brand_id, version, brand_json, sha256, files, created_at,
                    published_by_tenant, published_by_role, published_via)
                VALUES (\(id), \(version), \(manifest), \(fingerprint), \(try SQLiteBrandStore.encode(files))::jsonb, \(createdAt),
                    \(author[0]), \(author[1]), \(author[2]))
                ON CONFLICT (brand_id, version) DO NOTHING RETURNING version
                """)
            if inserted.isEmpty {
                try await expectSame(
                    "SELECT sha256 FROM brand_versions WHERE brand_id = \(id) AND version = \(version)", fingerprint,
                    what: "brand \(id) version \(version)")
            }
            report.count("brand_versions", inserted: !inserted.isEmpty)
        }
    }

    /// Documents oldest first (so a reissue follows what it supersedes and listings keep their
    /// order), a page per transaction; their blobs are written before them.
    private func copyDocuments(_ report: inout Report, progress: @Sendable (String) -> Void) async throws(StorageError) {
        var after: Int64 = 0
        while true {
            let sequence = after
            let page = try await read { db in
                try DocumentRecord.filter(Column("seq") > sequence).order(Column("seq")).limit(Self.pageSize).fetchAll(db)
            }
            guard let last = page.last?.sequence else { break }
            after = last
            for document in page {
                try await copyBlob(document.dataSha256, kind: .data, &report)
                try await copyBlob(document.pdfSha256, kind: document.blobKind, &report)
            }
            let ids = page.map(\.id)
            let keys = try await read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT tenant_id, key, request_sha256, document_id, created_at FROM idempotency_keys
                        WHERE document_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
                        """,
                    arguments: StatementArguments(ids)
                ).map {
                    (
                        $0["tenant_id"] as String, $0["key"] as String, $0["request_sha256"] as String,
                        $0["document_id"] as String, $0["created_at"] as Date
                    )
                }
            }
            let database = target.database
            let outcome = try await database.transaction { (connection: PostgresConnection) async throws -> UncheckedBox<Report> in
                let querier = PostgresQuerier(database, connection)
                var outcome = Report()
                _ = try await querier.rows(
                    """
                    SELECT pg_advisory_xact_lock(\(PostgresDocumentStore.commitOrderLockKey.0), \(PostgresDocumentStore.commitOrderLockKey.1))
                    """)
                for document in page {
                    if let existing = try await PostgresDocumentStore.fetch(document.id, with: querier) {
                        guard existing.pdfSha256 == document.pdfSha256, existing.number == document.number,
                            existing.version == document.version, existing.mediaType == document.mediaType
                        else {
                            throw StorageError.database(
                                "document \(document.id) is already in the target with other contents (number \(existing.number))")
                        }
                        outcome.count("documents", inserted: false)
                    } else {
                        var copy = document
                        copy.sequence = nil
                        _ = try await PostgresDocumentStore.insert(copy, with: querier)
                        outcome.count("documents", inserted: true)
                    }
                }
                for (tenant, key, request, document, createdAt) in keys {
                    let inserted = try await querier.rows(
                        """
                        INSERT INTO idempotency_keys (tenant_id, key, request_sha256, document_id, created_at)
                        VALUES (\(tenant), \(key), \(request), \(document), \(createdAt))
                        ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key
                        """)
                    outcome.count("idempotency_keys", inserted: !inserted.isEmpty)
                }
                return UncheckedBox(outcome)
            }.value
            report.copied.merge(outcome.copied, uniquingKeysWith: +)
            report.present.merge(outcome.present, uniquingKeysWith: +)
            progress("documents up to \(report.copied["documents", default: 0] + report.present["documents", default: 0])")
        }
    }

    /// Who owns each order, and which document carries each number of its issuer, type and series
    /// (after the documents, which `document_numbers` names).
    private func copyOrdersAndNumbers(_ report: inout Report) async throws(StorageError) {
        let orders = try await read { db in
            try Row.fetchAll(db, sql: "SELECT id, tenant_id, created_at FROM orders ORDER BY id")
                .map { ($0["id"] as String, $0["tenant_id"] as String, $0["created_at"] as Date) }
        }
        for (id, tenant, createdAt) in orders {
            let inserted = try await target.database.rows(
                """
                INSERT INTO orders (id, tenant_id, created_at) VALUES (\(id), \(tenant), \(createdAt))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """)
            if inserted.isEmpty {
                try await expectSame("SELECT tenant_id FROM orders WHERE id = \(id)", tenant, what: "the owner of order \(id)")
            }
            report.count("orders", inserted: !inserted.isEmpty)
        }
        let numbers = try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT issuer, doc_type, series, number, document_id FROM document_numbers ORDER BY issuer, doc_type, series, number"
            ).map {
                ($0["issuer"] as String, $0["doc_type"] as String, $0["series"] as String, $0["number"] as String, $0["document_id"] as String)
            }
        }
        for (issuer, type, series, number, document) in numbers {
            let inserted = try await target.database.rows(
                """
                INSERT INTO document_numbers (issuer, doc_type, series, number, document_id)
                VALUES (\(issuer), \(type), \(series), \(number), \(document))
                ON CONFLICT DO NOTHING RETURNING number
                """)
            if inserted.isEmpty {
                try await expectSame(
                    """
                    SELECT document_id FROM document_numbers
                    WHERE issuer = \(issuer) AND doc_type = \(type) AND series = \(series) AND number = \(number)
                    """, document, what: "number \(number)")
            }
            report.count("document_numbers", inserted: !inserted.isEmpty)
        }
    }

    /// The studio's drafts (their files first) and its live sessions (tied to the same API keys,
    /// found by their hashes: key ids differ between the stores), so nobody is signed out by the move.
    private func copyDraftsAndSessions(_ report: inout Report) async throws(StorageError) {
        let drafts = try await source.database.read { db in
            try Row.fetchAll(db, sql: "SELECT brand_id FROM brand_drafts ORDER BY brand_id").map { $0["brand_id"] as String }
        }
        for brandID in drafts {
            guard let draft = try await source.drafts.draft(of: brandID) else { continue }
            for sha256 in draft.files.values.sorted() { try await copyBlob(sha256, kind: .brandFile, &report) }
            let present = try await target.drafts.draft(of: brandID)
            // The folder's draft is newer when the folder kept serving after an earlier copy.
            let differs = present?.fingerprint != draft.fingerprint || present?.baseVersion != draft.baseVersion
            if differs { try await target.drafts.save(draft) }
            report.count("brand_drafts", inserted: differs)
        }
        let now = source.clock()
        let sessions = try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.token_sha256, k.token_sha256 AS key_sha256, s.created_at, s.expires_at
                    FROM studio_sessions s JOIN api_keys k ON k.id = s.key_id WHERE s.expires_at > ? ORDER BY s.created_at
                    """, arguments: [now]
            ).map { ($0["token_sha256"] as String, $0["key_sha256"] as String, $0["created_at"] as Date, $0["expires_at"] as Date) }
        }
        for (token, key, createdAt, expiresAt) in sessions {
            let inserted = try await target.database.rows(
                """
                INSERT INTO studio_sessions (token_sha256, key_id, created_at, expires_at)
                SELECT \(token), id, \(createdAt), \(expiresAt) FROM api_keys WHERE token_sha256 = \(key)
                ON CONFLICT (token_sha256) DO NOTHING RETURNING token_sha256
                """)
            report.count("studio_sessions", inserted: !inserted.isEmpty)
        }
    }

    /// Each series ends at the larger of the two values: a second copy after the cluster issued
    /// more numbers must not move a series back.
    private func copyNumberSeries(_ report: inout Report) async throws(StorageError) {
        let series = try await read { db in
            try Row.fetchAll(db, sql: "SELECT issuer, doc_type, series, last_value FROM number_series ORDER BY issuer, doc_type, series")
                .map { ($0["issuer"] as String, $0["doc_type"] as String, $0["series"] as String, $0["last_value"] as Int64) }
        }
        for (issuer, type, key, value) in series {
            let rows = try await target.database.rows(
                """
                INSERT INTO number_series (issuer, doc_type, series, last_value) VALUES (\(issuer), \(type), \(key), \(value))
                ON CONFLICT (issuer, doc_type, series)
                DO UPDATE SET last_value = GREATEST(number_series.last_value, EXCLUDED.last_value)
                RETURNING (xmax = 0) AS inserted
                """)
            report.count("number_series", inserted: (try? rows.first?.decode(Bool.self)) ?? false)
        }
    }

    /// Jobs with their items; an item claimed when the folder's service stopped is pending here.
    private func copyBatches(_ report: inout Report) async throws(StorageError) {
        let batches = try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, tenant_id, client_id, status, total, created_at, template_name, dry_run FROM batches ORDER BY created_at"
            ).map {
                (
                    $0["id"] as String, $0["tenant_id"] as String, $0["client_id"] as String?, $0["status"] as String,
                    $0["total"] as Int, $0["created_at"] as Date, $0["template_name"] as String?, $0["dry_run"] as Bool
                )
            }
        }
        for (id, tenant, client, status, total, createdAt, template, dryRun) in batches {
            let inserted = try await target.database.rows(
                """
                INSERT INTO batches (id, tenant_id, client_id, status, total, created_at, template_name, dry_run)
                VALUES (\(id), \(tenant), \(client), \(status), \(total), \(createdAt), \(template), \(dryRun))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """)
            report.count("batches", inserted: !inserted.isEmpty)
            guard !inserted.isEmpty else { continue }
            let items = try await read { db in
                try BatchItem.filter(Column("batch_id") == id).order(Column("position")).fetchAll(db)
            }
            for item in items {
                let state = item.status == .claimed ? BatchItem.Status.pending : item.status
                try await target.database.execute(
                    """
                    INSERT INTO batch_items (batch_id, position, item_key, payload, status, attempts, error, document_id,
                        updated_at, changed_pages)
                    VALUES (\(item.batchId), \(item.position), \(item.itemKey), \(item.payload), \(state.rawValue),
                        \(item.attempts), \(item.error), \(item.documentId), \(item.updatedAt), \(item.changedPages))
                    ON CONFLICT (batch_id, position) DO NOTHING
                    """)
                report.count("batch_items", inserted: true)
            }
        }
    }

    // MARK: Helpers

    /// Reads a blob from the folder, checks its hash, and writes it to the target unless it is there.
    private func copyBlob(_ sha256: String, kind: BlobKind, _ report: inout Report) async throws(StorageError) {
        let data = try source.blobs.readNow(sha256, kind: kind)
        guard blobAddress(of: data) == sha256 else {
            let path = (source.blobs as? FileBlobStore)?.url(forSHA256: sha256, kind: kind).path ?? "\(kind.rawValue) \(sha256)"
            throw .file(path: path, reason: "its bytes hash to \(blobAddress(of: data)), not to its name: the file is corrupt")
        }
        report.verifiedBlobs += 1
        let store = target.blobStore
        if try await store.contains(sha256, kind: kind) { return }
        _ = try await store.write(data, kind: kind)
        report.writtenBlobs += 1
    }

    /// Reads from the folder's database; `body` turns GRDB's rows into values that may leave it.
    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        try await source.database.read(body)
    }

    /// Fails unless `query`'s single text value equals `expected`.
    private func expectSame(_ query: PostgresQuery, _ expected: String, what: String) async throws(StorageError) {
        let rows = try await target.database.rows(query)
        let found = try? rows.first?.decode(String.self)
        guard found == expected else {
            throw .database(
                "\(what) is already in the target with other contents (\(found ?? "none") instead of \(expected)); copy into an empty database")
        }
    }
}
