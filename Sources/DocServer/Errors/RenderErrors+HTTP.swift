import DocStore
public import DocEngine
package import DocPipeline
public import HTTPTypes
public import Hummingbird
public import Signatures

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
        case .noSuchPage: .badRequest
        case .invalidPackage, .missingTemplateFile, .cannotWrite: .unprocessableContent
        case .noTableExport: .notAcceptable
        }
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: description).response(status: status)
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
