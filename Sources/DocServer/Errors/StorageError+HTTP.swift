import DocPipeline
package import DocStore
package import HTTPTypes
package import Hummingbird

/// What the store refused, as the caller should see it: unknown or invisible is 404, a reused
/// idempotency key or a second reissue 409, a malformed argument 400; a failed render answers as
/// the render's own error; a broken database or blob is a bare 500 that leaks nothing.
extension StorageError: HTTPResponseError, JSONErrorAnswer {
    package var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .idempotencyConflict, .alreadySuperseded: .conflict
        case .invalidArgument: .badRequest
        case .renderFailed(let underlying): (underlying as? any HTTPResponseError)?.status ?? .internalServerError
        case .cannotOpen, .database, .file: .internalServerError
        }
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        if case .renderFailed(let underlying) = self, let answer = underlying as? any HTTPResponseError {
            return try answer.response(from: request, context: context)
        }
        let message =
            switch self {
            case .notFound(let what): "not found: \(what)"
            case .invalidArgument(let message): message
            case .idempotencyConflict, .alreadySuperseded: description
            case .renderFailed, .cannotOpen, .database, .file: "internal error"
            }
        return try ErrorBody(message: message).response(status: status)
    }
}
