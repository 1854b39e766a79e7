import DocEngine

/// Why a template could not be compiled or run. Every case says where: a template position
/// (file:line:col with the source line and a caret) or the JSON path of the data.
public enum TemplateError: Error, Sendable, CustomStringConvertible {
    /// The template (or a partial it includes) has errors; all of them, in source order.
    case compile([Diagnostic], [Source])
    /// The template failed while running, at a position in it (a data error names the JSON path
    /// in its message, e.g. `items[3].price: expected a decimal, found "abc"`).
    case evaluation(Diagnostic, [Source])
    /// The data is not valid JSON.
    case invalidJSON(String)
    /// No template of that name in the library.
    case notFound(name: String, known: [String])

    /// Full text: one-line summaries followed by the source lines with carets.
    public var description: String {
        switch self {
        case .compile(let diagnostics, let sources):
            DiagnosticRenderer(sources: sources).render(diagnostics)
        case .evaluation(let diagnostic, let sources):
            DiagnosticRenderer(sources: sources).render(diagnostic)
        default:
            summary
        }
    }

    /// The first line alone, for logs and command-line errors.
    public var summary: String {
        switch self {
        case .compile(let diagnostics, let sources):
            diagnostics.first.map { DiagnosticRenderer(sources: sources).summary($0) } ?? "template error"
        case .evaluation(let diagnostic, let sources):
            DiagnosticRenderer(sources: sources).summary(diagnostic)
        case .invalidJSON(let message):
            "data: \(message)"
        case .notFound(let name, let known):
            "unknown template '\(name)'; known templates: \(known.joined(separator: ", "))"
        }
    }

    /// The diagnostics, for the HTTP API's 422 answers.
    public var diagnostics: [DiagnosticJSON] {
        switch self {
        case .compile(let diagnostics, let sources):
            diagnostics.map { DiagnosticRenderer(sources: sources).json($0) }
        case .evaluation(let diagnostic, let sources):
            [DiagnosticRenderer(sources: sources).json(diagnostic)]
        case .invalidJSON, .notFound:
            []
        }
    }
}

/// An evaluation failure before the template's source is attached to it.
struct EvaluationFailure: Error {
    var message: String
    var span: SourceSpan
    var hints: [String] = []
    /// The render was cancelled: not a template error, `render` turns it into `RenderCancelled`.
    var isCancellation = false

    /// The failure a loop stops with when the render was cancelled.
    static func cancelled(at span: SourceSpan) -> EvaluationFailure {
        EvaluationFailure(message: RenderCancelled().description, span: span, isCancellation: true)
    }
}
