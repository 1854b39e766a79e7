import DocEngine
import DocTestSupport
import Foundation
import Testing

/// Layout goldens: the frame tree as text (`LaidOutDocument.layoutDump()`), positions to 0.01 pt,
/// compared with reviewed snapshots in `Snapshots/`. `RECORD_SNAPSHOTS=1` rewrites them.
@Suite struct LayoutSnapshotTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    func cell(_ string: String, bold: Bool = false) -> TableCell {
        TableCell([.paragraph(Paragraph([text(string, size: 9, bold: bold)]))])
    }

    /// A table running over three small pages: its header repeats at the top of each, rows are
    /// never split, the totals row stays with the last item.
    @Test func tableBreakingAcrossPages() throws {
        let header = TableRow(
            [cell("№", bold: true), cell("Наименование", bold: true), cell("Сумма, сом", bold: true)],
            background: Color(hex: "#E8EEF4"))
        var rows = (1...12).map { i in
            TableRow([cell("\(i)"), cell("Перевозка груза Бишкек — Алматы, рейс \(i)"), cell("\(i * 1_250),00")])
        }
        rows[rows.count - 1].keepWithNext = true
        let table = Table(columns: [.fixed(24), .fraction(1), .auto], headerRows: [header], rows: rows)
        let document = Document(
            page: PageSetup(size: Size(width: 320, height: 200), margins: EdgeInsets(all: 20)),
            footer: [.paragraph(Paragraph([text("Страница "), .pageNumber(TextStyle()), text(" из "), .pageCount(TextStyle())],
                                          alignment: .right))],
            body: [
                .paragraph(Paragraph([text("Счёт на оплату № 42", size: 12, bold: true)], spaceAfter: 6)),
                .table(table),
                .paragraph(Paragraph([text("Итого: 97 500,00 сом", bold: true)], alignment: .right, spaceBefore: 4)),
            ],
            language: LanguageTag("ru")!)
        let laidOut = try LayoutEngine(fonts: bundledFonts).layout(document)
        #expect(laidOut.pages.count == 3)
        try assertSnapshot(laidOut.layoutDump(), named: "table-across-pages", in: Self.snapshots)
    }

    /// The dump's own rules: rounding to 0.01 pt, no negative zero, colours with alpha, groups indented.
    @Test func dumpFormat() throws {
        let page = Page(size: Size(width: 100.004, height: 50), items: [
            .fill(Rect(x: -0.001, y: 1.005, width: 2.2349, height: 3), Color(red: 1, green: 0.5, blue: 0, alpha: 0.25)),
            .group([.line(from: Point(x: 0, y: 0), to: Point(x: 10, y: 0), width: 0.5, color: .black)], opacity: 0.85),
        ])
        let dump = LaidOutDocument(
            metadata: DocumentMetadata(), pages: [page], bookmarks: [Bookmark(title: "Раздел", level: 1, pageIndex: 0, y: 12)]
        ).layoutDump()
        #expect(dump == """
            page 1 of 1: 100.00 × 50.00
              fill (0.00, 1.00) 2.23 × 3.00 #FF8000/0.25
              group opacity 0.85
                line (0.00, 0.00) → (10.00, 0.00) width 0.50 #000000
            bookmark level 1 page 1 at 12.00: "Раздел"

            """)
    }
}
