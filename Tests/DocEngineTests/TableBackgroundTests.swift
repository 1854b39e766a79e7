import DocEngine
import Foundation
import Testing

/// A row's background covers the table's columns, not the whole width the table was offered.
@Suite struct TableBackgroundTests {
    @Test func aNarrowTablesRowBackgroundEndsAtItsLastColumn() throws {
        let grey = Color(hex: "#DDDDDD")!
        let table = Table(
            columns: [.fixed(120), .fixed(80)],
            headerRows: [TableRow([TableCell([paragraph("Валюта", size: 9)]), TableCell([paragraph("Сумма", size: 9)])], background: grey)],
            rows: [TableRow([TableCell([paragraph("KGS", size: 9)]), TableCell([paragraph("1 000,00", size: 9)])])])
        let page = try #require(try LayoutEngine(fonts: bundledFonts).layout(Document(body: [.table(table)])).pages.first)
        var fills: [Rect] = []
        func visit(_ items: [FrameItem]) {
            for item in items {
                switch item {
                case .fill(let rect, let color) where color == grey: fills.append(rect)
                case .group(let inner, _): visit(inner)
                default: break
                }
            }
        }
        visit(page.items)
        #expect(fills.count == 1)
        #expect(fills.first.map { abs($0.size.width - 200) < 0.01 } == true, "\(fills)")
    }
}
