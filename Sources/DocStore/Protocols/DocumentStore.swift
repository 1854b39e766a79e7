import Dispatch

/// Stored documents: created once, numbered gaplessly, deduplicated by idempotency key, reissued as
/// new versions, and read only through a `Principal`.
///
/// Numbering and idempotency keys live here, not behind protocols of their own, because both must
/// commit in the same transaction as the document they belong to.
package protocol DocumentStore: Sendable {
    /// Numbers, renders and stores a document.
    ///
    /// When the number is known (the data's, or the replaced version's), the document renders before
    /// the write transaction, which then only records it. When the series must give the number,
    /// rendering runs inside the transaction, because the number is printed on the PDF: if the render
    /// fails, the transaction rolls back and the number is not consumed, so the series stays
    /// gapless. A replayed idempotency key returns the stored document without rendering.
    ///
    /// Blocks the calling thread (the render and the database): call it from a render thread.
    /// - Parameters:
    ///   - draft: the document's render record, minus what numbering and rendering produce.
    ///   - idempotency: the caller's key, if any.
    ///   - numbering: the series to draw from when the draft has no number.
    ///   - render: renders the document carrying `number`, stores its PDF and says where.
    /// - Returns: the stored document, and whether it was a replay.
    /// Numbers are unique per issuer, type and series: when `numbering` is given, a new document
    /// (not a reissue) whose number — from the data or the series — another document of the rule's
    /// issuer, type and series already carries is refused with `.duplicateNumber`, and the series
    /// skips numbers that documents took from their data. A draft with an order makes its tenant
    /// the order's owner, or is refused with `.notFound` when another tenant owns it.
    /// - Throws: `StorageError.idempotencyConflict`, `.notFound` (an unknown superseded document, or
    ///   another tenant's order), `.duplicateNumber`, `.alreadySuperseded`, `.invalidArgument` (no
    ///   number and no rule), `.renderFailed`, `.database`.
    func createNow(
        _ draft: DocumentDraft, idempotency: IdempotencyKey?, numbering: NumberingRule?,
        render: (_ number: String) throws -> RenderedDocument
    ) throws(StorageError) -> CreatedDocumentRecord

    /// `createNow` for callers in async code (tests, the command line, copies): the same guarantees,
    /// without blocking one of Swift's cooperative threads on the database. `create` calls it.
    func createAsynchronously(
        _ draft: DocumentDraft, idempotency: IdempotencyKey?, numbering: NumberingRule?,
        render: @escaping @Sendable (_ number: String) throws -> RenderedDocument
    ) async throws(StorageError) -> CreatedDocumentRecord

    /// The tenant that owns an order: the tenant of the first document stored for it; nil for an
    /// order with no document yet.
    ///
    /// `createNow` keeps this true: the first document of an order makes its tenant the owner (in
    /// the document's transaction), and a document of another tenant for it is refused with
    /// `StorageError.notFound` — to that tenant, the order does not exist.
    func owner(ofOrder orderID: String) async throws(StorageError) -> String?

    /// The document with `id`, or nil when it does not exist or `principal` may not see it.
    func document(id: String, visibleTo principal: Principal) async throws(StorageError) -> DocumentRecord?

    /// The document with `id`, whoever owns it (the batch worker acts for a job's owner, already checked).
    /// - Throws: `StorageError.notFound`.
    func document(id: String) async throws(StorageError) -> DocumentRecord

    /// One page of the documents `principal` may see that match `query`, in insertion order.
    func documents(matching query: DocumentQuery, visibleTo principal: Principal) async throws(StorageError)
        -> DocumentPage

    /// All versions of the document `id` belongs to, first issue first; empty when not visible.
    func versions(of id: String, visibleTo principal: Principal) async throws(StorageError) -> [DocumentRecord]

    /// The current versions (not yet reissued) of `template`'s documents that `principal` may see,
    /// optionally of one tenant or below a template version, oldest first: what a batch re-renders.
    func currentVersions(
        of template: String, tenantID: String?, belowVersion: Int?, visibleTo principal: Principal
    ) async throws(StorageError) -> [DocumentRecord]
}

extension DocumentStore {
    /// `createNow` for callers in async code (tests, the command line): see `createAsynchronously`.
    package func create(
        _ draft: DocumentDraft, idempotency: IdempotencyKey? = nil, numbering: NumberingRule? = nil,
        render: @escaping @Sendable (_ number: String) throws -> RenderedDocument
    ) async throws(StorageError) -> CreatedDocumentRecord {
        try await createAsynchronously(draft, idempotency: idempotency, numbering: numbering, render: render)
    }

    /// By default, `createNow` on a dispatch thread: it blocks its thread for the render and the
    /// database, which must not be one of Swift's few cooperative threads.
    package func createAsynchronously(
        _ draft: DocumentDraft, idempotency: IdempotencyKey?, numbering: NumberingRule?,
        render: @escaping @Sendable (_ number: String) throws -> RenderedDocument
    ) async throws(StorageError) -> CreatedDocumentRecord {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<CreatedDocumentRecord, StorageError>, Never>) in
            DispatchQueue.global().async {
                do throws(StorageError) {
                    continuation.resume(
                        returning: .success(
                            try self.createNow(draft, idempotency: idempotency, numbering: numbering, render: render)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Every document of an order that `principal` may see, oldest first (all pages).
    package func documents(forOrder orderID: String, visibleTo principal: Principal) async throws(StorageError)
        -> [DocumentRecord]
    {
        var query = DocumentQuery(orderID: orderID, limit: DocumentQuery.maximumLimit)
        var documents: [DocumentRecord] = []
        while true {
            let page = try await self.documents(matching: query, visibleTo: principal)
            documents += page.documents
            guard let next = page.nextCursor else { return documents }
            query.after = next
        }
    }
}

/// The outcome of `DocumentStore.createNow`.
package struct CreatedDocumentRecord: Sendable, Equatable {
    package var document: DocumentRecord
    /// True when an earlier request with the same idempotency key created it.
    package var isReplay: Bool

    package init(document: DocumentRecord, isReplay: Bool) {
        self.document = document
        self.isReplay = isReplay
    }
}
