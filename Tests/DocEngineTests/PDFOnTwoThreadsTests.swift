@testable import DocEngine
import Foundation
import Testing

/// A document of `PDFRenderer.longDocument` pages or more is drawn on two threads: one works out
/// each page's calls, the other makes them (`PDFRenderer.drawOnTwoThreads`). The PDF must be
/// byte for byte the one a single thread writes, every time, and a cancelled render must stop.
@Suite struct PDFOnTwoThreadsTests {
    let engine = LayoutEngine(fonts: bundledFonts)

    /// Pages that differ from one another (sizes too), with text, a table, rules and a footer.
    func longDocument() -> Document {
        let rows = (1...200).map { index in
            TableRow([
                TableCell([paragraph("\(index)")]),
                TableCell([paragraph(index % 2 == 0 ? "Перевозка груза Бишкек — Алматы" : "Жүк ташуу: Ош — Кашгар, рейс \(index)")]),
                TableCell([.paragraph(Paragraph([text("\(index * 37 % 1000),50", bold: index % 3 == 0)], alignment: .right))]),
            ])
        }
        var body: [Block] = (1...60).map { paragraph("Абзац \($0): Бишкек — Алматы, 245 км, тент 20 т.") }
        body.append(.rule(Rule(thickness: 1.5, color: Color(red: 0.1, green: 0.3, blue: 0.6), spaceBefore: 4, spaceAfter: 4)))
        body.append(.table(Table(
            columns: [.fixed(30), .fraction(1), .fixed(70)],
            headerRows: [TableRow([TableCell([paragraph("№")]), TableCell([paragraph("Наименование")]), TableCell([paragraph("Сумма")])])],
            rows: rows)))
        return Document(
            metadata: DocumentMetadata(title: "Реестр", creationDate: "2026-12-07T10:00:00+06:00"),
            footer: [.paragraph(Paragraph([text("Страница "), .pageNumber(TextStyle()), text(" из "), .pageCount(TextStyle())], alignment: .right))],
            body: body)
    }

    func laidOut() throws -> LaidOutDocument {
        var laidOut = try engine.layout(longDocument())
        // One page in another size, so each page's size must go with its own drawing.
        laidOut.pages[1].size = Size(width: 842, height: 595)
        return laidOut
    }

    @Test func twoThreadsWriteWhatOneDoes() throws {
        let document = try laidOut()
        #expect(document.pages.count >= PDFRenderer.longDocument + 2)
        var oneThread = PDFRenderer()
        oneThread.pagesForTwoThreads = .max
        let expected = try oneThread.render(document)
        for _ in 0..<5 {
            #expect(try PDFRenderer().render(document) == expected)
        }
    }

    @Test func aCancelledRenderStops() throws {
        let document = try laidOut()
        let cancellation = RenderCancellation()
        cancellation.cancel()
        #expect(throws: RenderCancelled()) { try PDFRenderer().render(document, cancellation: cancellation) }
        // Cancelled while it runs: it stops (at a page) or finishes, and never hangs.
        for delay in [0, 200, 1_000, 5_000] {
            let running = RenderCancellation()
            DispatchQueue.global().asyncAfter(deadline: .now() + .microseconds(delay)) { running.cancel() }
            do {
                let pdf = try PDFRenderer().render(document, cancellation: running)
                #expect(pdf.starts(with: Array("%PDF-".utf8)))
            } catch {
                #expect(error is RenderCancelled)
            }
        }
    }
}
