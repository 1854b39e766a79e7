import Foundation
import PostgresNIO

/// `DocumentStore` on PostgreSQL, shared by every node of a cluster.
///
/// What holds across nodes, and by what:
/// - **Gapless numbers.** The series row is taken with an upsert that locks it (`PostgresNumberSeries`)
///   inside the transaction that stores the document; the render runs while the lock is held (it
///   prints the number), so a failed render rolls the counter back and the next document of the
///   series, on any node, waits and takes the same number.
/// - **Idempotency.** A transaction-scoped advisory lock on the tenant and key makes a concurrent
///   duplicate wait and then find the first document; the primary key of `idempotency_keys` is the
///   guarantee behind it (a violation is answered as a replay).
/// - **One successor per version.** `documents.supersedes` is unique.
/// - **Listings never skip a document.** `seq` orders listings and cursors; identity values are
///   drawn at insert but become visible at commit, so inserts take one advisory lock
///   (`commitOrderLockKey`) just before writing and hold it to the commit: rows become visible in
///   `seq` order. The lock covers two inserts and the commit (not the render).
///
/// `createNow` is synchronous by design (a render thread, inside the transaction): the calling
/// thread blocks in `BlockingBridge` while a task runs the transaction, and renders when that task
/// hands it the number.
struct PostgresDocumentStore: DocumentStore {
    let database: PostgresDatabase
    let blobs: any TransactionalBlobStore

    /// The advisory lock (two-key form, class `doce`) that orders document commits; see the type's summary.
    static let commitOrderLockKey: (Int32, Int32) = (0x646f_6365, 2)

    /// What the render produced, with the blobs it wrote, staged to be written with the document.
    struct Rendering: Sendable {
        var document: RenderedDocument
        var staging: BlobStaging
    }

    func createNow(
        _ draft: DocumentDraft, idempotency: IdempotencyKey?, numbering: NumberingRule?,
        render: (_ number: String) throws -> RenderedDocument
    ) throws(StorageError) -> CreatedDocumentRecord {
        let store = self
        // The render answers the transaction's request for a page on this very thread (the
        // pipeline's); the closure never leaves it.
        return try BlockingBridge<String, Rendering>.run(answering: { number in
            let staging = BlobStaging()
            let document = try staging.collecting { try render(number) }
            return Rendering(document: document, staging: staging)
        }) { bridge throws(StorageError) in
            try await store.create(draft, idempotency: idempotency, numbering: numbering) { number in
                try await bridge.ask(number)
            }
        }
    }

    /// Without a thread to block: the render runs in the task, between the same `BEGIN` and `COMMIT`.
    func createAsynchronously(
        _ draft: DocumentDraft, idempotency: IdempotencyKey?, numbering: NumberingRule?,
        render: @escaping @Sendable (_ number: String) throws -> RenderedDocument
    ) async throws(StorageError) -> CreatedDocumentRecord {
        try await create(draft, idempotency: idempotency, numbering: numbering) { number in
            let staging = BlobStaging()
            let document = try staging.collecting { try render(number) }
            return Rendering(document: document, staging: staging)
        }
    }

