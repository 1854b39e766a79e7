import Foundation
import Hummingbird

/// `PUT /v1/brands/{id}` (publish a new version: brand.json and images) and `GET /v1/brands/{id}`.
///
/// A platform key may touch any brand, a reseller key only the brand whose id is its tenant, a
/// client key none; every other brand is 404, never 403, like `ServiceDependencies.branding(for:principal:)`.
struct BrandRoutes: Sendable {
    let configuration: ServiceConfiguration
    let dependencies: ServiceDependencies

    /// Registers the routes on the authenticated `/v1` group.
    func register(on group: RouterGroup<ServiceRequestContext>) {
        group.put("brands/{id}", use: publish)
        group.get("brands/{id}", use: show)
    }

    /// Publishes the uploaded files as the brand's next version: 201 with `PublishedBrand`, 200 when
    /// the files equal the current version's, 422 with every problem (each with its file and field).
    ///
    /// The body is `multipart/form-data`, one part per brand file named by its `filename` (else its
    /// field name), or `application/json`, brand.json alone for a brand without images.
    @Sendable func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        try Self.authorize(id, principal)
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let files = try Self.files(body: body, contentType: request.headers[.contentType] ?? "")
        let published: (version: BrandVersion, isNew: Bool)
        do {
            published = try await dependencies.brands.publishReportingChange(id: id, files: files)
        } catch let error as BrandError {
            return try BrandProblems(error).response()
        }
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
    @Sendable func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        try Self.authorize(id, principal)
        guard let current = dependencies.brands.current(id) else { throw ServiceError.notFound("brand `\(id)`") }
        let history = try await dependencies.brands.history(id)
        return try JSONResponse.make(BrandDetails(current, history: history))
    }

    /// Where a brand is read and published.
    static func url(of id: String) -> String { "/v1/brands/\(id)" }

    /// Throws 404 unless `principal` may publish and read brand `id`.
    static func authorize(_ id: String, _ principal: Principal) throws(ServiceError) {
        switch principal.role {
        case .platform: return
        case .reseller where principal.tenantID == id: return
        case .reseller, .client: throw ServiceError.notFound("brand `\(id)`")
        }
    }

    /// The brand files in a request body, by name.
    /// - Throws: `ServiceError.badRequest` for a malformed body, an unsafe or repeated file name,
    ///   415 for another media type.
    static func files(body: Data, contentType: String) throws(ServiceError) -> [String: Data] {
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
struct PublishedBrand: Codable, Sendable, Equatable {
    var id: String
    var version: Int
    /// `Brand.version`: changes with any file.
    var fingerprint: String
    var displayName: String

    init(_ version: BrandVersion) {
        id = version.brand.id
        self.version = version.version
        fingerprint = version.brand.version
        displayName = version.brand.displayName
    }
}

/// The answer to `GET /v1/brands/{id}`: the current version and every version, oldest first.
struct BrandDetails: Codable, Sendable, Equatable {
    struct Version: Codable, Sendable, Equatable {
        var version: Int
        var fingerprint: String
        /// ISO 8601.
        var createdAt: String
    }

    var id: String
    var version: Int
    var fingerprint: String
    var displayName: String
    var versions: [Version]

    init(_ current: BrandVersion, history: [BrandVersionSummary]) {
        id = current.brand.id
        version = current.version
        fingerprint = current.brand.version
        displayName = current.brand.displayName
        let formatter = ISO8601DateFormatter()
        versions = history.map {
            Version(version: $0.version, fingerprint: $0.fingerprint, createdAt: formatter.string(from: $0.createdAt))
        }
    }
}

/// A refused brand as a 422: the `ServiceError` body `{message, hints}` plus one entry per problem,
/// `errors: [{file, field, message}]`, so clients can point at the file and field (`legal.bank.account`).
struct BrandProblems: Encodable, Sendable {
    /// One problem of `BrandError`, split into where it is and what is wrong.
    struct Problem: Codable, Sendable, Equatable {
        /// The brand file, e.g. `brand.json` or `stamp.png`; absent for the brand id itself.
        var file: String?
        /// The brand.json field path, e.g. `accentColor`, `legal.bank.account`; absent for a whole file.
        var field: String?
        /// What is wrong, e.g. `expected #RRGGBB, found "red"`.
        var message: String
    }

    /// `brand: ` and the first problem, as `ServiceError` phrases a `BrandError`.
    var message: String
    /// The other problems as text.
    var hints: [String]
    var errors: [Problem]

    init(_ error: BrandError) {
        message = "brand: \(error.problems.first ?? "invalid")"
        hints = Array(error.problems.dropFirst())
        errors = error.problems.map(Self.problem)
    }

    /// The 422 answer.
    func response() throws -> Response {
        try JSONResponse.make(self, status: .unprocessableContent)
    }

    /// Splits `brand.json: legal.bank.account: required but missing` (file, field, message),
    /// `stamp.png: unreadable image (…)` (file, message) and `id: expected …` (field, message).
    static func problem(_ text: String) -> Problem {
        guard let (head, rest) = split(text) else { return Problem(file: nil, field: nil, message: text) }
        let isFile = head.contains(".") || head.contains(",") || head.hasPrefix("\"")
        guard isFile else {
            return isFieldPath(head) ? Problem(file: nil, field: head, message: rest) : Problem(message: text)
        }
        if let (field, message) = split(rest), isFieldPath(field) {
            return Problem(file: head, field: field, message: message)
        }
        return Problem(file: head, field: nil, message: rest)
    }

    private static func split(_ text: String) -> (head: String, rest: String)? {
        guard let separator = text.range(of: ": ") else { return nil }
        return (String(text[..<separator.lowerBound]), String(text[separator.upperBound...]))
    }

    /// `name`, `legal.bank.account`, `strokes[2].points`: identifiers joined by dots, with indexes.
    static func isFieldPath(_ text: String) -> Bool {
        text.wholeMatch(of: #/[A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])*)*/#) != nil
    }
}

extension BrandProblems.Problem {
    init(message: String) { self.init(file: nil, field: nil, message: message) }
}
