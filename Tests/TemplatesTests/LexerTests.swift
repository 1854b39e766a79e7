import DocTestSupport
import Testing

import Templates

@Suite("Lexer")
struct LexerTests {
    @Test("joining all token texts gives back the source (500 seeded random inputs)")
    func roundTripProperty() {
        var generator = SeededGenerator(seed: 0xD0C_E61E)
        for iteration in 0..<500 {
            let text = RandomTemplate.make(using: &generator)
            let source = Source(name: "random-\(iteration).doc", text: text)
            let tokens = Lexer.tokenize(source)
            #expect(tokens.map { String($0.text) }.joined() == text, "iteration \(iteration): \(text.debugDescription)")
            #expect(tokens.last?.kind == .endOfFile)
            // Spans tile the file: contiguous, non-empty (except EOF), and agreeing with the text.
            var offset = 0
            for token in tokens {
                #expect(token.span.start == offset, "iteration \(iteration)")
                #expect(token.kind == .endOfFile || !token.span.isEmpty)
                #expect(source.text(in: token.span) == token.text)
                offset = token.span.end
            }
            #expect(offset == text.utf8.count)
        }
    }

    @Test("a token's text is exactly its bytes, even where a combining mark follows it")
    func combiningMarksDoNotMoveTokenEdges() {
        // U+0301 joins the character before it into one grapheme: `{` of `{{`, `}` of `}}`, the
        // last letter of a name. Tokens end on scalars, never widened or cut to a grapheme.
        let text = "a{{\u{301}x\u{301} }}\u{301}b{% if y %}\u{301}{% endif %}"
        let source = Source(name: "marks.doc", text: text)
        let tokens = Lexer.tokenize(source)
        let bytes = Array(text.utf8)
        for token in tokens {
            #expect(Array(token.text.utf8) == Array(bytes[token.span.range]), "\(token.kind)")
        }
        #expect(tokens.flatMap { Array($0.text.utf8) } == bytes)
        #expect(tokens.first { $0.kind == .outputOpen }?.text == "{{")
        #expect(tokens.first { $0.kind == .outputClose }?.text.utf8.count == 2)
    }

    @Test("the parser and checker terminate and keep spans inside the file on random input")
    func parserRobustnessProperty() {
        var generator = SeededGenerator(seed: 42)
        for iteration in 0..<300 {
            let text = RandomTemplate.make(using: &generator)
            let source = Source(name: "random-\(iteration).doc", text: text)
            let (_, diagnostics) = TemplateFrontEnd.compile(source, filters: CompiledTemplate.filters)
            for diagnostic in diagnostics {
                #expect(diagnostic.span.start >= 0 && diagnostic.span.end <= text.utf8.count)
                #expect(diagnostic.span.source == source.id)
            }
            _ = DiagnosticRenderer(source: source).render(diagnostics)  // must not trap
        }
    }

