import Foundation
import GRDB

/// `DocumentStore` on SQLite. Write transactions are serialised (one writer in the pool,
/// `BEGIN IMMEDIATE` across processes), so two documents can never draw the same number.
struct SQLiteDocumentStore: DocumentStore {
    let database: SQLiteDatabase

    func createNow(
        _ draft: DocumentDraft, idempotency: IdempotencyKey?, numbering: NumberingRule?,
        render: (_ number: String) throws -> RenderedDocument
    ) throws(StorageError) -> CreatedDocumentRecord {
        let now = database.clock()
        let known = try database.readSynchronously { db -> (replay: DocumentRecord?, number: String?) in
            if let idempotency, let replay = try Self.replay(idempotency, tenantID: draft.tenantID, in: db) {
                return (replay, nil)
            }
            if let order = draft.orderID { try Self.checkOwner(of: order, is: draft.tenantID, in: db) }
            if let number = draft.number, !number.isEmpty {
                // A number in use is refused before the render it would waste.
                if draft.supersedes == nil, let numbering { try SQLiteNumberSeries.checkUnused(number, numbering, in: db) }
                return (nil, number)
            }
            guard let id = draft.supersedes else { return (nil, nil) }
            return (nil, try Self.latestVersion(id, tenantID: draft.tenantID, in: db).number)
        }
        if let replay = known.replay { return CreatedDocumentRecord(document: replay, isReplay: true) }
        let early = try known.number.map { number throws(StorageError) in (number, try Self.rendering(render, number)) }
        // Rendered already, the record's transaction is short: it joins the concurrent ones and
        // commits with them. A render inside the transaction (the series gives the number) keeps
        // a transaction of its own, so no other caller waits for it.
        func record(_ db: Database) throws -> CreatedDocumentRecord {
            // Checked again inside the transaction: a concurrent retry may have won meanwhile.
            if let idempotency, let replay = try Self.replay(idempotency, tenantID: draft.tenantID, in: db) {
                return CreatedDocumentRecord(document: replay, isReplay: true)
            }
            let previous = try draft.supersedes.map { id in try Self.latestVersion(id, tenantID: draft.tenantID, in: db) }
            if let order = draft.orderID { try Self.claim(order: order, for: draft.tenantID, at: now, in: db) }
            // A new document takes a number no other document of its issuer, type and series has;
            // a reissue keeps its own.
            let reservesNumber = previous == nil ? numbering : nil
            let (number, rendered): (String, RenderedDocument)
            if let early {
                (number, rendered) = early
                if let reservesNumber { try SQLiteNumberSeries.checkUnused(number, reservesNumber, in: db) }
            } else {
                number = try Self.number(for: draft, previous: previous, numbering: numbering, in: db)
                if let reservesNumber { try SQLiteNumberSeries.checkUnused(number, reservesNumber, in: db) }
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
                createdAt: now, locale: draft.locale, issuedOn: draft.issuedOn, sequence: nil, mediaType: rendered.mediaType)
            try document.insert(db)
            if let reservesNumber { try SQLiteNumberSeries.reserve(number, reservesNumber, documentID: id, in: db) }
            if let idempotency {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO idempotency_keys (tenant_id, key, request_sha256, document_id, created_at)
                        VALUES (?, ?, ?, ?, ?)
                        """
                ).execute(arguments: [draft.tenantID, idempotency.key, idempotency.requestSHA256, id, now])
            }
            // Read back what SQLite kept (dates to the millisecond, the sequence), so a later fetch compares equal.
            guard let stored = try Self.record(id: id, in: db) else {
                throw StorageError.database("document \(id) vanished after insert")
            }
            return CreatedDocumentRecord(document: stored, isReplay: false)
        }
        return early == nil ? try database.writeSynchronously(record) : try database.writeInGroup(record)
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

    func document(id: String, visibleTo principal: Principal) async throws(StorageError) -> DocumentRecord? {
        let document = try await database.read { db in try Self.record(id: id, in: db) }
        guard let document, principal.canSee(tenantID: document.tenantId, clientID: document.clientId) else {
            return nil
        }
        return document
    }

    func document(id: String) async throws(StorageError) -> DocumentRecord {
        guard let document = try await database.read({ db in try Self.record(id: id, in: db) }) else {
            throw StorageError.notFound("document \(id)")
        }
        return document
    }

    func documents(matching query: DocumentQuery, visibleTo principal: Principal) async throws(StorageError)
        -> DocumentPage
    {
        let limit = min(max(query.limit, 1), DocumentQuery.maximumLimit)
        let rows = try await database.read { db in
            var request = Self.visible(to: principal)
            if let order = query.orderID { request = request.filter(Column("order_id") == order) }
            if let client = query.clientID { request = request.filter(Column("client_id") == client) }
            if let template = query.template { request = request.filter(Column("template_name") == template) }
            if let from = query.from { request = request.filter(Column("issued_on") >= from) }
            if let to = query.to { request = request.filter(Column("issued_on") <= to) }
            if let after = query.after { request = request.filter(Column("seq") > after.sequence) }
            // One more than asked for tells whether another page follows.
            return try request.order(Column("seq")).limit(limit + 1).fetchAll(db)
        }
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? page.last?.sequence.map(DocumentCursor.init(sequence:)) : nil
        return DocumentPage(documents: page, nextCursor: next)
    }

    func versions(of id: String, visibleTo principal: Principal) async throws(StorageError) -> [DocumentRecord] {
        guard let document = try await document(id: id, visibleTo: principal) else { return [] }
        let lineage = document.lineageId
        return try await database.read { db in
            try DocumentRecord.filter(Column("lineage_id") == lineage).order(Column("version")).fetchAll(db)
        }
    }

    func currentVersions(
        of template: String, tenantID: String?, belowVersion: Int?, visibleTo principal: Principal
    ) async throws(StorageError) -> [DocumentRecord] {
        try await database.read { db in
            var request = Self.visible(to: principal).filter(Column("template_name") == template)
                .filter(sql: "NOT EXISTS (SELECT 1 FROM documents newer WHERE newer.supersedes = documents.id)")
            if let tenantID { request = request.filter(Column("tenant_id") == tenantID) }
            if let belowVersion {
                request = request.filter(sql: "CAST(template_version AS INTEGER) < ?", arguments: [belowVersion])
            }
            return try request.order(Column("seq")).fetchAll(db)
        }
    }

    func owner(ofOrder orderID: String) async throws(StorageError) -> String? {
        try await database.read { db in try Self.owner(ofOrder: orderID, in: db) }
    }

    /// The document with this id, if any.
    ///
    /// This and the other queries of the issuing path run prepared statements kept by the
    /// connection (`cachedStatement`): preparing one (parsing, resolving the schema, GRDB's
    /// authorizer going over every column) cost more than running it, about 7 % of the service's
    /// CPU when every request prepared its queries afresh.
    static func record(id: String, in db: Database) throws -> DocumentRecord? {
        try DocumentRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM documents WHERE id = ?"), arguments: [id])
    }

    /// The tenant that owns the order, if it is known.
    private static func owner(ofOrder orderID: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT tenant_id FROM orders WHERE id = ?"), arguments: [orderID])
    }

    /// Throws `notFound` when the order belongs to another tenant: to it, the order does not exist.
    private static func checkOwner(of orderID: String, is tenantID: String, in db: Database) throws {
        if let owner = try owner(ofOrder: orderID, in: db), owner != tenantID {
            throw StorageError.notFound("order \(orderID)")
        }
    }

    /// Makes `tenantID` the order's owner when it has none yet (inside the document's transaction).
    private static func claim(order orderID: String, for tenantID: String, at now: Date, in db: Database) throws {
        try checkOwner(of: orderID, is: tenantID, in: db)
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO orders (id, tenant_id, created_at) VALUES (?, ?, ?)")
            .execute(arguments: [orderID, tenantID, now])
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
            db.cachedStatement(sql: "SELECT request_sha256, document_id FROM idempotency_keys WHERE tenant_id = ? AND key = ?"),
            arguments: [tenantID, idempotency.key])
        guard let row else { return nil }
        guard row["request_sha256"] as String == idempotency.requestSHA256 else {
            throw StorageError.idempotencyConflict(key: idempotency.key)
        }
        let documentID: String = row["document_id"]
        guard let document = try record(id: documentID, in: db) else {
            throw StorageError.notFound("document \(documentID) of idempotency key `\(idempotency.key)`")
        }
        return document
    }

    /// The document a reissue replaces; it must be the tenant's and not already replaced.
    private static func latestVersion(_ id: String, tenantID: String, in db: Database) throws -> DocumentRecord {
        guard let previous = try record(id: id, in: db), previous.tenantId == tenantID else {
            throw StorageError.notFound("document \(id)")
        }
        let replaced = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE supersedes = ?)"), arguments: [id])
        if replaced == true {
            throw StorageError.alreadySuperseded(documentID: id)
        }
        return previous
    }

    /// The data's number, else the replaced version's, else the next of the series.
    private static func number(
        for draft: DocumentDraft, previous: DocumentRecord?, numbering: NumberingRule?, in db: Database
    ) throws -> String {
        if let number = draft.number, !number.isEmpty { return number }
        if let previous { return previous.number }
        guard let numbering else {
            throw StorageError.invalidArgument("the document has no number and no numbering rule was given")
        }
        return try SQLiteNumberSeries.next(numbering, in: db)
    }
}
