package import Hummingbird
import Logging

/// Makes every failure a JSON answer and logs the ones an operator must see.
///
/// Our errors already answer as JSON through their `HTTPResponseError` conformances (marked
/// `JSONErrorAnswer`) and pass through untouched. Hummingbird's own (`HTTPError`: an unknown route, a body over the limit) are
/// rephrased as `ServiceError`s; anything else is a bug, logged with its details and answered as a
/// bare 500 that leaks nothing.
package struct ErrorJSONMiddleware: RouterMiddleware {
    package typealias Context = ServiceRequestContext

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = Self.answer(for: error)
            let metadata: Logger.Metadata = [
                "error": .string(String(describing: error)), "http.path": .string(request.uri.path),
                "http.status": .stringConvertible(answer.status.code),
            ]
            if answer.status == .serviceUnavailable {
                // Shed load or a render past its time limit: the service is doing its job, and the
                // caller was told when to retry. Worth a look when frequent, not a page at 3 a.m.
                context.logger.warning("request refused for now", metadata: metadata)
            } else if answer.status.code >= 500 {
                context.logger.error("request failed", metadata: metadata)
            }
            throw answer
        }
    }

    /// The error as it is answered.
    package static func answer(for error: any Error) -> any HTTPResponseError {
        switch error {
        case let error as any JSONErrorAnswer:
            return error
        case let error as HTTPError where error.status != .contentTooLarge:
            return ServiceError(status: error.status, message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        case let error as any HTTPResponseError:
            let message = error.status == .contentTooLarge ? "the request body is too large" : error.status.reasonPhrase
            return ServiceError(status: error.status, message: message)
        default:
            return ServiceError(status: .internalServerError, message: "internal error")
        }
    }
}
