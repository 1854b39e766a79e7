import DocEngine
import Foundation
import Hummingbird
import Signatures
import Templates

/// Every failure the HTTP service answers with, as JSON `{message, line, column, hints, diagnostics}`.
///
/// Template and data errors are 422 with the template position (`line`, `column` of the first
/// diagnostic) and every diagnostic; anything the caller may not see is 404, never 403, so a
/// key cannot probe for other tenants' documents or brands.
struct ServiceError: Error, HTTPResponseError, CustomStringConvertible {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// What went wrong, for a person.
    var message: String
    /// 1-based line of the first diagnostic, when the error points into a template.
    var line: Int?
    /// 1-based column of the first diagnostic.
    var column: Int?
    /// Suggestions, possibly empty.
    var hints: [String] = []
    /// Every template diagnostic, for 422 answers.
    var diagnostics: [DiagnosticJSON] = []
    /// Extra response headers (`WWW-Authenticate` on 401).
    var headers: HTTPFields = [:]

    var description: String { "\(status.code) \(message)" }

    /// A missing or unknown API key.
    static let unauthorized = ServiceError(
        status: .unauthorized, message: "a valid API key is required: Authorization: Bearer dk_…",
        headers: [.wwwAuthenticate: "Bearer"])

    /// Something that does not exist or that the key may not see.
    static func notFound(_ what: String) -> ServiceError {
        ServiceError(status: .notFound, message: "not found: \(what)")
    }

    /// A request whose shape is wrong (not JSON, a missing field, a bad query parameter).
    static func badRequest(_ message: String) -> ServiceError {
        ServiceError(status: .badRequest, message: message)
    }

    /// A well-formed request whose content cannot be rendered.
    static func unprocessable(_ message: String, hints: [String] = []) -> ServiceError {
        ServiceError(status: .unprocessableContent, message: message, hints: hints)
    }

    init(
        status: HTTPResponse.Status, message: String, line: Int? = nil, column: Int? = nil, hints: [String] = [],
        diagnostics: [DiagnosticJSON] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.message = message
        self.line = line
        self.column = column
        self.hints = hints
        self.diagnostics = diagnostics
        self.headers = headers
    }

    /// Maps any error thrown while handling a request to its answer.
    init(_ error: any Error) {
        switch error {
        case let error as ServiceError: self = error
        case let error as StorageError: self = Self.mapping(error)
        case let error as TemplateError: self = Self.mapping(error)
        case let error as BrandError:
            self = .unprocessable("brand: \(error.problems.first ?? "invalid")", hints: Array(error.problems.dropFirst()))
        case let error as RenderPool.Overloaded:
            ServiceMetrics.shared.recordOverload()
            self.init(
                status: .serviceUnavailable, message: error.description,
                headers: [.retryAfter: String(error.retryAfter)])
        case let error as RenderPool.TimedOut:
            self.init(status: .serviceUnavailable, message: error.description, headers: [.retryAfter: "1"])
        case let error as WhiteLabelGuard.Violation: self = .unprocessable(error.description)
        case let error as SignatureError: self = .unprocessable("signature: \(error)")
        case let error as LayoutError: self = .unprocessable("layout: \(error)")
        case let error as CLIError: self = .unprocessable(error.description)
        case let error as HTTPError:
            self.init(status: error.status, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        case let error as any HTTPResponseError:
            let message = error.status == .contentTooLarge ? "the request body is too large" : error.status.reasonPhrase
            self.init(status: error.status, message: message)
        default:
            self.init(status: .internalServerError, message: "internal error")
        }
    }

    private static func mapping(_ error: StorageError) -> ServiceError {
        switch error {
        case .notFound(let what): .notFound(what)
        case .idempotencyConflict, .alreadySuperseded: ServiceError(status: .conflict, message: error.description)
        case .invalidArgument(let message): .badRequest(message)
        case .renderFailed(let underlying): ServiceError(underlying)
        case .cannotOpen, .database, .file: ServiceError(status: .internalServerError, message: "storage error")
        }
    }

    private static func mapping(_ error: TemplateError) -> ServiceError {
        let diagnostics = error.diagnostics
        let first = diagnostics.first
        var hints = first?.hints ?? []
        if case .notFound(_, let known) = error { hints.append("known templates: \(known.joined(separator: ", "))") }
        return ServiceError(
            status: .unprocessableContent, message: first?.message ?? error.summary, line: first?.line,
            column: first?.column, hints: hints, diagnostics: diagnostics)
    }

    /// The JSON body of an error answer.
    private struct Body: Encodable {
        var message: String
        var line: Int?
        var column: Int?
        var hints: [String]
        var diagnostics: [DiagnosticJSON]?
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(
            message: message, line: line, column: column, hints: hints,
            diagnostics: diagnostics.isEmpty ? nil : diagnostics)
        return try JSONResponse.make(body, status: status, headers: headers)
    }
}
