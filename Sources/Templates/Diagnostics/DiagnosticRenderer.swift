/// Turns diagnostics into human-readable text (and JSON) for the sources it knows.
///
/// The text layout puts a self-contained summary first, so the first line alone works in logs:
///
/// ```
/// invoice.doc:14:10: error: unknown filter `mony`
///    |
/// 14 |   {{ x | mony }}
///    |          ^^^^
///    = hint: did you mean `money`?
/// ```
///
/// The gutter is as wide as the line number. Carets are aligned by display width, so Cyrillic
/// (one cell per letter), combining marks (none) and East Asian wide letters (two) line up.
/// A span that crosses lines is underlined to the end of its first line.
public struct DiagnosticRenderer: Sendable {
    /// Tabs are shown as this many spaces so carets line up whatever the terminal's tab stops.
    static let tabWidth = 4

    private let sources: [SourceID: Source]

    /// Creates a renderer.
    /// - Parameter sources: Every source the diagnostics may point into.
    public init(sources: [Source]) {
        self.sources = Dictionary(sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Creates a renderer for a single source.
    /// - Parameter source: The source the diagnostics point into.
    public init(source: Source) {
        self.init(sources: [source])
    }

    /// The one-line form, e.g. "invoice.doc:14:10: error: unknown filter `mony`".
    /// - Parameter diagnostic: The diagnostic to summarise.
    public func summary(_ diagnostic: Diagnostic) -> String {
        "\(position(of: diagnostic.span)): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }

    /// The full form: summary, source excerpt with carets, notes and hints; ends with a newline.
    /// - Parameter diagnostic: The diagnostic to render.
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines = [summary(diagnostic)]
        if let source = sources[diagnostic.span.source] {
            lines += excerpt(of: diagnostic.span, in: source)
        }
        let pad = String(repeating: " ", count: gutterWidth(for: diagnostic) + 1)
        for note in diagnostic.notes {
            let location = note.span.map { ": " + position(of: $0) } ?? ""
            lines.append("\(pad)= note: \(note.message)\(location)")
        }
        for hint in diagnostic.hints {
            lines.append("\(pad)= hint: \(hint)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Renders several diagnostics, separated by blank lines.
    /// - Parameter diagnostics: The diagnostics, in the order to print them.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    /// The JSON-ready form used by the HTTP API.
    /// - Parameter diagnostic: The diagnostic to convert.
    public func json(_ diagnostic: Diagnostic) -> DiagnosticJSON {
        guard let source = sources[diagnostic.span.source] else {
            return DiagnosticJSON(
                file: "<unknown>", line: 0, column: 0, endLine: 0, endColumn: 0,
                severity: diagnostic.severity, message: diagnostic.message, hints: diagnostic.hints
            )
        }
        let (start, end) = source.location(of: diagnostic.span)
        return DiagnosticJSON(
            file: source.name, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
            severity: diagnostic.severity, message: diagnostic.message, hints: diagnostic.hints
        )
    }

    // MARK: - Pieces

    /// `file:line:column`, or the raw span when the source is unknown.
    private func position(of span: SourceSpan) -> String {
        guard let source = sources[span.source] else { return "<unknown>:\(span)" }
        return "\(source.name):\(source.lines.location(ofByte: span.start))"
    }

    private func gutterWidth(for diagnostic: Diagnostic) -> Int {
        guard let source = sources[diagnostic.span.source] else { return 0 }
        return String(source.lines.line(ofByte: diagnostic.span.start)).count
    }

    /// The three excerpt lines: empty gutter, numbered source line, carets.
    private func excerpt(of span: SourceSpan, in source: Source) -> [String] {
        let lineTable = source.lines
        let lineNumber = lineTable.line(ofByte: span.start)
        let content = lineTable.contentRange(ofLine: lineNumber)
        let start = min(max(span.start, content.lowerBound), content.upperBound)
        let end = min(max(span.end, start), content.upperBound)
        let before = source.text(in: source.span(content.lowerBound..<start))
        let underlined = source.text(in: source.span(start..<end))
        let lineText = source.text(in: source.span(content))

        let number = String(lineNumber)
        let pad = String(repeating: " ", count: number.count)
        let shown = Self.expandTabs(lineText)
        let caretCount = max(1, Self.displayWidth(underlined))
        let carets =
            String(repeating: " ", count: Self.displayWidth(before)) + String(repeating: "^", count: caretCount)
        return [
            "\(pad) |",
            shown.isEmpty ? "\(number) |" : "\(number) | \(shown)",
            "\(pad) | \(carets)",
        ]
    }

    /// Replaces tabs with spaces so the caret line can be built from widths alone.
    static func expandTabs(_ text: Substring) -> String {
        text.replacingTabs(with: String(repeating: " ", count: tabWidth))
    }

    /// Terminal cells a text occupies (a close approximation of `wcwidth`).
    static func displayWidth(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { $0 + displayWidth(of: $1) }
    }

    private static func displayWidth(of scalar: Unicode.Scalar) -> Int {
        if scalar == "\t" { return tabWidth }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        return wideRanges.contains { $0.contains(scalar.value) } ? 2 : 1
    }

    /// East Asian Wide and Fullwidth blocks, plus emoji, which terminals draw two cells wide.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension Substring {
    fileprivate func replacingTabs(with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == "\t" { result += replacement } else { result.append(character) }
        }
        return result
    }
}
