/// A problem found in a template, as plain data.
///
/// Diagnostics are values: the parser and checker collect them, and `DiagnosticRenderer` turns
/// them into text or JSON. Keep `message` a single self-contained sentence fragment (no trailing
/// period, code in backticks) because the renderer prints it on the one-line summary.
public struct Diagnostic: Hashable, Sendable {
    /// How serious a diagnostic is. Any error makes compilation fail; warnings do not.
    public enum Severity: String, Hashable, Sendable, Codable {
        /// The template cannot be used.
        case error
        /// The template works, but probably not as intended.
        case warning
    }

    /// Extra context pointing elsewhere, e.g. where a block was opened.
    public struct Note: Hashable, Sendable {
        /// What the note says, e.g. "`for` opened here".
        public var message: String
        /// The place it refers to, if any.
        public var span: SourceSpan?

        /// Creates a note.
        /// - Parameters:
        ///   - message: The note text.
        ///   - span: The place it refers to.
        public init(_ message: String, at span: SourceSpan? = nil) {
            self.message = message
            self.span = span
        }
    }

    /// Error or warning.
    public var severity: Severity
    /// What is wrong, e.g. "unknown filter `mony`".
    public var message: String
    /// The primary location; the renderer underlines it.
    public var span: SourceSpan
    /// Suggestions on how to fix it, e.g. "did you mean `money`?".
    public var hints: [String]
    /// Related locations and background.
    public var notes: [Note]

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - severity: Error or warning.
    ///   - message: What is wrong.
    ///   - span: Where.
    ///   - hints: How to fix it.
    ///   - notes: Related locations.
    public init(severity: Severity, message: String, span: SourceSpan, hints: [String] = [], notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.span = span
        self.hints = hints
        self.notes = notes
    }

    /// Creates an error.
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - span: Where.
    ///   - hints: How to fix it.
    ///   - notes: Related locations.
    public static func error(
        _ message: String, at span: SourceSpan, hints: [String] = [], notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(severity: .error, message: message, span: span, hints: hints, notes: notes)
    }

    /// Creates a warning.
    /// - Parameters:
    ///   - message: What is suspicious.
    ///   - span: Where.
    ///   - hints: How to fix it.
    ///   - notes: Related locations.
    public static func warning(
        _ message: String, at span: SourceSpan, hints: [String] = [], notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(severity: .warning, message: message, span: span, hints: hints, notes: notes)
    }

    /// Whether this diagnostic is an error.
    public var isError: Bool { severity == .error }
}

extension [Diagnostic] {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains(where: \.isError) }

    /// The diagnostics in source order (stable for equal positions), as a reader expects them.
    public func sortedBySpan() -> [Diagnostic] {
        enumerated()
            .sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }
            .map(\.element)
    }
}
