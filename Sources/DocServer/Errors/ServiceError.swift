import Foundation
package import HTTPTypes
package import Hummingbird

/// A failure the service answers with directly: its status and a message, as the JSON `ErrorBody`.
///
/// Errors of the libraries (templates, layout, the store, brands) decide their own status through
/// their `HTTPResponseError` conformances in this folder; anything the caller may not see is 404,
/// never 403, so a key cannot probe for other tenants' documents or brands.
package struct ServiceError: Error, HTTPResponseError, JSONErrorAnswer, CustomStringConvertible {
    /// The HTTP status.
    package var status: HTTPResponse.Status
    /// What went wrong, for a person.
    package var message: String
    /// Suggestions, possibly empty.
    package var hints: [String] = []
    /// Extra response headers (`WWW-Authenticate` on 401, `Retry-After` on 503).
    package var headers: HTTPFields = [:]

    package var description: String { "\(status.code) \(message)" }

    package init(status: HTTPResponse.Status, message: String, hints: [String] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.hints = hints
        self.headers = headers
    }

    /// A missing or unknown API key.
    package static let unauthorized = ServiceError(
        status: .unauthorized, message: "a valid API key is required: Authorization: Bearer dk_…",
        headers: [.wwwAuthenticate: "Bearer"])

    /// Something that does not exist or that the key may not see.
    package static func notFound(_ what: String) -> ServiceError {
        ServiceError(status: .notFound, message: "not found: \(what)")
    }

    /// A request whose shape is wrong (not JSON, a missing field, a bad query parameter).
    package static func badRequest(_ message: String) -> ServiceError {
        ServiceError(status: .badRequest, message: message)
    }

    /// A key whose role can never do this.
    package static func forbidden(_ message: String) -> ServiceError {
        ServiceError(status: .forbidden, message: message)
    }

    /// A well-formed request whose content cannot be rendered.
    package static func unprocessable(_ message: String, hints: [String] = []) -> ServiceError {
        ServiceError(status: .unprocessableContent, message: message, hints: hints)
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: message, hints: hints).response(status: status, headers: headers)
    }
}
