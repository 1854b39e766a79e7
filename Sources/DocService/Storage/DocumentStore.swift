import Foundation
import GRDB

/// Stored documents: created once, numbered gaplessly, deduplicated by idempotency key, reissued as
/// new versions, and read only through a `Principal`.
struct DocumentStore: Sendable {
    /// A client-chosen key that makes a retried create return the first result.
    struct IdempotencyKey: Sendable, Equatable {
        var key: String
        /// SHA-256 of the request body: the same key with a different body is a conflict.
        var requestSHA256: String
    }

    /// The outcome of `create`.
    struct Created: Sendable, Equatable {
        var document: DocumentRecord
        /// True when an earlier request with the same idempotency key created it.
        var isReplay: Bool
    }

    let database: ServiceDatabase

    /// Numbers, renders and stores a document.
    ///
    /// When the number is known (the data's, or the replaced version's), the document renders
    /// before the write transaction, which then only records it: renders of numbered documents run
    /// in parallel. When the series must give the number, rendering runs inside the transaction,
    /// because the number is printed on the PDF: if the render fails, the transaction rolls back and
    /// the number is not consumed, so the series stays gapless. A replayed idempotency key returns
    /// the stored document without rendering.
    ///
    /// Blocks the calling thread (the render and SQLite): call it from a render thread.
    /// - Parameters:
    ///   - draft: the document's render record, minus what numbering and rendering produce.
    ///   - idempotency: the caller's key, if any.
    ///   - numbering: the series to draw from when the draft has no number.
    ///   - render: renders the document carrying `number`, stores the PDF and says where.
    /// - Returns: the stored document, and whether it was a replay.
    /// - Throws: `StorageError.idempotencyConflict`, `.notFound` (an unknown superseded document),
    ///   `.alreadySuperseded`, `.invalidArgument` (no number and no numbering rule), `.renderFailed`, `.database`.
    func createNow(
        _ draft: DocumentDraft, idempotency: IdempotencyKey? = nil, numbering: NumberSeries.Rule? = nil,
        render: (_ number: String) throws -> RenderedDocument
    ) throws(StorageError) -> Created {
        let now = database.clock()
        let known = try database.readSynchronously { db -> (replay: DocumentRecord?, number: String?) in
            if let idempotency, let replay = try Self.replay(idempotency, tenantID: draft.tenantID, in: db) {
                return (replay, nil)
            }
            if let number = draft.number, !number.isEmpty { return (nil, number) }
            guard let id = draft.supersedes else { return (nil, nil) }
            return (nil, try Self.latestVersion(id, tenantID: draft.tenantID, in: db).number)
        }
        if let replay = known.replay { return Created(document: replay, isReplay: true) }
        let early = try known.number.map { number throws(StorageError) in (number, try Self.rendering(render, number)) }
        return try database.writeSynchronously { db in
            // Checked again inside the transaction: a concurrent retry may have won meanwhile.
            if let idempotency, let replay = try Self.replay(idempotency, tenantID: draft.tenantID, in: db) {
                return Created(document: replay, isReplay: true)
            }
            let previous = try draft.supersedes.map { id in try Self.latestVersion(id, tenantID: draft.tenantID, in: db) }
            let (number, rendered): (String, RenderedDocument)
            if let early {
                (number, rendered) = early
            } else {
                number = try Self.number(for: draft, previous: previous, numbering: numbering, in: db)
                rendered = try Self.rendering(render, number)
            }
            let id = UUID().uuidString.lowercased()
            let document = DocumentRecord(
                id: id, lineageId: previous?.lineageId ?? id, version: (previous?.version ?? 0) + 1,
                supersedes: previous?.id, tenantId: draft.tenantID, clientId: draft.clientID, orderId: draft.orderID,
                docType: draft.docType, templateName: draft.templateName, templateVersion: draft.templateVersion,
                brandId: draft.brandID, brandVersion: draft.brandVersion, dataSha256: draft.dataSHA256,
                fontsFingerprint: draft.fontsFingerprint, engineVersion: draft.engineVersion,
                pdfSha256: rendered.pdfSHA256, pages: rendered.pages, number: number, fileName: rendered.fileName,
                createdAt: now, locale: draft.locale)
            try document.insert(db)
            if let idempotency {
                try db.execute(
                    sql: """
                        INSERT INTO idempotency_keys (tenant_id, key, request_sha256, document_id, created_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [draft.tenantID, idempotency.key, idempotency.requestSHA256, id, now])
            }
            // Read back what SQLite kept (dates are stored to the millisecond), so a later fetch compares equal.
            guard let stored = try DocumentRecord.fetchOne(db, key: id) else {
                throw StorageError.database("document \(id) vanished after insert")
            }
            return Created(document: stored, isReplay: false)
        }
    }

    /// `createNow` for callers on Swift's cooperative threads that may block one briefly (tests, the CLI).
    func create(
        _ draft: DocumentDraft, idempotency: IdempotencyKey? = nil, numbering: NumberSeries.Rule? = nil,
        render: @escaping @Sendable (_ number: String) throws -> RenderedDocument
    ) async throws(StorageError) -> Created {
        try createNow(draft, idempotency: idempotency, numbering: numbering, render: render)
    }

    private static func rendering(
        _ render: (String) throws -> RenderedDocument, _ number: String
    ) throws(StorageError) -> RenderedDocument {
        do {
            return try render(number)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.renderFailed(error)
        }
    }

    /// The document with `id`, or nil when it does not exist or `principal` may not see it.
    /// - Throws: `StorageError.database`.
    func document(id: String, visibleTo principal: Principal) async throws(StorageError) -> DocumentRecord? {
        let document = try await database.read { db in try DocumentRecord.fetchOne(db, key: id) }
        guard let document, principal.canSee(tenantID: document.tenantId, clientID: document.clientId) else {
            return nil
        }
        return document
    }

    /// Every document of an order that `principal` may see, oldest first.
    /// - Throws: `StorageError.database`.
    func documents(forOrder orderID: String, visibleTo principal: Principal) async throws(StorageError)
        -> [DocumentRecord]
    {
        try await database.read { db in
            try Self.visible(to: principal).filter(Column("order_id") == orderID)
                .order(Column("created_at"), Column("version")).fetchAll(db)
        }
    }

    /// All versions of the document `id` belongs to, first issue first; empty when not visible.
    /// - Throws: `StorageError.database`.
    func versions(of id: String, visibleTo principal: Principal) async throws(StorageError) -> [DocumentRecord] {
        guard let document = try await document(id: id, visibleTo: principal) else { return [] }
        let lineage = document.lineageId
        return try await database.read { db in
            try DocumentRecord.filter(Column("lineage_id") == lineage).order(Column("version")).fetchAll(db)
        }
    }

    /// The current versions (not yet reissued) of `template`'s documents that `principal` may see,
    /// optionally of one tenant or below a template version, oldest first: what a batch re-renders.
    /// - Throws: `StorageError.database`.
    func currentVersions(
        of template: String, tenantID: String?, belowVersion: Int?, visibleTo principal: Principal
    ) async throws(StorageError) -> [DocumentRecord] {
        try await database.read { db in
            var request = Self.visible(to: principal).filter(Column("template_name") == template)
                .filter(sql: "NOT EXISTS (SELECT 1 FROM documents newer WHERE newer.supersedes = documents.id)")
            if let tenantID { request = request.filter(Column("tenant_id") == tenantID) }
            if let belowVersion { request = request.filter(sql: "CAST(template_version AS INTEGER) < ?", arguments: [belowVersion]) }
            return try request.order(Column("created_at"), Column("id")).fetchAll(db)
        }
    }

    /// The document with `id`, whoever owns it (the batch worker acts for the job's owner, who was checked).
    /// - Throws: `StorageError.notFound`, `.database`.
    func document(id: String) async throws(StorageError) -> DocumentRecord {
        guard let document = try await database.read({ db in try DocumentRecord.fetchOne(db, key: id) }) else {
            throw StorageError.notFound("document \(id)")
        }
        return document
    }

    /// The rows `principal` may see, as a query to narrow further.
    static func visible(to principal: Principal) -> QueryInterfaceRequest<DocumentRecord> {
        switch principal.role {
        case .platform:
            return DocumentRecord.all()
        case .reseller:
            return DocumentRecord.filter(Column("tenant_id") == principal.tenantID)
        case .client:
            let tenant = DocumentRecord.filter(Column("tenant_id") == principal.tenantID)
            guard let clientID = principal.clientID else { return tenant }
            return tenant.filter(Column("client_id") == clientID)
        }
    }

    /// The document an earlier request with this key created, or nil for a new key.
    private static func replay(_ idempotency: IdempotencyKey, tenantID: String, in db: Database) throws
        -> DocumentRecord?
    {
        let row = try Row.fetchOne(
            db, sql: "SELECT request_sha256, document_id FROM idempotency_keys WHERE tenant_id = ? AND key = ?",
            arguments: [tenantID, idempotency.key])
        guard let row else { return nil }
        guard row["request_sha256"] as String == idempotency.requestSHA256 else {
            throw StorageError.idempotencyConflict(key: idempotency.key)
        }
        let documentID: String = row["document_id"]
        guard let document = try DocumentRecord.fetchOne(db, key: documentID) else {
            throw StorageError.notFound("document \(documentID) of idempotency key `\(idempotency.key)`")
        }
        return document
    }

    /// The document a reissue replaces; it must be the tenant's and not already replaced.
    private static func latestVersion(_ id: String, tenantID: String, in db: Database) throws -> DocumentRecord {
        guard let previous = try DocumentRecord.fetchOne(db, key: id), previous.tenantId == tenantID else {
            throw StorageError.notFound("document \(id)")
        }
        if try DocumentRecord.filter(Column("supersedes") == id).fetchCount(db) > 0 {
            throw StorageError.alreadySuperseded(documentID: id)
        }
        return previous
    }

    /// The data's number, else the replaced version's, else the next of the series.
    private static func number(
        for draft: DocumentDraft, previous: DocumentRecord?, numbering: NumberSeries.Rule?, in db: Database
    ) throws -> String {
        if let number = draft.number, !number.isEmpty { return number }
        if let previous { return previous.number }
        guard let numbering else {
            throw StorageError.invalidArgument("the document has no number and no numbering rule was given")
        }
        return try NumberSeries.next(numbering, in: db)
    }
}
