import DocEngine
import Foundation
import Sheets
import Templates
import Testing

/// The table export (`{% sheet %}`): typed cells from the same variables the PDF prints, skipped
/// by a PDF render, and errors at the template position.
@Suite struct SheetExportTests {
    func workbook(_ template: String, _ data: String = "{}", language: Language? = nil) throws -> Workbook {
        let compiled = try CompiledTemplate(text: template, fileName: "test.doc")
        return try compiled.renderWorkbook(data: try JSONParser.parse(data), language: language)
    }

    func failure(_ template: String, _ data: String = "{}") -> String? {
        do {
            _ = try workbook(template, data)
            return nil
        } catch let error as TemplateError {
            return error.summary
        } catch {
            return "\(error)"
        }
    }

    static let register = """
        {% meta title="Реестр" author=issuer created="2026-12-31" %}
        {% let rows = orders | sort("date") %}
        {% p %}{{ rows | count }}{% endp %}
        {% sheet "Реестр" %}
          {% sheetcolumn "№" type="integer" %}
          {% sheetcolumn "Дата" type="datetime" %}
          {% sheetcolumn "Груз" %}
          {% sheetcolumn "Км" type="number" digits=1 %}
          {% sheetcolumn "Сумма" type="money" key="amount" %}
          {% sheetcolumn "День" type="date" %}
          {% for order in rows %}
            {% sheetrow %}
              {% sheetcell loop.index %}
              {% sheetcell order.date %}
              {% sheetcell order.cargo %}
              {% sheetcell order.km | default(null) %}
              {% sheetcell order.amount currency=order.currency %}
              {% sheetcell order.date %}
            {% endsheetrow %}
          {% endfor %}
          {% sheetrow total %}
            {% sheetcell rows | count %}
            {% sheetcell rows | sum("amount") column="amount" currency="KGS" %}
          {% endsheetrow %}
        {% endsheet %}
        """

    static let orders = """
        {"issuer": "ОсОО «Ала-Тоо»", "orders": [
          {"date": "2026-11-03T10:00:00+05:00", "cargo": "=2+3 паллеты", "amount": "1234.565", "currency": "KGS", "km": "12.34"},
          {"date": "2026-11-03T10:30:00+06:00", "cargo": "Мука", "amount": 20, "currency": "USD"}
        ]}
        """

