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
        case .idempotencyConflict, .alreadySuperseded, .duplicateNumber, .identityTaken: .conflict
        case .invalidArgument: .badRequest
        case .renderFailed(let underlying): (underlying as? any HTTPResponseError)?.status ?? .internalServerError
        case .cannotOpen, .database, .file: .internalServerError
        }
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        switch self {
        case .renderFailed(let underlying as any HTTPResponseError):
            return try underlying.response(from: request, context: context)
        case .duplicateNumber(let number, let id):
            // The number's series is the issuer's own (its brand, else its tenant), so the holder
            // is a document of the caller's tenant.
            return try ErrorBody(
                message: "document.number: \(number) is already the number of document \(id); "
                    + "numbers are unique per issuer, document type and year",
                hints: ["leave document.number empty to take the next number of the series"], documentId: id
            ).response(status: status)
        case .identityTaken(let field, let value, let brandID):
            return try ErrorBody(
                message: "brand: brand.json: \(field): \(value) is already brand `\(brandID)`'s; no two brands share it",
                errors: [BrandProblem(file: "brand.json", field: field, message: "already brand `\(brandID)`'s")]
            ).response(status: status)
        default:
            break
        }
        let message =
            switch self {
            case .notFound(let what): "not found: \(what)"
            case .invalidArgument(let message): message
            case .idempotencyConflict, .alreadySuperseded, .duplicateNumber, .identityTaken: description
            case .renderFailed, .cannotOpen, .database, .file: "internal error"
            }
        return try ErrorBody(message: message).response(status: status)
    }
}
