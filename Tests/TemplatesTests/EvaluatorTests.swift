import DocEngine
import Foundation
import Templates
import Synchronization
import Testing

/// Running templates: text, control flow, exact arithmetic, and errors that name the JSON path.
@Suite struct EvaluatorTests {
    func run(_ template: String, _ data: String = "{}", language: Language? = nil) throws -> Document {
        let compiled = try CompiledTemplate(text: template, fileName: "test.doc")
        return try compiled.render(data: try JSONParser.parse(data), language: language)
    }

    /// Every paragraph of `document` in order, tables cell by cell.
    func eachParagraph(_ document: Document, _ body: (Paragraph) -> Void) {
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .paragraph(let paragraph): body(paragraph)
                case .table(let table):
                    for row in table.headerRows + table.rows { for cell in row.cells { visit(cell.blocks) } }
                case .keepTogether(let inner, _): visit(inner)
                case .columns(let columns): for column in columns.columns { visit(column.blocks) }
                default: break
                }
            }
        }
        visit(document.body)
    }

    /// The text of each paragraph, one string per paragraph, typography's no-break spaces read as
    /// spaces (they are checked in TypographyAndKyrgyzTests).
    func paragraphs(_ document: Document) -> [String] {
        var result: [String] = []
        eachParagraph(document) { paragraph in
            result.append(paragraph.content.map { inline -> String in
                switch inline {
                case .text(let text, _, _): text
                case .lineBreak: "\n"
                default: ""
                }
            }.joined().replacingOccurrences(of: "\u{00A0}", with: " "))
        }
        return result
    }

    func failure(_ template: String, _ data: String = "{}") -> String? {
        do {
            _ = try run(template, data)
            return nil
        } catch let error as TemplateError {
            return error.summary
        } catch {
            return "\(error)"
        }
    }

    /// Every text piece with where it came from: "test.doc:2:5" for literals, the JSON path for data.
    func origins(_ document: Document) -> [String] {
        var result: [String] = []
        eachParagraph(document) { paragraph in
            for case .text(let text, _, let origin) in paragraph.content { result.append("\(text)@\(origin ?? "-")") }
        }
        return result
    }

    /// A compiled template remembers its literals and their positions for later renders: later
    /// renders, and renders at the same time, set the same text with the same origins as the first.
    @Test func laterAndConcurrentRendersMatchTheFirst() throws {
        let text = """
            {% for item in items %}Line   {{ item.name }}

              next\tparagraph {{ loop.index }}
            {% table columns=[1fr, 1fr] %}{% row %}{% cell %}in   a cell

            still {{ item.name }}{% endcell %}{% cell %}{{ item.name }}{% endcell %}{% endrow %}{% endtable %}
            {% endfor %}
            """
        let data = try JSONParser.parse(#"{"items": [{"name": "Бишкек"}, {"name": "Ош"}, {"name": "Талас"}]}"#)
        let fresh = { () throws -> [String] in
            let document = try CompiledTemplate(text: text, fileName: "test.doc").render(data: data)
            return self.paragraphs(document) + self.origins(document)
        }
        let expected = try fresh()
        #expect(expected.contains("Line @test.doc:1:24"))
        let shared = try CompiledTemplate(text: text, fileName: "test.doc")
        let render = { @Sendable () throws -> [String] in
            let document = try shared.render(data: data)
            return self.paragraphs(document) + self.origins(document)
        }
        #expect(try render() == expected)
        #expect(try render() == expected)
        let results = Mutex<[[String]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let result = (try? render()) ?? []
            results.withLock { $0.append(result) }
        }
        #expect(results.withLock { $0 }.allSatisfy { $0 == expected })
    }

    @Test func literalWhitespaceCollapsesLikeHTML() throws {
        let doc = try run("""
            {% p %}
              Счет   на
              оплату {{ "№" }} {{ n }}
            {% endp %}
            """, #"{"n": "42"}"#)
        #expect(paragraphs(doc) == ["Счет на оплату № 42"])
    }

    @Test func blankLinesSeparateImplicitParagraphs() throws {
        let doc = try run("Первый абзац\nпродолжается.\n\n  Второй абзац.\n")
        #expect(paragraphs(doc) == ["Первый абзац продолжается.", "Второй абзац."])
    }

    @Test func whitespaceControlJoinsPiecesWrittenOnSeveralLines() throws {
        let doc = try run("""
            {% p %}
              {{- a }}
              {%- if b %}, {{ b }}{% endif %}
              {%- if c %}; {{ c }}{% endif -%}
            {% endp %}
            """, #"{"a": "Бишкек", "b": "ул. Токтогула", "c": "тел."}"#)
        #expect(paragraphs(doc) == ["Бишкек, ул. Токтогула; тел."])
    }

    @Test func whitespaceControlCanSwallowAParagraphBreak() throws {
        let trimmed = try run("Первый абзац\n\n{#- не разрывать -#}\n\nпродолжается.")
        #expect(paragraphs(trimmed) == ["Первый абзацпродолжается."])
        let kept = try run("Первый абзац\n\n{# разрыв остаётся #}\n\nпродолжается.")
        #expect(paragraphs(kept) == ["Первый абзац", "продолжается."])
    }

    @Test func dataTextIsNeverCode() throws {
        let name = "{{ order.id }} {% for x in y %} <b>&amp;</b> «кавычки»  два пробела"
        let doc = try run("{% p %}{{ cargo }}{% endp %}", #"{"cargo": "\#(name)"}"#)
        #expect(paragraphs(doc) == [name])
    }

    @Test func loopsExposeTheIndexAndConditionsBranch() throws {
        let doc = try run("""
            {% for item in items %}{% p %}{{ loop.index }}/{{ loop.length }} {{ item.name }}{% if loop.first %} первый{% elif loop.last %} последний{% else %} средний{% endif %}{% endp %}{% endfor %}
            """, #"{"items": [{"name": "а"}, {"name": "б"}, {"name": "в"}]}"#)
        #expect(paragraphs(doc) == ["1/3 а первый", "2/3 б средний", "3/3 в последний"])
    }

    @Test func sumsAreExactAndRoundHalfUpPerLine() throws {
        // 0.1 + 0.2 is exactly 0.3; 2.345 rounds to 2.35; VAT 12/112 of 100.00 is 10.71.
        let doc = try run("""
            {% let total = 0 %}{% let vat = 0 %}
            {% for x in xs %}{% let line = (x.q * x.p) | round(2) %}{% set total = total + line %}{% set vat = vat + (line * 12 / 112) | round(2) %}{% endfor %}
            {% p %}{{ total }} {{ vat }} {{ 0.1 + 0.2 }} {{ 2.345 | round(2) }} {{ -2.345 | round(2) }}{% endp %}
            """, #"{"xs": [{"q": "1", "p": "100.00"}, {"q": 3, "p": "0.115"}]}"#)
        // 3 × 0.115 = 0.345 → 0.35; VAT of 100.00 → 10.71, of 0.35 → 0.04.
        #expect(paragraphs(doc) == ["100,35 10,75 0,3 2,35 -2,35"])
    }

    @Test func moneyDateAndWordsFollowTheLanguage() throws {
        let template = "{% p %}{{ a | money }}|{{ d | date }}|{{ d | date(\"numeric\") }}|{{ a | words(\"KGS\") }}{% endp %}"
        let data = #"{"a": "1234567.891", "d": "2026-11-22"}"#
        let ru = try run(template, data)
        #expect(paragraphs(ru) == ["1 234 567,89|22 ноября 2026 г.|22.11.2026|Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь сомов 89 тыйынов"])
        let ky = try run(template, data, language: .ky)
        #expect(paragraphs(ky)[0].contains("2026-жылдын 22-ноябры"))
        #expect(paragraphs(ky)[0].hasSuffix("сом 89 тыйын"))
    }

    @Test func aWrongTypeNamesTheJSONPathAndThePosition() {
        let message = failure("{% for i in items %}{{ i.price | money }}{% endfor %}",
                              #"{"items": [{"price": "1"}, {"price": "1"}, {"price": "1"}, {"price": "abc"}]}"#)
        #expect(message == "test.doc:1:24: error: items[3].price: expected a decimal, found \"abc\"")
    }

    @Test func aMissingFieldIsAnErrorUnlessDefaulted() throws {
        #expect(failure("{{ order.cargo.weightKg | number }}", #"{"order": {"cargo": {}}}"#)?
            .contains("order.cargo.weightKg: missing, expected a decimal") == true)
        let doc = try run("{% p %}{{ order.cargo.weightKg | default(\"—\") }}{% if order.cargo.adr %}ADR{% endif %}{% endp %}",
                          #"{"order": {"cargo": {}}}"#)
        #expect(paragraphs(doc) == ["—"])
    }

    @Test func setNeedsAnEarlierLet() {
        #expect(failure("{% set total = 1 %}") != nil)
    }

    /// Frames: an inner `let` hides an outer name until its loop ends, `let` again in one frame
    /// replaces, `set` reaches the nearest frame that has the name, and a partial sees its
    /// parameters but never its caller's variables.
    @Test func variablesLiveInTheirFrames() throws {
        let doc = try run("""
            {% let x = "outer" %}{% let n = 0 %}\
            {% for item in items %}{% let x = item %}{% let x = x + "!" %}{% set n = n + 1 %}{% p %}{{ x }}{% endp %}{% endfor %}\
            {% p %}{{ x }} {{ n }}{% endp %}\
            {% for a in items %}{% for b in items %}{% set n = n + 1 %}{% endfor %}{% endfor %}{% p %}{{ n }}{% endp %}
            """, #"{"items": ["a", "b"]}"#)
        #expect(paragraphs(doc) == ["a!", "b!", "outer 2", "6"])
        #expect(failure("{% for i in items %}{% let inner = 1 %}{% endfor %}{% p %}{{ inner }}{% endp %}", #"{"items": [1]}"#)?
            .contains("inner") == true)
    }

    @Test func runawayLoopsStop() throws {
        let compiled = try CompiledTemplate(text: "{% for a in xs %}{% for b in xs %}.{% endfor %}{% endfor %}", fileName: "t.doc")
        let data = try JSONParser.parse(#"{"xs": [1,2,3,4,5,6,7,8,9,10]}"#)
        #expect(throws: TemplateError.self) { try compiled.render(data: data, iterationLimit: 50) }
    }

    @Test func aCancelledRenderStopsAtItsNextLoopIteration() throws {
        let compiled = try CompiledTemplate(text: "{% for a in xs %}{{ a }}{% endfor %}", fileName: "t.doc")
        let data = try JSONParser.parse(#"{"xs": [1, 2, 3]}"#)
        #expect(throws: Never.self) { try compiled.render(data: data, cancellation: RenderCancellation()) }
        let cancellation = RenderCancellation()
        cancellation.cancel()
        // The same error layout and PDF output stop with, not a template error.
        #expect(throws: RenderCancelled()) { try compiled.render(data: data, cancellation: cancellation) }
    }

    @Test func tablesGetHeaderRowsColumnsAndSpans() throws {
        let doc = try run("""
            {% table columns=[20pt, 1fr, auto, 25%] border=0.5pt %}
              {% row header %}{% cell %}№{% endcell %}{% cell colspan=3 %}Название{% endcell %}{% endrow %}
              {% row %}{% cell rowspan=2 %}1{% endcell %}{% cell %}a{% endcell %}{% cell %}b{% endcell %}{% cell %}c{% endcell %}{% endrow %}
            {% endtable %}
            """)
        guard case .table(let table) = doc.body.first else {
            Issue.record("no table")
            return
        }
        #expect(table.columns == [.fixed(20), .fraction(1), .auto, .relative(0.25)])
        #expect(table.headerRows.count == 1)
        #expect(table.headerRows[0].cells[1].columnSpan == 3)
        #expect(table.rows[0].cells[0].rowSpan == 2)
    }

    @Test func unknownImagesAreErrors() {
        #expect(failure("{% image \"logo\" width=30mm %}")?.contains("no image named \"logo\"") == true)
    }

    @Test func metadataAndPageSetupComeFromTheTemplate() throws {
        let doc = try run("""
            {% page size="A5" orientation="landscape" margin=[10mm, 20mm] %}
            {% meta title="Счет № " + n author="ОсОО «Тест»" created=d %}
            """, #"{"n": "7", "d": "2026-11-22"}"#)
        #expect(doc.metadata.title == "Счет № 7")
        #expect(doc.metadata.creationDate == "2026-11-22T00:00:00")
        #expect(doc.page.size.width > doc.page.size.height)
        #expect(abs(doc.page.margins.left - 20 * Units.pointsPerMillimetre) < 0.001)
    }

    @Test func compileErrorsCarryEveryDiagnostic() {
        do {
            _ = try CompiledTemplate(text: "{{ a | mony }}\n{{ b | wrods }}", fileName: "bad.doc")
            Issue.record("compiled a broken template")
        } catch {
            if case .compile(let diagnostics, _) = error { #expect(diagnostics.count == 2) } else { Issue.record("\(error)") }
            #expect(error.summary == "bad.doc:1:8: error: unknown filter `mony`")
        }
    }
}

@Suite struct MoreFilterTests {
    func text(_ template: String, _ data: String = "{}") throws -> String {
        let document = try CompiledTemplate(text: "{% p %}" + template + "{% endp %}", fileName: "t.doc")
            .render(data: try JSONParser.parse(data))
        guard case .paragraph(let p) = document.body.first else { return "" }
        // Typography's no-break spaces read as spaces here (TypographyAndKyrgyzTests checks them).
        return p.content.map { if case .text(let t, _, _) = $0 { t } else { "" } }.joined()
            .replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    @Test func aFullStopAfterAnAbbreviationIsNotDoubled() throws {
        #expect(try text(#"{{ "на сумму {1} {2}." | format("325 500,00", "руб.") }}"#) == "на сумму 325 500,00 руб.")
        #expect(try text(#"{{ "на сумму {1} {2}." | format("206 350,50", "сом") }}"#) == "на сумму 206 350,50 сом.")
        #expect(try text(#"{{ "{1}, {2}" | format("т.", "кг") }}"#) == "т., кг", "only a full stop right after the placeholder")
    }

    @Test func dueDatesAddCalendarDays() throws {
        #expect(try text(#"{{ d | adddays(10) | date("numeric") }}"#, #"{"d": "2026-11-22"}"#) == "02.12.2026")
        #expect(try text(#"{{ d | adddays(1) }}"#, #"{"d": "2028-02-28"}"#) == "2028-02-29")
    }

    @Test func phonesGroupByCountry() throws {
        #expect(try text(#"{{ p | phone }}"#, #"{"p": "+996555123456"}"#) == "+996 555 12-34-56")
        #expect(try text(#"{{ p | phone }}"#, #"{"p": "87011234567"}"#) == "87011234567")
        #expect(try text(#"{{ p | phone }}"#, #"{"p": "+7 (701) 123 45 67"}"#) == "+7 701 123-45-67")
    }

    @Test func percentAndPlural() throws {
        #expect(try text(#"{{ 12 | percent }} {{ 0.15 | percent(2) }}"#) == "12 % 0,15 %", "no-break spaces read as spaces here; FormattingTests checks them")
        #expect(try text(#"{{ 1 | plural("место", "места", "мест") }} {{ 3 | plural("место", "места", "мест") }} {{ 11 | plural("место", "места", "мест") }} {{ 22 | plural("место", "места", "мест") }}"#)
            == "место места мест места")
    }
}
