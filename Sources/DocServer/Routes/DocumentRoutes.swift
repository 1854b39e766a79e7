import Logging
package import DocPipeline
package import DocStore
import Crypto
package import Foundation
package import HTTPTypes
package import Hummingbird
package import Templates

/// `POST /v1/documents`, `GET /v1/documents/{id}` and `GET /v1/documents?order=&client=&template=&from=&to=`.
package struct DocumentRoutes: Sendable {
    /// The request header that makes a create safe to retry.
    package static let idempotencyKeyHeader = HTTPField.Name("Idempotency-Key")!
    /// The longest idempotency key accepted.
    package static let maximumIdempotencyKeyLength = 200

    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the routes on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("documents", use: create)
        group.get("documents", use: list)
        group.get("documents/{id}", use: download)
    }

    /// Where a document is downloaded.
    package static func url(of id: String) -> String { "/v1/documents/\(id)" }

    /// Renders, numbers and stores a document: 201 with `CreatedDocument`; a retry with the same
    /// `Idempotency-Key` and body answers 200 with the first document, the same key with another
    /// body 409. `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` stores
    /// the template's table export as XLSX instead of the PDF (406 for a template without one).
    @Sendable package func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role != .client else {
            throw ServiceError(status: .forbidden, message: "client keys download documents; they cannot issue them")
        }
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let render = try RenderRequest(body: body)
        guard render.template != OrderPackage.templateName else {
            throw ServiceError.unprocessable("order packages are not stored yet; create each part as its own document")
        }
        let brand = try dependencies.branding(for: render.brandID, principal: principal)
        let orderID = try Self.orderID(in: render.data)
        try dependencies.checkContract(render.data)
        // A document issued under a brand is the brand's tenant's, whoever sent it.
        let tenantID = brand?.version.tenantID ?? principal.tenantID
        // Another tenant's order does not exist for the key: said before anything about the data.
        try await dependencies.checkOrder(orderID, joinsTenant: tenantID, principal: principal)
        try dependencies.checkIssuer(of: render.data, brand: brand?.version.brand, principal: principal)
        let template = try dependencies.templates.current(render.template)
        let format = try Self.format(accepting: request.headers[.accept], template: dependencies.templates.compiled(template))
        let created = try await dependencies.issuer.issue(
            DocumentIssuer.Issue(
                tenantID: tenantID, clientID: render.clientID, orderID: orderID,
                template: template, language: render.language, brand: brand,
                data: render.data, idempotency: try idempotencyKey(request, body: body),
                numbering: Self.numberingRule(
                    render.data, template: render.template, brand: brand, principal: principal, clock: dependencies.clock),
                supersedes: nil, format: format))
        context.logger.info(
            "document created",
            metadata: [
                "document.id": .string(created.document.id), "order.id": .string(orderID ?? "-"),
                "template.name": .string(render.template), "document.replay": .stringConvertible(created.isReplay),
            ])
        return try JSONResponse.make(
            CreatedDocument(created.document), status: created.isReplay ? .ok : .created,
            headers: [.location: Self.url(of: created.document.id)])
    }

    /// The stored file (PDF or XLSX, as the record says), with `ETag: "<sha256>"`; 304 when
    /// `If-None-Match` names it; 404 when not visible.
    @Sendable package func download(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard let document = try await dependencies.documents.document(id: id, visibleTo: principal) else {
            throw ServiceError.notFound("document \(id)")
        }
        let etag = "\"\(document.pdfSha256)\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "private, no-cache"]
        if let condition = request.headers[.ifNoneMatch], Self.matches(condition, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        let bytes = try await dependencies.blobs.read(document.pdfSha256, kind: document.blobKind)
        headers[.contentType] = document.mediaType
        headers[.contentDisposition] = ContentDisposition.attachment(fileName: document.fileName)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"documents": [DocumentSummary], "nextCursor": "…"?}`: the documents the key may see, oldest
    /// first, narrowed by any of `order`, `client`, `template`, `from` and `to` (issue dates,
    /// `YYYY-MM-DD`, inclusive); `limit` (1–500, default 100) per page, `cursor` for the next page.
    @Sendable package func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try DocumentListing.query(request.uri.queryParameters)
        if let order = query.orderID { try await dependencies.checkOrderVisible(order, to: principal) }
        let page = try await dependencies.documents.documents(matching: query, visibleTo: principal)
        return try JSONResponse.make(DocumentListing(page))
    }

    /// The order a document's data belongs to: `order.id` when present, else none (a contract, a
    /// supplement, an invoice over several orders).
    /// - Throws: `ServiceError.unprocessable` when `order.id` is there but not a non-empty string.
    package static func orderID(in data: JSONValue) throws(ServiceError) -> String? {
        guard let id = data["order"]?["id"] else { return nil }
        guard let text = id.stringValue, !text.isEmpty else {
            throw ServiceError.unprocessable("data.order.id: expected the order's id, a non-empty string, found \(id.jsonText)")
        }
        return text
    }

    /// What `Accept` asks a document to be stored as: XLSX when it names the spreadsheet type and
    /// not PDF as well, else PDF.
    /// - Throws: `PipelineError.noTableExport` (406) when XLSX is asked of a template without a table export.
    package static func format(accepting accept: String?, template: CompiledTemplate) throws -> OutputFormat {
        let wantsSpreadsheet = PreviewRoutes.accepts(OutputFormat.xlsx.mediaType, accept)
            && !PreviewRoutes.accepts(OutputFormat.pdf.mediaType, accept)
        guard wantsSpreadsheet else { return .pdf }
        guard template.exportsSheets else { throw PipelineError.noTableExport(template.name) }
        return .xlsx
    }

    /// Whether an `If-None-Match` value (`*`, or a list of possibly weak tags) matches `etag`.
    package static func matches(_ condition: String, etag: String) -> Bool {
        condition.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }

    /// The caller's idempotency key, bound to the SHA-256 of the body.
    private func idempotencyKey(_ request: Request, body: Data) throws(ServiceError) -> IdempotencyKey? {
        guard let key = request.headers[Self.idempotencyKeyHeader] else { return nil }
        guard !key.isEmpty, key.count <= Self.maximumIdempotencyKeyLength else {
            throw ServiceError.badRequest("Idempotency-Key: expected 1 to \(Self.maximumIdempotencyKeyLength) characters")
        }
        return IdempotencyKey(key: key, requestSHA256: blobAddress(of: body))
    }

    /// The code of each document type in its numbers (`СЧ-2026-000128`), kept in DocPipeline so
    /// that previews number documents the same way.
    package static var typeCodes: [String: String] { DocumentNumbering.typeCodes }

    /// The series a document without a number draws from: the issuing brand (else the tenant),
    /// the template as the document type, the year of `document.date` (else of today), and as prefix
    /// the brand's `numberPrefix` (without its trailing hyphen) then the type's code:
    /// `АТЛ-СЧ-2026-000001` for an Ала-Тоо invoice, `СЧ-2026-000001` without a brand.
    package static func numberingRule(
        _ data: JSONValue, template: String, brand: DocumentIssuer.IssuingBrand?, principal: Principal,
        clock: () -> Date
    ) -> NumberingRule {
        let issuer = brand?.version.brand.id ?? principal.tenantID
        // A supplement of a known contract is numbered within it: «Дополнительное соглашение № 3 к
        // Договору № 12/ТЭУ» (docs/documents.md §5), unless the data already numbers it.
        if template == "contract-supplement", data["contract"]?["supplementNumber"] == nil,
            let contract = data["contract"]?["number"]?.stringValue, !contract.isEmpty
        {
            return NumberingRule(issuer: issuer, docType: template, scope: .contract(contract), prefix: "")
        }
        let date = data["document"]?["date"]?.stringValue ?? ""
        let year =
            Int(date.prefix(4)).flatMap { date.count >= 4 ? $0 : nil }
            ?? Calendar(identifier: .gregorian).component(.year, from: clock())
        let prefix = DocumentNumbering.prefix(template: template, brandPrefix: brand?.version.brand.numberPrefix)
        return NumberingRule(issuer: issuer, docType: template, year: year, prefix: prefix)
    }
}
