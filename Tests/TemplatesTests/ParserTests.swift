import Testing

import Templates

/// Parses and expects no diagnostics at all.
private func parseClean(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> TemplateAST {
    let source = Source(name: "test.doc", text: text)
    let (ast, diagnostics) = Parser.parse(source)
    #expect(
        diagnostics.isEmpty, "\(DiagnosticRenderer(source: source).render(diagnostics))", sourceLocation: sourceLocation
    )
    return ast
}

/// The messages of every diagnostic from parsing and checking.
private func messages(_ text: String) -> [String] {
    TemplateFrontEnd.compile(Source(name: "test.doc", text: text), filters: CompiledTemplate.filters).1.map(\.message)
}

@Suite("Parser")
struct ParserTests {
    @Test(
        "expression precedence",
        arguments: [
            ("a + b | money", "(+ a (| b money))"),
            ("a or b and not c == d", "(or a (and b (not (== c d))))"),
            ("not a and b", "(and (not a) b)"),
            ("-x | round", "(- (| x round))"),
            ("1 + 2 * 3 - 4 / 5", "(- (+ 1 (* 2 3)) (/ 4 5))"),
            ("a - -b", "(- a (- b))"),
            ("order.items[0].price * 1.12", "(* order.items[0].price 1.12)"),
            ("x | round(2) | money(\"KGS\")", "(| (| x round 2) money \"KGS\")"),
            ("(a + b) | money", "(| (+ a b) money)"),
            ("a.b | join(\", \") + c", "(+ (| a.b join \", \") c)"),
            ("items[i + 1]", "items[(+ i 1)]"),
            (
                "[1, 'two', 3mm, 50%, 1fr, 0.5in, true, false, null, auto,]",
                "[1, \"two\", 3mm, 50%, 1fr, 0.5in, true, false, null, auto]"
            ),
            ("a.in.auto", "a.in.auto"),
            ("x == 1 and y != 2 or z >= 3", "(or (and (== x 1) (!= y 2)) (>= z 3))"),
            ("a < b + 1", "(< a (+ b 1))"),
            ("сумма | words", "(| сумма words)"),
        ] as [(String, String)]
    )
    func precedence(expression: String, expected: String) {
        #expect(parseClean("{{ \(expression) }}").dump() == "output \(expected)")
    }

    @Test("number literals keep their exact text")
    func exactNumbers() {
        let ast = parseClean("{{ 0.10 }}{{ 15mm }}")
        guard case .output(.literal(.number(let text), _), _) = ast.nodes[0],
            case .output(.literal(.length(let number, let unit), _), _) = ast.nodes[1]
        else { Issue.record("unexpected tree \(ast.dump())"); return }
        #expect(text == "0.10")
        #expect(number == "15" && unit == .mm)
    }

