import Hummingbird
import Logging

/// Turns every error into a `ServiceError`, so each failure, including Hummingbird's own (an
/// unknown route, a body over the limit), is answered as JSON. Unexpected errors are logged and
/// answered as a bare 500, without internals.
struct ErrorJSONMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let mapped = ServiceError(error)
            if mapped.status.code >= 500 {
                context.logger.error(
                    "request failed", metadata: ["error": .string(String(describing: error)), "http.path": .string(request.uri.path)])
            }
            throw mapped
        }
    }
}
