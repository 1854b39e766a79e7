import DocPipeline
import DocStore
import Foundation
import Logging
package import HTTPTypes
package import Hummingbird
import Signatures
import Templates

/// The studio's draft of a brand: `GET|PATCH|DELETE /v1/brands/{id}/draft` (the look),
/// `PUT|GET|DELETE /v1/brands/{id}/draft/images/{role}` (logo, stamp, signature) and
/// `POST /v1/brands/{id}/draft/publish`.
///
/// Who may touch a draft is who may touch the brand (`BrandRoutes.authorize`: the platform any,
/// a reseller its own, others 404). Every refusal names its field (`errors[].field`), so the studio
/// shows it beside the control.
package struct BrandDraftRoutes: Sendable {
    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the routes on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.get("brands/{id}/draft", use: show)
        group.patch("brands/{id}/draft", use: changeLook)
        group.delete("brands/{id}/draft", use: discard)
        group.post("brands/{id}/draft/publish", use: publish)
        group.get("brands/{id}/draft/images/{role}", use: image)
        group.put("brands/{id}/draft/images/{role}", use: putImage)
        group.delete("brands/{id}/draft/images/{role}", use: removeImage)
    }

    /// What the studio shows: the draft's look when there is one, else the current version's.
    @Sendable package func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (id, _) = try authorize(context)
        guard let working = try await dependencies.drafts.working(id) else { throw ServiceError.notFound("brand `\(id)`") }
        return try JSONResponse.make(try DraftAnswer(working), headers: [.cacheControl: "no-store"])
    }

    /// Sets the draft's `accentColor`, `footerNote`, `terms` (strings, or objects by language; null
    /// removes the last two). Identity fields are 403, unknown members 400, invalid values 422.
    @Sendable package func changeLook(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (id, principal) = try authorize(context)
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let known = Set(BrandSchema.brandMembers)
        let patch = try JSONBody.object(body, members: known, shape: "{accentColor?, footerNote?, terms?}")
        guard
            let working = try await dependencies.drafts.changeLook(
                of: id, patch: patch, author: author(principal), whiteLabelGuard: dependencies.whiteLabelGuard)
        else { throw ServiceError.notFound("brand `\(id)`") }
        return try JSONResponse.make(try DraftAnswer(working))
    }

    /// Forgets the draft: 200 with the current look.
    @Sendable package func discard(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (id, _) = try authorize(context)
        guard dependencies.brands.current(id) != nil else { throw ServiceError.notFound("brand `\(id)`") }
        _ = try await dependencies.drafts.discard(id)
        guard let working = try await dependencies.drafts.working(id) else { throw ServiceError.notFound("brand `\(id)`") }
        return try JSONResponse.make(try DraftAnswer(working))
    }

    /// Makes the draft the brand's next version: 201 (200 when it equals the current version),
    /// 409 when there is no draft.
    @Sendable package func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (id, principal) = try authorize(context)
        guard dependencies.brands.current(id) != nil else { throw ServiceError.notFound("brand `\(id)`") }
        guard let published = try await dependencies.drafts.publish(id, author: author(principal)) else {
            throw ServiceError(status: .conflict, message: "brand `\(id)` has no draft to publish")
        }
        context.logger.info(
            "brand draft published",
            metadata: ["brand.id": .string(id), "brand.version": .stringConvertible(published.version.version)])
        return try JSONResponse.make(
            PublishedBrand(published.version), status: published.isNew ? .created : .ok,
            headers: [.location: BrandRoutes.url(of: id)])
    }

    /// The draft's logo, stamp or signature (a drawn signature as its vectorised SVG).
    @Sendable package func image(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (id, _) = try authorize(context)
        let role = try imageRole(context)
        guard let working = try await dependencies.drafts.working(id) else { throw ServiceError.notFound("brand `\(id)`") }
        guard let (name, data) = working.files.first(where: { role.owns($0.key) }) else {
            throw ServiceError.notFound("the \(role.rawValue) of brand `\(id)`")
        }
        var bytes = data
        var contentType = Self.contentType(of: name)
        if name == "signature.json" {
            bytes = Data(try SignatureVectorizer().vectorize(json: data).svg().utf8)
            contentType = "image/svg+xml"
        }
        // An uploaded SVG opened on its own must not run in our origin.
        let headers: HTTPFields = [
            .contentType: contentType, .cacheControl: "no-store", .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            .xContentTypeOptions: "nosniff",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Puts the body as the draft's image of `role`: `Content-Type` image/png, image/jpeg (logo),
    /// image/svg+xml (logo, stamp) or application/json (signature strokes). Checked like an upload.
    @Sendable package func putImage(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (id, principal) = try authorize(context)
        let role = try imageRole(context)
        let mediaType = MultipartForm.parameters(request.headers[.contentType] ?? "").first?.key.lowercased() ?? ""
        guard let fileName = role.fileName(for: mediaType) else {
            let message = "\(role.rawValue): expected \(role.mediaTypes.joined(separator: ", ")), found \(mediaType.isEmpty ? "no Content-Type" : mediaType)"
            throw DraftFieldError(status: .unsupportedMediaType, field: role.rawValue, message: message)
        }
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        guard !body.isEmpty else { throw DraftFieldError(status: .badRequest, field: role.rawValue, message: "\(role.rawValue): the file is empty") }
        guard
            let working = try await dependencies.drafts.setImage(
                of: id, role: role, fileName: fileName, data: body, author: author(principal))
        else { throw ServiceError.notFound("brand `\(id)`") }
        return try JSONResponse.make(try DraftAnswer(working))
    }

    /// Removes the draft's image of `role`.
    @Sendable package func removeImage(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (id, principal) = try authorize(context)
        let role = try imageRole(context)
        guard let working = try await dependencies.drafts.removeImage(of: id, role: role, author: author(principal)) else {
            throw ServiceError.notFound("brand `\(id)`")
        }
        return try JSONResponse.make(try DraftAnswer(working))
    }

    private func authorize(_ context: ServiceRequestContext) throws -> (String, Principal) {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        try BrandRoutes.authorize(id, principal)
        return (id, principal)
    }

    private func imageRole(_ context: ServiceRequestContext) throws -> BrandDrafts.ImageRole {
        let name = try context.parameters.require("role")
        guard let role = BrandDrafts.ImageRole(rawValue: name) else {
            throw ServiceError.notFound("image `\(name)`; a brand has a logo, a stamp and a signature")
        }
        return role
    }

    private func author(_ principal: Principal) -> BrandAuthor {
        BrandAuthor(tenantID: principal.tenantID, role: principal.role, channel: .studio)
    }

    private static func contentType(of name: String) -> String {
        switch URL(fileURLWithPath: name).pathExtension {
        case "png": "image/png"
        case "jpg": "image/jpeg"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }
}

/// A refusal about one field of the studio's form (an upload of the wrong type, an empty file):
/// its status and `errors: [{field, message}]`.
package struct DraftFieldError: Error, JSONErrorAnswer {
    package var status: HTTPResponse.Status
    package var field: String
    package var message: String

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: message, errors: [BrandProblem(field: field, message: message)]).response(status: status)
    }
}