    @Test(
        "string escapes",
        arguments: [
            (#""a\"b""#, "a\"b"), (#"'it\'s'"#, "it's"), (#""x\ny\tz""#, "x\ny\tz"), (#""\\""#, "\\"),
            (#""\u{2116} \u{41}""#, "№ A"), (#""{{""#, "{{"), ("'\"'", "\""),
        ] as [(String, String)]
    )
    func stringEscapes(literal: String, value: String) {
        guard case .output(.literal(.string(let decoded), _), _) = parseClean("{{ \(literal) }}").nodes.first else {
            Issue.record("not a string literal"); return
        }
        #expect(decoded == value)
    }

    @Test(
        "element attributes, flags and positional values",
        arguments: [
            (
                "{% p align=\"right\" size=9pt bold %}x{% endp %}",
                "element p align=\"right\" size=9pt bold!\n  text \"x\""
            ),
            ("{% space 6pt %}", "element space height@=6pt (void)"),
            ("{% image \"logo\" width=40mm %}", "element image name@=\"logo\" width=40mm (void)"),
            ("{% image logo %}", "element image name@=logo (void)"),
            ("{% image order.logo | default(\"x\") %}", "element image name@=(| order.logo default \"x\") (void)"),
            ("{% heading 2 %}T{% endheading %}", "element heading level@=2\n  text \"T\""),
            ("{% heading level + 1 %}T{% endheading %}", "element heading level@=(+ level 1)\n  text \"T\""),
            (
                "{% table %}{% row header keep %}{% endrow %}{% endtable %}",
                "element table\n  element row header! keep!"
            ),
            ("{% cell colspan=n - 1 bold %}{% endcell %}", "element cell colspan=(- n 1) bold!"),
            ("{% p color=c | upper italic %}{% endp %}", "element p color=(| c upper) italic!"),
            ("{% br %}", "element br (void)"),
        ] as [(String, String)]
    )
    func attributes(template: String, expected: String) {
        #expect(parseClean(template).dump() == expected)
    }

    @Test("statements nest")
    func nesting() {
        let template = """
            {% let total = 0 %}{% for item in order.items %}{% set total = total + item.sum %}\
            {% if loop.first %}A{% elif item.qty > 1 %}B{% else %}C{% endif %}{% endfor %}\
            {% include "parts/footer" who=order.client n=2 %}
            """
        let expected = """
            let total = 0
            for item in order.items
              set total = (+ total item.sum)
              if loop.first
                text "A"
              elif (> item.qty 1)
                text "B"
              else
                text "C"
            include "parts/footer" who=order.client n=2
            """
        #expect(parseClean(template).dump() == expected)
    }

    @Test("comments vanish and text keeps its whitespace")
    func commentsAndText() {
        #expect(parseClean("a {# note\n over lines #}\n b").dump() == "text \"a \"\ntext \"\\n b\"")
    }

    @Test(
        "whitespace control trims spaces, tabs and line breaks on the marked side only",
        arguments: [
            ("a \n\t {%- if x -%}\n b {% endif %}", "text \"a\"\nif x\n  text \"b \""),
            ("a \n{% if x %}\n b\n {%- endif %} c", "text \"a \\n\"\nif x\n  text \"\\n b\"\ntext \" c\""),
            ("{{ a -}}\r\n  , {{- b }}", "output a\ntext \",\"\noutput b"),
            ("x {#- note -#}\n y", "text \"x\"\ntext \"y\""),
            ("x {#-#} y", "text \"x\"\ntext \"y\""),
            ("{% p -%}\n   \n{%- endp %}", "element p"),
        ] as [(String, String)]
    )
    func whitespaceControl(template: String, expected: String) {
        #expect(parseClean(template).dump() == expected)
    }

    @Test("a no-break space is never trimmed")
    func noBreakSpaceIsKept() {
        let nodes = parseClean(" \u{00A0} {%- p %}{% endp -%} \u{00A0} ").nodes
        let texts = nodes.compactMap { node -> String? in if case .text(let text, _) = node { text } else { nil } }
        #expect(texts == [" \u{00A0}", "\u{00A0} "])
    }

    @Test("trimmed text keeps its own span, so what is reported about it points at what is kept")
    func trimmedTextSpan() throws {
        let text = "{% table columns=[1fr] -%}\n   stray\n{%- endtable %}"
        let source = Source(name: "t.doc", text: text)
        guard case .element(let table) = parseClean(text).nodes[0],
            case .text(let kept, let span) = table.children?.first
        else { Issue.record("unexpected tree"); return }
        #expect(kept == "stray")
        #expect(source.text(in: span) == "stray")
        #expect(source.location(of: span).start == SourcePosition(line: 2, column: 4))
        let (_, diagnostics) = TemplateFrontEnd.compile(source, filters: CompiledTemplate.filters)
        let rendered = DiagnosticRenderer(source: source).render(diagnostics)
        #expect(rendered.contains("2 |    stray\n  |    ^^^^^"), "\(rendered)")
    }

    static let trimAfterHint =
        "to trim the whitespace after the tag, write `-%}` or `-}}` with no space before the bracket"

    @Test(
        "a misplaced whitespace-control dash is explained",
        arguments: [
            ("{{ x - }}", ParserTests.trimAfterHint),
            ("{% space 2pt - %}", ParserTests.trimAfterHint),
            ("{% - space 2pt %}", "to trim the whitespace before the tag, write `{%-` with no space after it"),
            (
                "{{-x }}",
                "write `{{ -x` for a negative value, or `{{- x` (with a space) to trim the whitespace before the tag"
            ),
        ] as [(String, String)]
    )
    func misplacedDash(template: String, hint: String) {
        let source = Source(name: "t.doc", text: template)
        let (_, diagnostics) = TemplateFrontEnd.compile(source, filters: CompiledTemplate.filters)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hints == [hint])
    }

    @Test("spans cover what they describe")
    func spans() {
        let text = "Итого: {{ order.total | money }}"
        let source = Source(name: "s.doc", text: text)
        let ast = parseClean(text)
        guard case .output(let expression, let tagSpan) = ast.nodes[1],
            case .filter(let base, _, _, let nameSpan, let span) = expression
        else { Issue.record("unexpected tree"); return }
        #expect(source.text(in: tagSpan) == "{{ order.total | money }}")
        #expect(source.text(in: span) == "order.total | money")
        #expect(source.text(in: base.span) == "order.total")
        #expect(source.text(in: nameSpan) == "money")
        #expect(source.location(of: nameSpan).start == SourcePosition(line: 1, column: 25))
    }

    @Test("block spans run from the opening tag to the end tag")
    func blockSpans() {
        let text = "{% for x in xs %}{{ x }}{% endfor %} tail"
        let source = Source(name: "s.doc", text: text)
        guard case .forLoop(let loop) = parseClean(text).nodes[0] else { Issue.record("no loop"); return }
        #expect(source.text(in: loop.span) == "{% for x in xs %}{{ x }}{% endfor %}")
        #expect(source.text(in: loop.tagSpan) == "{% for x in xs %}")
        #expect(source.text(in: loop.variable.span) == "x")
    }

    @Test("a valid template compiles to a tree with no diagnostics")
    func compileClean() {
        let (ast, diagnostics) = TemplateFrontEnd.compile(
            Source(name: "ok.doc", text: "{% p %}{{ a | money }}{% endp %}"), filters: CompiledTemplate.filters
        )
        #expect(ast != nil)
        #expect(diagnostics.isEmpty)
    }

    @Test("any error withholds the tree; warnings do not")
    func compileWithErrors() {
        let broken = TemplateFrontEnd.compile(Source(name: "e.doc", text: "{{ a | mony }}"), filters: CompiledTemplate.filters)
        #expect(broken.0 == nil)
        #expect(broken.1.map(\.message) == ["unknown filter `mony`"])
        let warned = TemplateFrontEnd.compile(Source(name: "w.doc", text: "{% space 50%}"), filters: CompiledTemplate.filters)
        #expect(warned.0 != nil)
        #expect(warned.1.map(\.severity) == [.warning])
    }

    @Test(
        "recovery: one message per broken tag, structure kept",
        arguments: [
            ("{% for x items %}{{ x }}{% endfor %}", ["expected `in` after the loop variable, found `items`"]),
            ("{% if %}a{% endif %}", ["expected a condition after `if`, found `%}`"]),
            ("{% p size= %}a{% endp %}", ["expected a value for `size`, found `%}`"]),
            (
                "{{ a + }} {{ b | }}",
                ["expected an expression, found `}}`", "expected a filter name after `|`, found `}}`"]
            ),
            ("{{ a b }}", ["expected `}}` after the expression, found `b`"]),
            ("{{ x {% if y %}{% endif %}", ["`{{` is never closed"]),
            ("{{ a < b < c }}", ["comparison operators cannot be chained"]),
            ("{{ f(x) }}", ["function calls are not supported"]),
            ("{{ items.0 }}", ["expected a field name after `.`, found `0`"]),
            ("{{ x | sort[0] }}", ["a filter's result cannot be indexed directly"]),
            ("{{ if }}", ["`if` is a reserved word and cannot be used as a variable name"]),
            ("{{ a %}", ["expected `}}` to close `{{`, found `%}`"]),
            ("{{ 15px }}", ["unknown unit `px` in `15px`"]),
            ("{{ a && b }}", ["unexpected character `&`"]),
            ("{{ «x» }}", ["unexpected character `«`"]),
            ("{{ \"a\\q\" }}", ["unknown escape sequence `\\q`"]),
            ("{{ \"\\u{zz}\" }}", ["invalid Unicode escape"]),
            ("{{ 'abc }}", ["string is never closed"]),
            ("{% image width=1mm \"x\" %}", ["expected an attribute `name=value`, found `\"x\"`"]),
            (
                "{% include parts %}",
                ["expected the partial's name as a string, e.g. `{% include \"parts/footer\" %}`, found `parts`"]
            ),
            ("{% %}", ["expected a statement or element name, found `%}`"]),
            ("{% let = 1 %}", ["expected a name after `let`, found `=`"]),
            ("{% else %}", ["`else` without a matching `{% if %}`"]),
            ("{% endfor %}", ["`endfor` without a matching `{% for %}`"]),
            ("{% br %}{% endbr %}", ["`br` is a void element and has no end tag"]),
            ("{% if a %}{% else %}{% else %}{% endif %}", ["this `if` already has an `else` (line 1)"]),
            ("{% if a %}{% else %}{% elif b %}{% endif %}", ["`elif` cannot follow `else`"]),
            ("{# open", ["comment is never closed"]),
        ] as [(String, [String])]
    )
    func recovery(template: String, expected: [String]) {
        #expect(messages(template) == expected)
    }

    @Test("hostile nesting is reported, not a stack overflow")
    func limits() {
        let parens = "{{ " + String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000) + " }}"
        #expect(messages(parens) == ["expression is nested too deeply (more than 64 levels)"])
        let negations = "{{ " + String(repeating: "not ", count: 5000) + "x }}"
        #expect(messages(negations) == ["expression is nested too deeply (more than 64 levels)"])
        let chain = "{{ x" + String(repeating: " + x", count: 5000) + " }}"
        #expect(messages(chain) == ["expression is too long (more than 500 parts in one tag)"])
        let blocks =
            String(repeating: "{% keep %}", count: 5000) + "x" + String(repeating: "{% endkeep %}", count: 5000)
        #expect(messages(blocks) == ["blocks are nested too deeply (more than 100 levels)"])
        let fine = "{{ " + String(repeating: "(", count: 30) + "x" + String(repeating: ")", count: 30) + " }}"
        #expect(messages(fine).isEmpty)
    }

    @Test("an unknown element is a container only if its end tag exists")
    func unknownElements() {
        let container = Parser.parse(Source(name: "u.doc", text: "{% tabel %}x{% endtabel %}")).0
        #expect(container.dump() == "element tabel\n  text \"x\"")
        let void = Parser.parse(Source(name: "u.doc", text: "{% tabel %}x")).0
        #expect(void.dump() == "element tabel (void)\ntext \"x\"")
    }

    @Test("a mismatched end tag closes the inner blocks once")
    func mismatchRecovery() {
        let text = "{% if a %}\n{% for x in xs %}\n{% endif %}after"
        let (ast, diagnostics) = Parser.parse(Source(name: "m.doc", text: text))
        #expect(diagnostics.map(\.message) == ["found `endif`, but the innermost open block is `for` (line 2)"])
        #expect(diagnostics.first?.hints == ["add `{% endfor %}` before this tag"])
        #expect(ast.dump() == "if a\n  text \"\\n\"\n  for x in xs\n    text \"\\n\"\ntext \"after\"")
    }
}
