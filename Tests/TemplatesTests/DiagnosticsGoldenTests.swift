import Foundation
import Testing

import Templates

/// One expected diagnostic written inline as `{# error: 12:20-12:27 message #}`.
struct InlineExpectation: Hashable, Comparable, CustomStringConvertible {
    var severity: String
    var start: SourcePosition
    var end: SourcePosition
    var message: String

    var description: String { "\(severity): \(start)-\(end) \(message)" }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }

    /// Every `{# error: … #}` / `{# warning: … #}` comment in a fixture.
    static func parse(_ text: String) -> [InlineExpectation] {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for severity in ["error", "warning"] where trimmed.hasPrefix("{# \(severity): ") && trimmed.hasSuffix(" #}")
            {
                let body = trimmed.dropFirst("{# \(severity): ".count).dropLast(" #}".count)
                guard let space = body.firstIndex(of: " ") else { return nil }
                let range = body[..<space].split(separator: "-")
                guard range.count == 2, let start = location(range[0]), let end = location(range[1]) else { return nil }
                return InlineExpectation(
                    severity: severity, start: start, end: end, message: String(body[body.index(after: space)...]))
            }
            return nil
        }
    }

    private static func location(_ text: Substring) -> SourcePosition? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        return parts.count == 2 ? SourcePosition(line: parts[0], column: parts[1]) : nil
    }
}

@Suite("Diagnostics")
struct DiagnosticsGoldenTests {
    @Test("fixture diagnostics match their inline expectations", arguments: TestData.fixtureNames())
    func fixture(name: String) throws {
        let source = try TestData.source(named: name)
        let expected = InlineExpectation.parse(source.text).sorted()
        let (_, diagnostics) = TemplateFrontEnd.compile(source, filters: CompiledTemplate.filters)
        let actual = diagnostics.map { diagnostic in
            let (start, end) = source.location(of: diagnostic.span)
            return InlineExpectation(
                severity: diagnostic.severity.rawValue, start: start, end: end, message: diagnostic.message)
        }.sorted()
        #expect(actual == expected, "\n\(DiagnosticRenderer(source: source).render(diagnostics))")
    }

    @Test("there are enough fixtures, and all but the valid one expect diagnostics")
    func fixtureInventory() throws {
        let names = TestData.fixtureNames()
        #expect(names.count >= 12)
        for name in names where name != "valid-invoice.doc" {
            #expect(!InlineExpectation.parse(try TestData.source(named: name).text).isEmpty, "\(name) expects nothing")
        }
    }

    @Test("five different mistakes are all reported in one run")
    func fiveMistakes() throws {
        let source = try TestData.source(named: "five-mistakes.doc")
        let (ast, diagnostics) = TemplateFrontEnd.compile(source, filters: CompiledTemplate.filters)
        #expect(ast == nil)
        #expect(Set(diagnostics.map(\.message)).count == 5)
    }

    @Test("rendered diagnostics match the golden text (Cyrillic, tabs, wide characters, multi-line spans)")
    func rendererGolden() throws {
        let text = """
            {# Renderer golden: carets must line up whatever the script. #}
            {% p %}Итого к оплате: {{ заказ.сумма | mony }}{% endp %}
            {% p %}\tСумма:\t{{ заказ.итог | upper(1) }}{% endp %}
            {% p %}合計 {{ total | lowr }}{% endp %}
            {% p algin="right" %}x{% endp %}
            {% table %}
              {% row %}{% cell %}{{ заказ.номер }}{% endcell %}{% endrow %}
            {% endtabel %}
            {% endtable %}
            {% space 50%}
            {% for позиция
               in заказ.позиции %}{{ позиция.название }}
            """
        let source = Source(name: "invoice.doc", text: text)
        let (_, diagnostics) = TemplateFrontEnd.compile(source, filters: CompiledTemplate.filters)
        try assertSnapshot(DiagnosticRenderer(source: source).render(diagnostics), named: "DiagnosticRenderer")
    }

    @Test("the summary line stands alone and matches the documented layout")
    func documentedLayout() {
        let text = String(repeating: "\n", count: 13) + "  {{ x | mony }}\n"
        let source = Source(name: "invoice.doc", text: text)
        let (_, diagnostics) = TemplateFrontEnd.compile(source, filters: CompiledTemplate.filters)
        let expected = """
            invoice.doc:14:10: error: unknown filter `mony`
               |
            14 |   {{ x | mony }}
               |          ^^^^
               = hint: did you mean `money`?

            """
        #expect(DiagnosticRenderer(source: source).render(diagnostics) == expected)
    }

    @Test("an empty span still gets one caret, and a span past the line end points after it")
    func emptySpan() {
        let source = Source(name: "e.doc", text: "ab\ncd")
        let diagnostic = Diagnostic.error("here", at: source.span(2..<2))
        #expect(
            DiagnosticRenderer(source: source).render(diagnostic) == "e.doc:1:3: error: here\n  |\n1 | ab\n  |   ^\n")
    }

    @Test("the JSON form carries 1-based positions with an exclusive end")
    func jsonForm() throws {
        let source = Source(name: "invoice.doc", text: "Счёт: {{ x | mony }}")
        let (_, diagnostics) = TemplateFrontEnd.compile(source, filters: CompiledTemplate.filters)
        let record = DiagnosticRenderer(source: source).json(diagnostics[0])
        #expect(
            record
                == DiagnosticJSON(
                    file: "invoice.doc", line: 1, column: 14, endLine: 1, endColumn: 18,
                    severity: .error, message: "unknown filter `mony`", hints: ["did you mean `money`?"]
                ))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(record), as: UTF8.self)
        #expect(
            json
                == #"{"column":14,"endColumn":18,"endLine":1,"file":"invoice.doc","hints":["did you mean `money`?"],"#
                + #""line":1,"message":"unknown filter `mony`","severity":"error"}"#
        )
        #expect(try JSONDecoder().decode(DiagnosticJSON.self, from: Data(json.utf8)) == record)
    }
}
