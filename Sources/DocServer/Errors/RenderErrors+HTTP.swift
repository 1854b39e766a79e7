import DocStore
public import DocEngine
package import DocPipeline
public import HTTPTypes
public import Hummingbird
public import Signatures
import Templates

// Errors of a render that the caller's input caused: each is 422 with its own message.

extension LayoutError: HTTPResponseError, JSONErrorAnswer {
    public var status: HTTPResponse.Status { .unprocessableContent }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: "layout: \(self)").response(status: status)
    }
}

extension SignatureError: HTTPResponseError, JSONErrorAnswer {
    public var status: HTTPResponse.Status { .unprocessableContent }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: "signature: \(self)").response(status: status)
    }
}

extension PipelineError: HTTPResponseError, JSONErrorAnswer {
    package var status: HTTPResponse.Status {
        switch self {
        case .noSuchPage: .notFound
        case .invalidPackage, .mixedPackage, .missingTemplateFile, .cannotWrite, .invalidData: .unprocessableContent
        case .invalidContract: .internalServerError
        case .noTableExport: .notAcceptable
        }
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        switch self {
        case .invalidData(let problems):
            // Every problem of the document at once, each with its JSON path as `field`.
            return try ErrorBody(
                message: "data: " + (problems.first?.description ?? "invalid"),
                hints: problems.count > 1 ? ["\(problems.count) problems; see errors"] : [],
                errors: problems.map { BrandProblem(field: $0.path.description, message: $0.message) }
            ).response(status: status)
        case .invalidContract:
            return try ErrorBody(message: "internal error").response(status: status)
        default:
            return try ErrorBody(message: description).response(status: status)
        }
    }
}

extension BrandIdentity.ChangeRefused: HTTPResponseError, JSONErrorAnswer {
    /// The key is known and the brand its own, but the change is not its to make: 403, naming each field.
    package var status: HTTPResponse.Status { .forbidden }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(
            message: "brand: brand.json: \(description)",
            errors: fields.map {
                BrandProblem(
                    file: "brand.json", field: $0, message: "only the platform sets or changes this field of the brand's legal identity")
            }
        ).response(status: status)
    }
}

extension WhiteLabelGuard.Violation: HTTPResponseError, JSONErrorAnswer {
    package var status: HTTPResponse.Status { .unprocessableContent }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: description).response(status: status)
    }
}

extension BrandError: HTTPResponseError, JSONErrorAnswer {
    /// A refused brand is 422 with one entry per problem, each split into file, field and message.
    package var status: HTTPResponse.Status { .unprocessableContent }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(
            message: "brand: \(problems.first ?? "invalid")", hints: Array(problems.dropFirst()),
            errors: problems.map(BrandProblem.init(parsing:))
        ).response(status: status)
    }
}