    @Test func cellsAreTypedByTheirColumns() throws {
        let book = try workbook(Self.register, Self.orders)
        let sheet = try #require(book.sheets.first)
        #expect(book.sheets.count == 1 && sheet.name == "Реестр")
        #expect(sheet.columns.map(\.title) == ["№", "Дата", "Груз", "Км", "Сумма", "День"])
        // 10:30+06:00 is 04:30 UTC, before 10:00+05:00 (05:00 UTC): sorted by the moment.
        let first = sheet.rows[0].cells
        #expect(first[0] == SheetCell(.number(1), numberFormat: "0", displayText: "1"))
        #expect(first[1].value == .dateTime(SheetDateTime(year: 2026, month: 11, day: 3, hour: 10, minute: 30)))
        #expect(first[1].numberFormat == "dd.mm.yyyy hh:mm")
        #expect(first[2].value == .text("Мука"))
        #expect(first[3] == .empty, "null is a blank cell")
        #expect(first[4].value == .number(20) && first[4].numberFormat == #"#,##0.00 "долл. США""#)
        #expect(first[5].value == .dateTime(SheetDateTime(year: 2026, month: 11, day: 3)) && first[5].numberFormat == "dd.mm.yyyy")
        let second = sheet.rows[1].cells
        #expect(second[2].value == .text("=2+3 паллеты"), "formula-like text stays text")
        #expect(second[3].value == .number(12.3) && second[3].numberFormat == "#,##0.0" && second[3].displayText == "12,3")
        #expect(second[4].value == .number(1234.57), "money is rounded half-up to the minor unit")
        #expect(second[4].displayText == "1\u{00A0}234,57 сом")
        let total = sheet.rows[2]
        #expect(total.role == .total)
        #expect(total.cells.count == 5 && total.cells[1] == .empty && total.cells[4].value == .number(1254.57))
        #expect(book.properties == WorkbookProperties(
            title: "Реестр", author: "ОсОО «Ала-Тоо»", created: SheetDateTime(year: 2026, month: 12, day: 31)))
    }

    @Test func aPDFRenderSkipsTheExportAndEvaluatesNothingInIt() throws {
        let compiled = try CompiledTemplate(
            text: "{% p %}x{% endp %}{% sheet \"S\" %}{% sheetcolumn \"A\" %}{% sheetrow %}{% sheetcell missing.field %}{% endsheetrow %}{% endsheet %}",
            fileName: "t.doc")
        #expect(compiled.exportsSheets)
        let document = try compiled.render(data: try JSONParser.parse("{}"))
        #expect(document.body.count == 1, "only the paragraph")
        #expect(try CompiledTemplate(text: "{% p %}x{% endp %}", fileName: "t.doc").exportsSheets == false)
        #expect(try CompiledTemplate(text: "{% if a %}{% sheet \"S\" %}{% sheetcolumn \"A\" %}{% endsheet %}{% endif %}",
                                     fileName: "t.doc").exportsSheets)
    }

    @Test func anEnglishDocumentLabelsMoneyWithTheCode() throws {
        let book = try workbook(Self.register, Self.orders, language: .en)
        #expect(book.sheets[0].rows[1].cells[4].numberFormat == #"#,##0.00 "KGS""#)
        #expect(book.sheets[0].rows[1].cells[4].displayText == "1,234.57 KGS")
    }

    @Test func mistakesAreErrorsAtTheTemplatePosition() {
        let head = "{% sheet \"S\" %}{% sheetcolumn \"A\" type=\"integer\" %}"
        #expect(failure(head + "{% sheetrow %}{% sheetcell 1.5 %}{% endsheetrow %}{% endsheet %}")?
            .contains("expected a whole number, found 1.5") == true)
        #expect(failure(head + "{% sheetrow %}{% sheetcell 1 %}{% sheetcell 2 %}{% endsheetrow %}{% endsheet %}")?
            .contains("this row has more cells than the sheet has columns (1)") == true)
        #expect(failure(head + "{% sheetrow %}{% sheetcell x.y %}{% endsheetrow %}{% endsheet %}", #"{"x": {}}"#)?
            .contains("x.y: missing") == true, "an absent field is an error, not a silent blank")
        #expect(failure(head + "{% sheetrow %}{% sheetcell 1 column=\"total\" %}{% endsheetrow %}{% endsheet %}")?
            .contains("no sheetcolumn has key \"total\"") == true)
        #expect(failure(head + "{% sheetrow %}{% sheetcell 1 %}{% endsheetrow %}{% sheetcolumn \"B\" %}{% endsheet %}")?
            .contains("before the first `sheetrow`") == true)
        #expect(failure("{% sheet \"S\" %}{% sheetcolumn \"A\" type=\"date\" %}{% sheetrow %}{% sheetcell \"31.12.2026\" %}{% endsheetrow %}{% endsheet %}")?
            .contains("expected a date YYYY-MM-DD") == true)
    }

    @Test func placementIsCheckedWhenTheTemplateCompiles() {
        let (_, rowOutside) = CompiledTemplate.check(text: "{% sheetrow %}{% sheetcell 1 %}{% endsheetrow %}", fileName: "t.doc")
        #expect(rowOutside.contains { $0.message.contains("`sheetrow` is only allowed inside `sheet`") })
        let (_, inTable) = CompiledTemplate.check(
            text: "{% table columns=[1fr] %}{% row %}{% cell %}{% sheet \"S\" %}{% sheetcolumn \"A\" %}{% endsheet %}{% endcell %}{% endrow %}{% endtable %}",
            fileName: "t.doc")
        #expect(inTable.contains { $0.message.contains("`sheet` is only allowed at the top level") })
        let (_, badType) = CompiledTemplate.check(text: "{% sheet \"S\" %}{% sheetcolumn \"A\" type=\"currency\" %}{% endsheet %}", fileName: "t.doc")
        #expect(badType.contains { $0.message.contains("`currency` is not a valid `type`") })
    }
}

