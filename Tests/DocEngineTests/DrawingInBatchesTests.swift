@testable import DocEngine
import Foundation
import Testing

/// The PDF renderer draws in batches: consecutive glyph runs in one face, size and colour with
/// one cairo call, and table borders stroked together after the text between them. That must
/// not show: every page rasterises to the same pixels as drawing item by item, and the text
/// layer reads the same.
@Suite struct DrawingInBatchesTests {
    let engine = LayoutEngine(fonts: bundledFonts)

    /// Rows whose neighbouring runs share a face, size and colour, and rows where they differ in
    /// each of the three; text with ligatures, Kyrgyz letters and a combining mark, so clusters
    /// of several bytes or glyphs sit at the seams between runs.
    func mixedTable() -> Document {
        let red = Color(red: 0.8, green: 0.1, blue: 0.1)
        func cell(_ string: String, size: Double = 9, bold: Bool = false, color: Color = .black) -> TableCell {
            TableCell([.paragraph(Paragraph([.text(string, TextStyle(size: size, isBold: bold, color: color), origin: nil)]))])
        }
        let rows = (1...60).map { index in
            TableRow([
                cell("\(index)"),
                cell(index % 3 == 0 ? "Перевозка груза Бишкек — Алматы, офис fi ffl" : "Жүк ташуу: Ош — Кашгар, ң ө ү"),
                cell("1\u{00A0}234,5\(index % 10)", bold: index % 4 == 0),
                cell("кг", size: index % 5 == 0 ? 8 : 9),
                cell("e\u{0301}té", color: index % 2 == 0 ? red : .black),
            ], background: index % 7 == 0 ? Color(red: 0.95, green: 0.95, blue: 0.9) : nil)
        }
        return Document(
            metadata: DocumentMetadata(title: "Счёт № 12", creationDate: "2026-12-07T10:00:00+06:00"),
            footer: [.paragraph(Paragraph([text("Страница "), .pageNumber(TextStyle()), text(" из "), .pageCount(TextStyle())], alignment: .right))],
            body: [
                paragraph("Счёт на оплату № 12 от 7 декабря 2026 г."),
                // A box laid over a rule, as a stamp over a signature line: the rule must stay under it.
                .rule(Rule(thickness: 3, color: red, spaceBefore: 6, spaceAfter: 6)),
                .overlay(Overlay(offset: Point(x: 40, y: -14), width: 90, blocks: [
                    .table(Table(
                        columns: [.fraction(1)],
                        rows: [TableRow([TableCell([paragraph("М.П.")], background: Color(red: 0.7, green: 0.8, blue: 0.95))])],
                        border: nil))
                ])),
                .table(Table(
                    columns: [.fixed(24), .fraction(1), .fixed(60), .fixed(30), .fixed(40)],
                    headerRows: [TableRow([cell("№", bold: true), cell("Наименование", bold: true), cell("Цена", bold: true), cell("Ед.", bold: true), cell("Прим.", bold: true)])],
                    rows: rows)),
                paragraph("Итого: один миллион двести тридцать четыре тысячи сомов 50 тыйын. Сумма прописью на двух строках, чтобы абзац перенёсся."),
            ])
    }

    /// Both renderings of `document`: in batches and item by item.
    func bothWays(_ document: Document) throws -> (batched: String, itemByItem: String) {
        let laidOut = try engine.layout(document)
        var itemByItem = PDFRenderer()
        itemByItem.drawsInBatches = false
        return (
            try temporaryFile(try PDFRenderer().render(laidOut), suffix: ".pdf"),
            try temporaryFile(try itemByItem.render(laidOut), suffix: ".pdf")
        )
    }

    @Test func everyPageLooksTheSame() throws {
        let (batched, itemByItem) = try bothWays(mixedTable())
        #expect(try pages(of: batched).count > 1)
        #expect(try pages(of: batched) == pages(of: itemByItem))
    }

    @Test func theTextLayerReadsTheSame() throws {
        let (batched, itemByItem) = try bothWays(mixedTable())
        let text = try run("pdftotext", ["-enc", "UTF-8", "-raw", batched, "-"])
        #expect(text == (try run("pdftotext", ["-enc", "UTF-8", "-raw", itemByItem, "-"])))
        #expect(text.contains("Перевозка груза Бишкек — Алматы, офис fi ffl"))
        #expect(text.contains("Жүк ташуу: Ош — Кашгар, ң ө ү"))
        #expect(text.contains("e\u{0301}té"))
    }

    @Test func batchingMakesTheFileSmaller() throws {
        let (batched, itemByItem) = try bothWays(mixedTable())
        let size = { (path: String) in try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }
        #expect(try size(batched) < size(itemByItem))
    }

    /// Each page of the PDF at `path` as 100-dpi PPM bytes (poppler).
    func pages(of path: String) throws -> [Data] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batches-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try run("pdftoppm", ["-r", "100", path, folder.appendingPathComponent("page").path])
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }
}
