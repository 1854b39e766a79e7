import DocEngine
import Foundation
import Testing

@Suite struct PaginationTests {
    let engine = LayoutEngine(fonts: bundledFonts)

    func cell(_ string: String) -> TableCell { TableCell([paragraph(string, size: 9)]) }

    func table(rows: Int) -> Table {
        Table(
            columns: [.fixed(30), .fraction(1), .auto],
            headerRows: [TableRow([cell("№"), cell("Наименование"), cell("Сумма")], background: Color(hex: "#DDDDDD"))],
            rows: (1...rows).map { i in TableRow([cell("R\(i)"), cell("Услуга перевозки \(i)"), cell("1 000,00")]) })
    }

    /// The words on a page (runs hold whole styled stretches of a line, spaces included).
    func texts(on page: Page) -> [String] {
        page.items.compactMap { if case .glyphs(let run) = $0 { run.text } else { nil } }
            .flatMap { $0.split(separator: " ").map(String.init) }
    }

    @Test func headerRepeatsAndEveryRowAppearsExactlyOnce() throws {
        let rows = 400
        let document = Document(body: [.table(table(rows: rows))])
        let laid = try engine.layout(document)
        #expect(laid.pages.count > 3)
        var seen: [String: Int] = [:]
        for page in laid.pages {
            let texts = texts(on: page)
            #expect(texts.contains("Наименование"), "a page without the table header")
            for text in texts { seen[text, default: 0] += 1 }
        }
        for i in 1...rows {
            #expect(seen["R\(i)"] == 1, "row \(i) appears \(seen["R\(i)"] ?? 0) times")
        }
        #expect(seen["Наименование"] == laid.pages.count)
    }

    @Test func keptGroupStaysTogetherWithTheLastRow() throws {
        // Fill a page so the totals would split, then check they moved together.
        for rows in [44, 45, 46, 47, 48, 49, 50] {
            let totals = Block.keepTogether(
                [paragraph("Итого: 1 000,00"), paragraph("Всего к оплате: 1 000,00"),
                 paragraph("Одна тысяча сомов 00 тыйынов"), .spacing(30), paragraph("Руководитель ________")],
                keepWithPrevious: true)
            var lastRowTable = table(rows: rows)
            lastRowTable.rows[rows - 1].keepWithNext = true
            let laid = try engine.layout(Document(body: [.table(lastRowTable), totals]))
            let pageWithTotals = laid.pages.firstIndex { texts(on: $0).contains("Итого:") }!
            let pageTexts = texts(on: laid.pages[pageWithTotals])
            #expect(pageTexts.contains("Руководитель"))
            #expect(pageTexts.contains("R\(rows)"), "totals orphaned from the last row with \(rows) rows")
            #expect(laid.pages.filter { texts(on: $0).contains("Итого:") }.count == 1)
        }
    }

    @Test func headerAndFooterAreOnEveryPageWithPageNumbers() throws {
        let footer = Block.paragraph(Paragraph(
            [text("Страница "), .pageNumber(TextStyle()), text(" из "), .pageCount(TextStyle())], alignment: .right))
        let laid = try engine.layout(Document(header: [paragraph("ОсОО «Ала-Тоо Логистик»")], footer: [footer],
                                              body: [.table(table(rows: 150))]))
        for (index, page) in laid.pages.enumerated() {
            let joined = texts(on: page).joined(separator: " ")
            #expect(joined.contains("Логистик»"))
            #expect(joined.contains("Страница \(index + 1) из \(laid.pages.count)"))
        }
    }

    @Test func rowSpansAndColumnSpansShareTheGrid() throws {
        let table = Table(
            columns: [.fixed(100), .fixed(100), .fixed(100)],
            rows: [
                TableRow([TableCell([paragraph("A")], rowSpan: 2), TableCell([paragraph("B")], columnSpan: 2)]),
                TableRow([cell("C"), cell("D")]),
            ])
        let laid = try engine.layout(Document(body: [.table(table)]))
        let runs = laid.pages[0].items.compactMap { if case .glyphs(let run) = $0 { run } else { nil } }
        let x = { (t: String) in runs.first { $0.text == t }!.origin.x }  // one-letter cells: one run each
        #expect(x("C") > x("A") + 90)
        #expect(x("D") > x("C") + 90)
    }

    @Test func tooManyCellsIsAnError() {
        let table = Table(columns: [.fixed(100)], rows: [TableRow([cell("a"), cell("b")])])
        #expect(throws: LayoutError.self) { try engine.layout(Document(body: [.table(table)])) }
    }

    @Test func tenThousandRowsLayOutCorrectly() throws {
        let laid = try engine.layout(Document(body: [.table(table(rows: 10_000))]))
        let count = laid.pages.reduce(0) { $0 + texts(on: $1).filter { $0 == "Услуга" }.count }
        #expect(count == 10_000)
    }
}
