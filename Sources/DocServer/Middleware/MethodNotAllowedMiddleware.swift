package import HTTPTypes
package import Hummingbird

/// Answers 405 with `Allow` for a known path asked with a method it does not have.
///
/// Hummingbird answers 404 whenever no route matches path *and* method; a client that sent `GET`
/// where only `PUT` exists deserves to hear that the path is right and the method wrong. Added to
/// the router after every route, so it wraps only the "no route" answer.
package struct MethodNotAllowedMiddleware: RouterMiddleware {
    package typealias Context = ServiceRequestContext

    /// One registered route: its path's segments (`{…}` matches any one segment) and method.
    private let routes: [(segments: [Substring], method: HTTPRequest.Method)]

    /// - Parameter routes: every `(method, path)` the router has, e.g. `(.get, "/v1/documents/{id}")`.
    package init(routes: [(method: HTTPRequest.Method, path: String)]) {
        self.routes = routes.map { (Self.segments($0.path), $0.method) }
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let asked = Self.segments(request.uri.path)
        let allowed = routes.filter { Self.matches($0.segments, asked) }.map(\.method.rawValue)
        guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else {
            return try await next(request, context)
        }
        let list = Set(allowed).sorted().joined(separator: ", ")
        throw ServiceError(
            status: .methodNotAllowed, message: "\(request.method.rawValue) is not allowed on \(request.uri.path); allowed: \(list)",
            headers: [.allow: list])
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        pattern.count == path.count
            && zip(pattern, path).allSatisfy { template, segment in
                (template.hasPrefix("{") && template.hasSuffix("}")) || template == segment
            }
    }
}
