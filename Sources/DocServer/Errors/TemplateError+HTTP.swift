public import HTTPTypes
public import Hummingbird
public import Templates

/// A template or data error is 422, with the template position of the first diagnostic and every
/// diagnostic, so a client can point at `invoice.doc:64:28` or `items[3].price`.
extension TemplateError: HTTPResponseError, JSONErrorAnswer {
    public var status: HTTPResponse.Status { .unprocessableContent }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let first = diagnostics.first
        var hints = first?.hints ?? []
        if case .notFound(_, let known) = self { hints.append("known templates: \(known.joined(separator: ", "))") }
        return try ErrorBody(
            message: first?.message ?? summary, line: first?.line, column: first?.column, hints: hints,
            diagnostics: diagnostics
        ).response(status: status)
    }
}