    @Test(
        "token kinds",
        arguments: [
            ("Hi {{ x }}", [TokenKind.text, .outputOpen, .whitespace, .identifier, .whitespace, .outputClose]),
            (
                "{% if a %}",
                [.statementOpen, .whitespace, .keyword(.if), .whitespace, .identifier, .whitespace, .statementClose]
            ),
            ("{{15mm}}", [.outputOpen, .length, .outputClose]),
            ("{{ 0.12 }}", [.outputOpen, .whitespace, .number, .whitespace, .outputClose]),
            ("{{50%}}", [.outputOpen, .length, .outputClose]),
            ("{%50%}", [.statementOpen, .number, .statementClose]),
            ("{%50%%}", [.statementOpen, .length, .statementClose]),
            ("{{ 15px }}", [.outputOpen, .whitespace, .badUnit, .whitespace, .outputClose]),
            (
                "{{ a<=b!=c }}",
                [
                    .outputOpen, .whitespace, .identifier, .lessEqual, .identifier, .notEqual, .identifier, .whitespace,
                    .outputClose,
                ]
            ),
            ("{{ \"a}}b\" }}", [.outputOpen, .whitespace, .string, .whitespace, .outputClose]),
            ("{{ \"abc }}", [.outputOpen, .whitespace, .unterminatedString, .outputClose]),
            (
                "{{ x {% y %}",
                [
                    .outputOpen, .whitespace, .identifier, .whitespace, .statementOpen, .whitespace, .identifier,
                    .whitespace, .statementClose,
                ]
            ),
            ("a{# c #}b", [.text, .comment, .text]),
            ("a{# c", [.text, .unclosedComment]),
            (
                "{{ сумма @ }}",
                [.outputOpen, .whitespace, .identifier, .whitespace, .invalidCharacter, .whitespace, .outputClose]
            ),
            ("}} %} #}", [.text]),
            (
                "{%- if a -%}",
                [.statementOpen, .whitespace, .keyword(.if), .whitespace, .identifier, .whitespace, .statementClose]
            ),
            ("{{- x -}}", [.outputOpen, .whitespace, .identifier, .whitespace, .outputClose]),
            ("{{-x}}", [.outputOpen, .minus, .identifier, .outputClose]),
            ("{{ a-}}", [.outputOpen, .whitespace, .identifier, .outputClose]),
            ("{{ a - }}", [.outputOpen, .whitespace, .identifier, .whitespace, .minus, .whitespace, .outputClose]),
            ("{% space 50-%}", [.statementOpen, .whitespace, .identifier, .whitespace, .number, .statementClose]),
            ("{%50%-%}", [.statementOpen, .length, .statementClose]),
            ("{{ \"ab-%} x", [.outputOpen, .whitespace, .unterminatedString, .statementClose, .text]),
            ("a {#- c -#} b", [.text, .comment, .text]),
        ] as [(String, [TokenKind])]
    )
    func tokenKinds(text: String, expected: [TokenKind]) {
        let tokens = Lexer.tokenize(Source(name: "t.doc", text: text))
        #expect(tokens.map(\.kind) == expected + [.endOfFile])
    }

    @Test(
        "whitespace-control markers belong to the opener, closer or comment they touch",
        arguments: [
            ("{%- if a %}", "{%-", true, false), ("{% endif -%}", "-%}", false, true),
            ("{{- x }}", "{{-", true, false), ("{{ x -}}", "-}}", false, true), ("{{-x }}", "{{", false, false),
            ("{#- note #}", "{#- note #}", true, false), ("{# note -#}", "{# note -#}", false, true),
            ("{#-#}", "{#-#}", true, true), ("{% if a %}", "{%", false, false),
        ] as [(String, String, Bool, Bool)]
    )
    func trimMarkers(text: String, marked: String, trimsBefore: Bool, trimsAfter: Bool) throws {
        let tokens = Lexer.tokenize(Source(name: "t.doc", text: text))
        let token = try #require(tokens.first { $0.text == marked }, "no token `\(marked)` in \(tokens.map(\.text))")
        #expect(token.trimsWhitespaceBefore == trimsBefore)
        #expect(token.trimsWhitespaceAfter == trimsAfter)
    }

    @Test("token spans are UTF-8 byte ranges")
    func byteSpans() {
        let source = Source(name: "t.doc", text: "Счёт {{ сумма }}")
        let tokens = Lexer.tokenize(source)
        #expect(tokens[0].span.range == 0..<9)  // "Счёт " is 4 two-byte letters and a space
        let identifier = tokens.first { $0.kind == .identifier }!
        #expect(identifier.text == "сумма")
        #expect(identifier.span.range == 12..<22)
    }
}

@Suite("Source lines")
struct SourceLinesTests {
    @Test(
        "byte offset to line and column (columns count Unicode scalars)",
        arguments: [
            ("abc", 0, 1, 1), ("abc", 3, 1, 4), ("a\nb", 2, 2, 1), ("a\r\nb", 3, 2, 1), ("a\rb", 2, 2, 1),
            ("Счёт x", 9, 1, 6), ("é\u{301}x", 4, 1, 3), ("a\n", 2, 2, 1), ("", 0, 1, 1),
        ] as [(String, Int, Int, Int)]
    )
    func location(text: String, offset: Int, line: Int, column: Int) {
        let lines = SourceLines(text)
        #expect(lines.location(ofByte: offset) == SourcePosition(line: line, column: column))
    }

    @Test("line text excludes the terminator")
    func lineText() {
        let lines = SourceLines("one\r\ntwo\nthree\rfour")
        #expect(lines.lineCount == 4)
        #expect((1...4).map { String(lines.text(ofLine: $0)) } == ["one", "two", "three", "four"])
    }
}
