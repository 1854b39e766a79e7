import Logging
import DocPipeline
package import DocStore
package import Foundation
package import Hummingbird

/// `PUT /v1/brands/{id}` (publish a new version: brand.json and images) and `GET /v1/brands/{id}`.
///
/// A platform key may touch any brand, a reseller key only the brand whose id is its tenant, a
/// client key none; every other brand is 404, never 403, like `ServiceDependencies.branding(for:principal:)`.
package struct BrandRoutes: Sendable {
    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the routes on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.put("brands/{id}", use: publish)
        group.get("brands/{id}", use: show)
    }

    /// Publishes the uploaded files as the brand's next version: 201 with `PublishedBrand`, 200 when
    /// the files equal the current version's, 422 with every problem (each with its file and field).
    ///
    /// The body is `multipart/form-data`, one part per brand file named by its `filename` (else its
    /// field name), or `application/json`, brand.json alone for a brand without images.
    @Sendable package func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        try Self.authorize(id, principal)
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let files = try Self.files(body: body, contentType: request.headers[.contentType] ?? "")
        // Identity is the platform's, the look is the reseller's (BrandIdentity).
        let published = try await dependencies.brands.publishReportingChange(
            id: id, files: files, mayChangeIdentity: principal.role == .platform,
            author: BrandAuthor(tenantID: principal.tenantID, role: principal.role, channel: .api))
        context.logger.info(
            "brand published",
            metadata: [
                "brand.id": .string(id), "brand.version": .stringConvertible(published.version.version),
                "brand.new": .stringConvertible(published.isNew),
            ])
        return try JSONResponse.make(
            PublishedBrand(published.version), status: published.isNew ? .created : .ok,
            headers: [.location: Self.url(of: id)])
    }

    /// The current version and the history of a brand the key may touch.
    @Sendable package func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        try Self.authorize(id, principal)
        guard let current = dependencies.brands.current(id) else { throw ServiceError.notFound("brand `\(id)`") }
        let history = try await dependencies.brands.history(id)
        return try JSONResponse.make(BrandDetails(current, history: history))
    }

    /// Where a brand is read and published.
    package static func url(of id: String) -> String { "/v1/brands/\(id)" }

    /// Throws 404 unless `principal` may publish and read brand `id`.
    package static func authorize(_ id: String, _ principal: Principal) throws(ServiceError) {
        switch principal.role {
        case .platform: return
        case .reseller where principal.tenantID == id: return
        case .reseller, .client: throw ServiceError.notFound("brand `\(id)`")
        }
    }

    /// The brand files in a request body, by name.
    /// - Throws: `ServiceError.badRequest` for a malformed body, an unsafe or repeated file name,
    ///   415 for another media type.
    package static func files(body: Data, contentType: String) throws(ServiceError) -> [String: Data] {
        let mediaType = MultipartForm.parameters(contentType).first?.key.lowercased() ?? ""
        switch mediaType {
        case "application/json":
            return ["brand.json": body]
        case "multipart/form-data":
            var files: [String: Data] = [:]
            for (index, part) in try MultipartForm(body: body, contentType: contentType).parts.enumerated() {
                guard let name = part.fileName ?? part.name, !name.isEmpty else {
                    throw .badRequest("part \(index + 1): no file name; send it as Content-Disposition filename")
                }
                guard BrandRegistry.isPlainFileName(name) else {
                    throw .badRequest("part \(index + 1): \(JSONRule.quote(name)) is not a plain file name (no folders)")
                }
                guard files.updateValue(part.body, forKey: name) == nil else {
                    throw .badRequest("\(name): sent more than once")
                }
            }
            return files
        default:
            throw ServiceError(
                status: .unsupportedMediaType,
                message: "Content-Type: expected multipart/form-data (brand files) or application/json (brand.json alone)")
        }
    }
}

/// The answer to `PUT /v1/brands/{id}`: `{id, version, fingerprint, displayName}`.
package struct PublishedBrand: Codable, Sendable, Equatable {
    package var id: String
    package var version: Int
    /// `Brand.version`: changes with any file.
    package var fingerprint: String
    package var displayName: String

    package init(_ version: BrandVersion) {
        id = version.brand.id
        self.version = version.version
        fingerprint = version.brand.version
        displayName = version.brand.displayName
    }
}

/// The answer to `GET /v1/brands/{id}`: the current version and every version, oldest first.
package struct BrandDetails: Codable, Sendable, Equatable {
    package struct Version: Codable, Sendable, Equatable {
        package var version: Int
        package var fingerprint: String
        /// ISO 8601.
        package var createdAt: String
        /// Who published it (absent for a version seeded from a brand folder).
        package var publishedBy: AuthorJSON?
    }

    /// `{tenant, role, via}`: who changed a brand, and whether through the API or the studio.
    package struct AuthorJSON: Codable, Sendable, Equatable {
        package var tenant: String
        package var role: String
        package var via: String

        package init(tenant: String, role: String, via: String) {
            self.tenant = tenant
            self.role = role
            self.via = via
        }

        package init(_ author: BrandAuthor) {
            tenant = author.tenantID
            role = author.role.rawValue
            via = author.channel.rawValue
        }
    }

    package var id: String
    package var version: Int
    package var fingerprint: String
    package var displayName: String
    package var versions: [Version]

    package init(_ current: BrandVersion, history: [BrandVersionSummary]) {
        id = current.brand.id
        version = current.version
        fingerprint = current.brand.version
        displayName = current.brand.displayName
        let formatter = ISO8601DateFormatter()
        versions = history.map {
            Version(
                version: $0.version, fingerprint: $0.fingerprint, createdAt: formatter.string(from: $0.createdAt),
                publishedBy: $0.publishedBy.map(AuthorJSON.init))
        }
    }
}
