package import HTTPTypes
package import Hummingbird

/// A draft that would change an identity field is 403, naming the field, so the studio can show
/// the message beside it.
extension StudioIdentityRule.Refusal: HTTPResponseError, JSONErrorAnswer {
    package var status: HTTPResponse.Status { .forbidden }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: message, errors: [BrandProblem(file: "brand.json", field: field, message: message)])
            .response(status: status)
    }
}
