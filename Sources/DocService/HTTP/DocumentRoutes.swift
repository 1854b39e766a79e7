import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Templates

/// `POST /v1/documents`, `GET /v1/documents/{id}` and `GET /v1/documents?order=…`.
struct DocumentRoutes: Sendable {
    /// The request header that makes a create safe to retry.
    static let idempotencyKeyHeader = HTTPField.Name("Idempotency-Key")!
    /// The longest idempotency key accepted.
    static let maximumIdempotencyKeyLength = 200

    let configuration: ServiceConfiguration
    let dependencies: ServiceDependencies

    /// Registers the routes on the authenticated `/v1` group.
    func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("documents", use: create)
        group.get("documents", use: list)
        group.get("documents/{id}", use: download)
    }

    /// Where a document is downloaded.
    static func url(of id: String) -> String { "/v1/documents/\(id)" }

    /// Renders, numbers and stores a document: 201 with `CreatedDocument`; a retry with the same
    /// `Idempotency-Key` and body answers 200 with the first document, the same key with another
    /// body 409.
    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let render = try RenderRequest(body: body)
        guard render.template != OrderPackage.templateName else {
            throw ServiceError.unprocessable("order packages are not stored yet; create each part as its own document")
        }
        let branding = try dependencies.branding(for: render.brandID, principal: principal)
        guard let orderID = render.data["order"]?["id"]?.stringValue, !orderID.isEmpty else {
            throw ServiceError.unprocessable("data.order.id: expected the order's id, a non-empty string")
        }
        let draft = DocumentDraft(
            tenantID: principal.tenantID, clientID: principal.clientID, orderID: orderID, docType: render.template,
            templateName: render.template, templateVersion: try dependencies.pipeline.templateVersion(of: render.template),
            brandID: branding?.brand.id, brandVersion: nil,
            dataSHA256: SHA256.hash(data: Data(render.data.jsonText.utf8)).hexString,
            fontsFingerprint: dependencies.pipeline.fontsFingerprint, engineVersion: ServiceDependencies.engineVersion,
            number: render.data["document"]?["number"]?.stringValue, supersedes: nil)
        let created = try await dependencies.documents.create(
            draft, idempotency: try idempotencyKey(request, body: body),
            numbering: numberingRule(render, branding: branding, principal: principal),
            render: renderer(render, branding: branding))
        context.logger.info(
            "document created",
            metadata: [
                "document.id": .string(created.document.id), "order.id": .string(orderID),
                "template.name": .string(render.template), "document.replay": .stringConvertible(created.isReplay),
            ])
        return try JSONResponse.make(
            CreatedDocument(created.document), status: created.isReplay ? .ok : .created,
            headers: [.location: Self.url(of: created.document.id)])
    }

    /// The PDF, with `ETag: "<sha256>"`; 304 when `If-None-Match` names it; 404 when not visible.
    @Sendable func download(_ request: Request, context: ServiceRequestContext) async throws -> Response {
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
        let bytes = try dependencies.files.read(sha256: document.pdfSha256)
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = ContentDisposition.attachment(fileName: document.fileName)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"documents": [DocumentSummary]}`: the order's documents the key may see, oldest first.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard let order = request.uri.queryParameters.get("order"), !order.isEmpty else {
            throw ServiceError.badRequest("query parameter `order` is required: /v1/documents?order=ORDER_ID")
        }
        let documents = try await dependencies.documents.documents(forOrder: order, visibleTo: principal)
        return try JSONResponse.make(["documents": documents.map(DocumentSummary.init)])
    }

    /// Whether an `If-None-Match` value (`*`, or a list of possibly weak tags) matches `etag`.
    static func matches(_ condition: String, etag: String) -> Bool {
        condition.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }

    /// The caller's idempotency key, bound to the SHA-256 of the body.
    private func idempotencyKey(_ request: Request, body: Data) throws(ServiceError) -> DocumentStore.IdempotencyKey? {
        guard let key = request.headers[Self.idempotencyKeyHeader] else { return nil }
        guard !key.isEmpty, key.count <= Self.maximumIdempotencyKeyLength else {
            throw ServiceError.badRequest("Idempotency-Key: expected 1 to \(Self.maximumIdempotencyKeyLength) characters")
        }
        return DocumentStore.IdempotencyKey(key: key, requestSHA256: FileStore.address(of: body))
    }

    /// The series a document without a number draws from: the issuing brand (else the tenant),
    /// the template as the document type, the year of `document.date` (else of today), and the
    /// brand's `numberPrefix` without its trailing hyphen (`АТЛ-` gives `АТЛ-2026-000001`).
    private func numberingRule(
        _ render: RenderRequest, branding: DocumentPipeline.Branding?, principal: Principal
    ) -> NumberSeries.Rule {
        let date = render.data["document"]?["date"]?.stringValue ?? ""
        let year =
            Int(date.prefix(4)).flatMap { date.count >= 4 ? $0 : nil }
            ?? Calendar(identifier: .gregorian).component(.year, from: dependencies.clock())
        var prefix = branding?.brand.numberPrefix ?? ""
        while prefix.hasSuffix("-") { prefix.removeLast() }
        return NumberSeries.Rule(
            issuer: branding?.brand.id ?? principal.tenantID, docType: render.template, year: year, prefix: prefix)
    }

    /// Renders the document carrying `number` and stores its PDF; runs inside the write transaction.
    private func renderer(
        _ render: RenderRequest, branding: DocumentPipeline.Branding?
    ) -> @Sendable (String) throws -> RenderedDocument {
        let pipeline = dependencies.pipeline
        let files = dependencies.files
        return { number in
            let data = Self.setting(number: number, in: render.data)
            let (pdf, pages, title) = try pipeline.withPipeline { pipeline in
                let document = try pipeline.layout(
                    template: render.template, json: data, language: render.language, branding: branding)
                return (try pipeline.pdf(document), document.pages.count, document.metadata.title)
            }
            let sha256 = try files.write(pdf)
            let name = (title?.isEmpty == false ? title! : "\(render.template) \(number)")
            return RenderedDocument(pdfSHA256: sha256, pages: pages, fileName: Self.fileName(from: name))
        }
    }

    /// `document.number` set to `number`.
    static func setting(number: String, in data: JSONValue) -> JSONValue {
        guard var root = data.objectValue else { return data }
        var document = root["document"]?.objectValue ?? JSONObject()
        document["number"] = .string(number)
        root["document"] = .object(document)
        return .object(root)
    }

    /// A download name from the title: path separators and control characters replaced, `.pdf` added.
    static func fileName(from title: String) -> String {
        let cleaned = String(
            title.map { character in
                character == "/" || character == "\\" || character.unicodeScalars.contains { $0.value < 0x20 }
                    ? "_" : character
            })
        return cleaned.trimmingCharacters(in: .whitespaces) + ".pdf"
    }
}