    /// The transaction behind `createNow`; `perform` renders with a number.
    func create(
        _ draft: DocumentDraft, idempotency: IdempotencyKey?, numbering: NumberingRule?,
        perform: @escaping @Sendable (_ number: String) async throws -> Rendering
    ) async throws(StorageError) -> CreatedDocumentRecord {
        let pool = PostgresQuerier(database)
        if let idempotency, let replay = try await Self.replay(idempotency, tenantID: draft.tenantID, with: pool) {
            return CreatedDocumentRecord(document: replay, isReplay: true)
        }
        if let order = draft.orderID { try await Self.checkOwner(of: order, is: draft.tenantID, with: pool) }
        var known = draft.number.flatMap { $0.isEmpty ? nil : $0 }
        // A number in use is refused before the render it would waste.
        if let known, draft.supersedes == nil, let numbering {
            try await PostgresNumberSeries.checkUnused(known, numbering, with: pool)
        }
        if known == nil, let id = draft.supersedes {
            known = try await Self.latestVersion(id, tenantID: draft.tenantID, with: pool).number
        }
        // A known number renders before the transaction, in parallel with other documents.
        let early = try await known.asyncMap { number throws(StorageError) in (number, try await Self.rendering(perform, number)) }
        let now = database.clock()
        let (database, blobs) = (self.database, self.blobs)
        do {
            return try await database.rawTransaction { (connection: PostgresConnection) async throws -> CreatedDocumentRecord in
                let querier = PostgresQuerier(database, connection)
                if let idempotency {
                    _ = try await querier.rows(
                        "SELECT pg_advisory_xact_lock(hashtextextended(\(draft.tenantID + "\u{1F}" + idempotency.key), 0))")
                    if let replay = try await Self.replay(idempotency, tenantID: draft.tenantID, with: querier) {
                        return CreatedDocumentRecord(document: replay, isReplay: true)
                    }
                }
                let previous = try await draft.supersedes.asyncMap { id throws(StorageError) in
                    try await Self.latestVersion(id, tenantID: draft.tenantID, with: querier)
                }
                if let order = draft.orderID { try await Self.claim(order: order, for: draft.tenantID, at: now, with: querier) }
                // A new document takes a number no other document of its issuer, type and series
                // has; a reissue keeps its own.
                let reservesNumber = previous == nil ? numbering : nil
                let (number, rendering): (String, Rendering)
                if let early {
                    (number, rendering) = early
                    if let reservesNumber { try await PostgresNumberSeries.checkUnused(number, reservesNumber, with: querier) }
                } else if let previous {
                    (number, rendering) = (previous.number, try await Self.rendering(perform, previous.number))
                } else {
                    guard let numbering else {
                        throw StorageError.invalidArgument("the document has no number and no numbering rule was given")
                    }
                    number = try await PostgresNumberSeries.next(numbering, with: querier)
                    try await PostgresNumberSeries.checkUnused(number, numbering, with: querier)
                    rendering = try await Self.rendering(perform, number)
                }
                try await blobs.persist(rendering.staging, in: querier)
                let document = Self.record(draft, previous: previous, number: number, rendered: rendering.document, at: now)
                _ = try await querier.rows(
                    "SELECT pg_advisory_xact_lock(\(Self.commitOrderLockKey.0), \(Self.commitOrderLockKey.1))")
                // Raw errors: a lost race on a unique constraint is told apart below.
                let stored = try await Self.insertRaw(document, with: querier)
                if let reservesNumber {
                    try await PostgresNumberSeries.reserve(number, reservesNumber, documentID: stored.id, with: querier)
                }
                if let idempotency {
                    _ = try await querier.rawRows(
                        """
                        INSERT INTO idempotency_keys (tenant_id, key, request_sha256, document_id, created_at)
                        VALUES (\(draft.tenantID), \(idempotency.key), \(idempotency.requestSHA256), \(stored.id), \(now))
                        """)
                }
                return CreatedDocumentRecord(document: stored, isReplay: false)
            }
        } catch {
            // The constraints are the guarantee behind the locks: whoever lost a race is told as
            // if it had waited.
            if let idempotency, PostgresDatabase.isUniqueViolation(error, constraint: "idempotency_keys_pkey"),
                let replay = try await Self.replay(idempotency, tenantID: draft.tenantID, with: pool)
            {
                return CreatedDocumentRecord(document: replay, isReplay: true)
            }
            if let id = draft.supersedes, PostgresDatabase.isUniqueViolation(error, constraint: "documents_supersedes_key") {
                throw .alreadySuperseded(documentID: id)
            }
            // Two documents carrying one number from their data, committing at once: the later one
            // is refused as if it had checked after the first.
            if let numbering, PostgresDatabase.isUniqueViolation(error, constraint: "document_numbers_pkey") {
                if let number = draft.number, !number.isEmpty {
                    try await PostgresNumberSeries.checkUnused(number, numbering, with: pool)
                } else {
                    // The series gave a number a document took from its data at the same moment
                    // (rare): again, and the series skips it now.
                    return try await create(draft, idempotency: idempotency, numbering: numbering, perform: perform)
                }
            }
            if let order = draft.orderID, PostgresDatabase.isUniqueViolation(error, constraint: "orders_pkey") {
                try await Self.checkOwner(of: order, is: draft.tenantID, with: pool)
            }
            throw PostgresDatabase.storageError(error)
        }
    }

    func owner(ofOrder orderID: String) async throws(StorageError) -> String? {
        try await Self.owner(of: orderID, with: PostgresQuerier(database))
    }

