@testable import DocEngine
import Foundation
import Testing

/// A long table's cells are laid out on two threads (`TableLayout.cellsForTwoThreads`). The
/// result must be what one thread lays out, every time, and a failing table must report the
/// failure laying the cells out in order would.
@Suite struct TableOnTwoThreadsTests {
    let blocks = BlockLayout(fonts: bundledFonts, language: TextLanguage(.undetermined), pageBodyHeight: 700)

    /// `rows` rows of four cells: names that wrap differently, numbers, a bold column.
    func table(rows: Int, badCells: [(row: Int, text: String)] = []) -> Table {
        let names = ["Перевозка груза Бишкек — Алматы", "Жүк ташуу: Ош — Кашгар, рейс", "Freight forwarding, Urumqi to Tashkent with customs clearance", "Аренда"]
        let body = (0..<rows).map { index in
            let name = badCells.first { $0.row == index }?.text ?? names[index % names.count] + " № \(1000 + index)"
            return TableRow([
                TableCell([paragraph("\(index + 1)")]),
                TableCell([paragraph(name)]),
                TableCell([.paragraph(Paragraph([text("\(index * 37 % 1000),50", bold: index % 3 == 0)], alignment: .right))]),
                TableCell([paragraph(index % 2 == 0 ? "рейс" : "кг")]),
            ])
        }
        return Table(
            columns: [.fixed(24), .fraction(1), .fixed(60), .fixed(30)],
            headerRows: [TableRow([TableCell([paragraph("№")]), TableCell([paragraph("Наименование")]), TableCell([paragraph("Сумма")]), TableCell([paragraph("Ед.")])])],
            rows: body)
    }

    /// The slabs as text (the layout dump of one page per slab) with their heights.
    func picture(_ slabs: [Slab]) -> String {
        let pages = slabs.map { Page(size: Size(width: 500, height: $0.height), items: $0.items) }
        return LaidOutDocument(metadata: DocumentMetadata(), pages: pages).layoutDump()
    }

    @Test func twoThreadsLayOutWhatOneDoes() throws {
        let long = table(rows: 150)
        #expect((long.rows.count + 1) * 4 >= TableLayout.longTable)
        let oneThread = picture(try TableLayout(blocks: blocks, cellsForTwoThreads: .max).slabs(for: long, width: 500))
        for _ in 0..<5 {
            #expect(picture(try TableLayout(blocks: blocks).slabs(for: long, width: 500)) == oneThread)
        }
    }

    @Test func theFirstFailingCellIsReported() throws {
        // One undrawable cell in each half: laying out in order meets the first-half one first.
        let failing = table(rows: 150, badCells: [(row: 20, text: "груз 🚚"), (row: 130, text: "груз 🛻")])
        func failure(_ layout: TableLayout) -> String {
            do {
                _ = try layout.slabs(for: failing, width: 500)
                return "no failure"
            } catch {
                return "\(error)"
            }
        }
        let inOrder = failure(TableLayout(blocks: blocks, cellsForTwoThreads: .max))
        #expect(inOrder.contains("🚚"))
        #expect(failure(TableLayout(blocks: blocks)) == inOrder)
    }
}