/// The answer of every draft route: what the studio shows and previews.
package struct DraftAnswer: Encodable, Sendable {
    /// Read-only requisites, shown so the reseller sees whose documents these are.
    package struct Identity: Encodable, Sendable {
        package var legalName: String?
        package var inn: String?
        package var address: String?
        package var numberPrefix: String?
        package var isPlatform: Bool
    }

    package var brand: String
    package var displayName: String
    /// Whether a draft exists (else everything below is the current version's).
    package var hasDraft: Bool
    package var currentVersion: Int
    /// The version the draft was started from.
    package var baseVersion: Int?
    /// The fingerprint of what previews show (changes with every edit).
    package var fingerprint: String
    package var accentColor: String
    /// The footer note each language prints.
    package var footerNote: [String: String]
    /// The own terms each language prints.
    package var terms: [String: String]
    /// Role → file name of the images present.
    package var images: [String: String]
    package var identity: Identity
    /// ISO 8601, for a draft.
    package var updatedAt: String?
    package var updatedBy: BrandDetails.AuthorJSON?

    package init(_ working: BrandDrafts.Working) throws {
        let brand = working.brand
        let manifest = try BrandDrafts.manifest(working.files)
        self.brand = brand.id
        displayName = brand.displayName
        hasDraft = working.draft != nil
        currentVersion = working.current.version
        baseVersion = working.draft?.baseVersion
        fingerprint = brand.version
        accentColor = manifest["accentColor"]?.stringValue ?? ""
        var footerNote: [String: String] = [:]
        var terms: [String: String] = [:]
        for language in Language.allCases {
            footerNote[language.rawValue] = brand.footerNote?.text(for: language, fallback: brand.locale) ?? ""
            terms[language.rawValue] = brand.terms?.text(for: language, fallback: brand.locale) ?? ""
        }
        self.footerNote = footerNote
        self.terms = terms
        var images: [String: String] = [:]
        for role in BrandDrafts.ImageRole.allCases {
            if let name = working.files.keys.first(where: role.owns) { images[role.rawValue] = name }
        }
        self.images = images
        identity = Identity(
            legalName: brand.legal?["name"]?.stringValue, inn: brand.legal?["inn"]?.stringValue,
            address: brand.legal?["address"]?.stringValue, numberPrefix: brand.numberPrefix, isPlatform: brand.isPlatform)
        updatedAt = working.draft.map { ISO8601DateFormatter().string(from: $0.updatedAt) }
        updatedBy = working.draft.map { BrandDetails.AuthorJSON($0.updatedBy) }
    }
}
