/// A diagnostic flattened for JSON, e.g. for the HTTP API's 422 responses.
///
/// Positions are 1-based; columns count Unicode scalars and the end is exclusive, so an
/// underlined `mony` at column 10 has `column: 10, endColumn: 14`. Notes are not included: their
/// text is already folded into `message` where it matters (e.g. "(line 8)").
public struct DiagnosticJSON: Codable, Hashable, Sendable {
    /// The source name, e.g. `invoice.doc`.
    public var file: String
    /// 1-based start line.
    public var line: Int
    /// 1-based start column (Unicode scalars).
    public var column: Int
    /// 1-based end line.
    public var endLine: Int
    /// 1-based end column, exclusive.
    public var endColumn: Int
    /// `error` or `warning`.
    public var severity: Diagnostic.Severity
    /// What is wrong.
    public var message: String
    /// Suggestions, possibly empty.
    public var hints: [String]

    /// Creates a record; normally made by `DiagnosticRenderer.json(_:)`.
    /// - Parameters:
    ///   - file: Source name.
    ///   - line: Start line.
    ///   - column: Start column.
    ///   - endLine: End line.
    ///   - endColumn: End column, exclusive.
    ///   - severity: Error or warning.
    ///   - message: What is wrong.
    ///   - hints: Suggestions.
    public init(
        file: String, line: Int, column: Int, endLine: Int, endColumn: Int,
        severity: Diagnostic.Severity, message: String, hints: [String]
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.severity = severity
        self.message = message
        self.hints = hints
    }
}