    private static func owner(of orderID: String, with querier: PostgresQuerier) async throws(StorageError) -> String? {
        let rows = try await querier.rows("SELECT tenant_id FROM orders WHERE id = \(orderID)")
        do {
            return try rows.first?.decode(String.self)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }

    /// Throws `notFound` when the order belongs to another tenant: to it, the order does not exist.
    private static func checkOwner(of orderID: String, is tenantID: String, with querier: PostgresQuerier) async throws(StorageError) {
        if let owner = try await owner(of: orderID, with: querier), owner != tenantID { throw .notFound("order \(orderID)") }
    }

    /// Makes `tenantID` the order's owner when it has none yet, inside the document's transaction.
    /// Two nodes claiming a new order at once: the second insert waits for the first to commit,
    /// then finds its row (each statement reads what committed before it).
    private static func claim(
        order orderID: String, for tenantID: String, at now: Date, with querier: PostgresQuerier
    ) async throws(StorageError) {
        _ = try await querier.rows(
            "INSERT INTO orders (id, tenant_id, created_at) VALUES (\(orderID), \(tenantID), \(now)) ON CONFLICT (id) DO NOTHING")
        try await checkOwner(of: orderID, is: tenantID, with: querier)
    }

    func document(id: String, visibleTo principal: Principal) async throws(StorageError) -> DocumentRecord? {
        guard let document = try await Self.fetch(id, with: PostgresQuerier(database)),
            principal.canSee(tenantID: document.tenantId, clientID: document.clientId)
        else { return nil }
        return document
    }

    func document(id: String) async throws(StorageError) -> DocumentRecord {
        guard let document = try await Self.fetch(id, with: PostgresQuerier(database)) else {
            throw .notFound("document \(id)")
        }
        return document
    }

    func documents(matching query: DocumentQuery, visibleTo principal: Principal) async throws(StorageError)
        -> DocumentPage
    {
        let limit = min(max(query.limit, 1), DocumentQuery.maximumLimit)
        var filter = PostgresFilter(visibleTo: principal)
        if let order = query.orderID { filter.add("order_id = ", order) }
        if let client = query.clientID { filter.add("client_id = ", client) }
        if let template = query.template { filter.add("template_name = ", template) }
        if let from = query.from { filter.add("issued_on >= ", from) }
        if let to = query.to { filter.add("issued_on <= ", to) }
        if let after = query.after { filter.add("seq > ", after.sequence) }
        // One more than asked for tells whether another page follows.
        let rows = try await database.rows(
            filter.query(
                select: "SELECT \(DocumentRecord.postgresColumns) FROM documents", suffix: "ORDER BY seq LIMIT \(limit + 1)"))
        let documents = try rows.map { row throws(StorageError) in try DocumentRecord(postgres: row) }
        let page = Array(documents.prefix(limit))
        let next = documents.count > limit ? page.last?.sequence.map(DocumentCursor.init(sequence:)) : nil
        return DocumentPage(documents: page, nextCursor: next)
    }

    func versions(of id: String, visibleTo principal: Principal) async throws(StorageError) -> [DocumentRecord] {
        guard let document = try await document(id: id, visibleTo: principal) else { return [] }
        let rows = try await database.rows(
            "SELECT \(unescaped: DocumentRecord.postgresColumns) FROM documents WHERE lineage_id = \(document.lineageId) ORDER BY version")
        return try rows.map { row throws(StorageError) in try DocumentRecord(postgres: row) }
    }

    func currentVersions(
        of template: String, tenantID: String?, belowVersion: Int?, visibleTo principal: Principal
    ) async throws(StorageError) -> [DocumentRecord] {
        var filter = PostgresFilter(visibleTo: principal)
        filter.add("template_name = ", template)
        filter.add("NOT EXISTS (SELECT 1 FROM documents newer WHERE newer.supersedes = documents.id)")
        if let tenantID { filter.add("tenant_id = ", tenantID) }
        // Versions are decimal text; anything else counts as 0, as SQLite's CAST does.
        if let belowVersion {
            filter.add("(CASE WHEN template_version ~ '^[0-9]+$' THEN template_version::bigint ELSE 0 END) < ", belowVersion)
        }
        let rows = try await database.rows(
            filter.query(select: "SELECT \(DocumentRecord.postgresColumns) FROM documents", suffix: "ORDER BY seq"))
        return try rows.map { row throws(StorageError) in try DocumentRecord(postgres: row) }
    }

    /// `perform(number)`; what the render throws becomes `.renderFailed` (our own errors stay).
    private static func rendering(
        _ perform: @Sendable (String) async throws -> Rendering, _ number: String
    ) async throws(StorageError) -> Rendering {
        do {
            return try await perform(number)
        } catch let error as StorageError {
            throw error
        } catch {
            throw .renderFailed(error)
        }
    }

    private static func record(
        _ draft: DocumentDraft, previous: DocumentRecord?, number: String, rendered: RenderedDocument, at now: Date
    ) -> DocumentRecord {
        let id = UUID().uuidString.lowercased()
        return DocumentRecord(
            id: id, lineageId: previous?.lineageId ?? id, version: (previous?.version ?? 0) + 1,
            supersedes: previous?.id, tenantId: draft.tenantID, clientId: draft.clientID, orderId: draft.orderID,
            docType: draft.docType, templateName: draft.templateName, templateVersion: draft.templateVersion,
            brandId: draft.brandID, brandVersion: draft.brandVersion, dataSha256: draft.dataSHA256,
            fontsFingerprint: draft.fontsFingerprint, engineVersion: draft.engineVersion,
            pdfSha256: rendered.pdfSHA256, pages: rendered.pages, number: number, fileName: rendered.fileName,
            createdAt: now, locale: draft.locale, issuedOn: draft.issuedOn, sequence: nil, mediaType: rendered.mediaType)
    }

    /// Inserts `document` and returns it as stored (with its sequence).
    /// - Throws: `StorageError.database`.
    static func insert(_ document: DocumentRecord, with querier: PostgresQuerier) async throws(StorageError) -> DocumentRecord {
        do {
            return try await insertRaw(document, with: querier)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }

    /// `insert`, its errors as postgres-nio threw them.
    static func insertRaw(_ d: DocumentRecord, with querier: PostgresQuerier) async throws -> DocumentRecord {
        let rows = try await querier.rawRows(
            """
            INSERT INTO documents (id, lineage_id, version, supersedes, tenant_id, client_id, order_id, doc_type,
                template_name, template_version, brand_id, brand_version, data_sha256, fonts_fingerprint, engine_version,
                pdf_sha256, pages, number, file_name, created_at, locale, issued_on, media_type)
            VALUES (\(d.id), \(d.lineageId), \(d.version), \(d.supersedes), \(d.tenantId), \(d.clientId), \(d.orderId),
                \(d.docType), \(d.templateName), \(d.templateVersion), \(d.brandId), \(d.brandVersion), \(d.dataSha256),
                \(d.fontsFingerprint), \(d.engineVersion), \(d.pdfSha256), \(d.pages), \(d.number), \(d.fileName),
                \(d.createdAt), \(d.locale), \(d.issuedOn), \(d.mediaType))
            RETURNING \(unescaped: DocumentRecord.postgresColumns)
            """)
        guard let row = rows.first else { throw StorageError.database("document \(d.id) vanished after insert") }
        return try DocumentRecord(postgres: row)
    }

    static func fetch(_ id: String, with querier: PostgresQuerier) async throws(StorageError) -> DocumentRecord? {
        let rows = try await querier.rows(
            "SELECT \(unescaped: DocumentRecord.postgresColumns) FROM documents WHERE id = \(id)")
        return try rows.first.map { row throws(StorageError) in try DocumentRecord(postgres: row) }
    }

    /// The document an earlier request with this key created, or nil for a new key.
    private static func replay(
        _ idempotency: IdempotencyKey, tenantID: String, with querier: PostgresQuerier
    ) async throws(StorageError) -> DocumentRecord? {
        let rows = try await querier.rows(
            "SELECT request_sha256, document_id FROM idempotency_keys WHERE tenant_id = \(tenantID) AND key = \(idempotency.key)")
        guard let row = rows.first else { return nil }
        let (requestSHA256, documentID): (String, String)
        do {
            (requestSHA256, documentID) = try row.decode((String, String).self)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
        guard requestSHA256 == idempotency.requestSHA256 else { throw .idempotencyConflict(key: idempotency.key) }
        guard let document = try await fetch(documentID, with: querier) else {
            throw .notFound("document \(documentID) of idempotency key `\(idempotency.key)`")
        }
        return document
    }

    /// The document a reissue replaces; it must be the tenant's and not already replaced.
    private static func latestVersion(
        _ id: String, tenantID: String, with querier: PostgresQuerier
    ) async throws(StorageError) -> DocumentRecord {
        guard let previous = try await fetch(id, with: querier), previous.tenantId == tenantID else {
            throw .notFound("document \(id)")
        }
        if try await !querier.rows("SELECT 1 FROM documents WHERE supersedes = \(id)").isEmpty {
            throw .alreadySuperseded(documentID: id)
        }
        return previous
    }
}

extension Optional {
    /// `map` for an async transform with a typed error.
    func asyncMap<T, E: Error>(_ transform: (Wrapped) async throws(E) -> T) async throws(E) -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
