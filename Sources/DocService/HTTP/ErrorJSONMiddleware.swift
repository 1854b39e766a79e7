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
            let metadata: Logger.Metadata = [
                "error": .string(String(describing: error)), "http.path": .string(request.uri.path),
                "http.status": .stringConvertible(mapped.status.code),
            ]
            if mapped.status == .serviceUnavailable {
                // Shed load or a render past its time limit: the service is doing its job, and the
                // caller was told when to retry. Worth a look when frequent, not a page at 3 a.m.
                context.logger.warning("request refused for now", metadata: metadata)
            } else if mapped.status.code >= 500 {
                context.logger.error("request failed", metadata: metadata)
            }
            throw mapped
        }
    }
}