/// The filters statements sort, group and total with.
@Suite struct StatementFilterTests {
    func text(_ template: String, _ data: String = "{}", language: Language = .ru) throws -> String {
        let document = try CompiledTemplate(text: "{% p %}" + template + "{% endp %}", fileName: "t.doc")
            .render(data: try JSONParser.parse(data), language: language)
        guard case .paragraph(let paragraph) = document.body.first else { return "" }
        return paragraph.content.map { if case .text(let text, _, _) = $0 { text } else { "" } }.joined()
    }

    static let data = """
        {"rows": [
          {"id": "c", "date": "2026-11-03T10:00:00+05:00", "cur": "USD", "paid": true, "n": "10", "list": [{"v": 1}]},
          {"id": "a", "date": "2026-11-03T10:30:00+06:00", "cur": "KGS", "paid": false, "n": "9", "list": [{"v": 2}, {"v": 3}]},
          {"id": "b", "date": "2026-11-02", "cur": "USD", "paid": true, "n": "100"},
          {"id": "d", "date": "2026-11-03T10:30:00+06:00", "cur": "KGS", "paid": true, "n": "9.5"}
        ]}
        """

    @Test func sortOrdersByMomentNumberAndText() throws {
        #expect(try text(#"{{ rows | sort("date") | distinct("id") | join(",") }}"#, Self.data) == "b,a,d,c",
                "a date is its midnight in UTC; 10:30+06:00 is before 10:00+05:00; equal moments keep their order")
        #expect(try text(#"{{ rows | sort("n") | distinct("id") | join(",") }}"#, Self.data) == "a,d,c,b", "numbers numerically, not as text")
        #expect(try text(#"{{ rows | sort("id", "desc") | distinct("id") | join(",") }}"#, Self.data) == "d,c,b,a")
        #expect(try text(#"{{ rows | distinct("cur") | sort | join(",") }}"#, Self.data) == "KGS,USD")
    }

    @Test func whereDistinctAndFlattenGroupRecords() throws {
        #expect(try text(#"{{ rows | where("cur", "USD") | sum("n") }}"#, Self.data) == "110")
        #expect(try text(#"{{ rows | where("paid", false) | distinct("id") | join(",") }}"#, Self.data) == "a")
        #expect(try text(#"{{ rows | distinct("cur") | join(",") }}"#, Self.data) == "USD,KGS", "first appearance")
        #expect(try text(#"{{ rows | flatten("list") | sum("v") }}"#, Self.data) == "6", "absent lists add nothing")
    }

    @Test func timeAndDurationOfAnOrder() throws {
        #expect(try text(#"{{ "2026-11-03T09:05:00+06:00" | time }}"#) == "09:05")
        #expect(try text(#"{{ "2026-11-03T09:05:00+06:00" | time("zone") }}"#) == "09:05 UTC+06:00")
        #expect(try text(#"{{ "2026-11-03T09:05:00-03:30" | time("offset") }}"#) == "UTC-03:30")
        #expect(try text(#"{{ "2026-11-03T09:05:00Z" | time("zone") }}"#) == "09:05 UTC")
        #expect(try text("{{ 330 | duration }}") == "5\u{00A0}ч 30\u{00A0}мин")
        #expect(try text("{{ 45 | duration }}", language: .ky) == "45\u{00A0}мүн.")
        #expect(try text("{{ 120 | duration }}", language: .en) == "2\u{00A0}h")
        #expect(try text("{{ 0 | duration }}", language: .en) == "0\u{00A0}min")
    }
}
