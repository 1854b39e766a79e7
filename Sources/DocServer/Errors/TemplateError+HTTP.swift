public import HTTPTypes
public import Hummingbird
public import Templates

/// A template or data error is 422, with the template position of the first diagnostic and every
/// diagnostic, so a client can point at `invoice.doc:64:28` or `items[3].price`.
extension TemplateError: HTTPResponseError, JSONErrorAnswer {
    /// An unknown (or retired) template is 404, like every other name that leads nowhere; a
    /// template or data error is 422.
    public var status: HTTPResponse.Status {
        if case .notFound = self { return .notFound }
        return .unprocessableContent
    }

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
