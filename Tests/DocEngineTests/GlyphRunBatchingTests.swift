@testable import DocEngine
import Foundation
import Testing

/// The PDF renderer draws consecutive glyph runs in one face, size and colour with one cairo
/// call. That must be invisible in the file: the same bytes as a call per run, so the same
/// glyphs, positions, text layer and drawing order.
@Suite struct GlyphRunBatchingTests {
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
                .table(Table(
                    columns: [.fixed(24), .fraction(1), .fixed(60), .fixed(30), .fixed(40)],
                    headerRows: [TableRow([cell("№", bold: true), cell("Наименование", bold: true), cell("Цена", bold: true), cell("Ед.", bold: true), cell("Прим.", bold: true)])],
                    rows: rows)),
                paragraph("Итого: один миллион двести тридцать четыре тысячи сомов 50 тыйын. Сумма прописью на двух строках, чтобы абзац перенёсся."),
            ])
    }

    @Test func drawingRunsTogetherWritesTheSameBytes() throws {
        let laidOut = try engine.layout(mixedTable())
        #expect(laidOut.pages.count > 1)
        var runByRun = PDFRenderer()
        runByRun.drawsRunsTogether = false
        let together = try PDFRenderer().render(laidOut)
        let separately = try runByRun.render(laidOut)
        #expect(together == separately)
    }

    @Test func theTextLayerReadsAsSet() throws {
        let pdf = try PDFRenderer().render(try engine.layout(mixedTable()))
        let extracted = try run("pdftotext", ["-enc", "UTF-8", "-raw", try temporaryFile(pdf, suffix: ".pdf"), "-"])
        #expect(extracted.contains("Перевозка груза Бишкек — Алматы, офис fi ffl"))
        #expect(extracted.contains("Жүк ташуу: Ош — Кашгар, ң ө ү"))
        #expect(extracted.contains("e\u{0301}té"))
        #expect(extracted.contains("60"))
    }
}
