import DocEngine
import Foundation
import Testing

/// A cancelled render stops at its next check in layout or PDF output with `RenderCancelled`,
/// the one error every stage stops with (template loops throw it too: see TemplatesTests).
@Suite struct CancellationTests {
    let engine = LayoutEngine(fonts: bundledFonts)
    let document = Document(body: (1...200).map { paragraph("Абзац \($0): Бишкек — Алматы, 245 км.") })

    @Test func layoutStopsWhenCancelled() throws {
        #expect(try engine.layout(document, cancellation: RenderCancellation()).pages.count > 1)
        let cancellation = RenderCancellation()
        cancellation.cancel()
        #expect(throws: RenderCancelled()) { try engine.layout(document, cancellation: cancellation) }
    }

    /// The check is made before every block, table cells included: one huge table stops too.
    @Test func layoutStopsInsideATable() throws {
        let rows = (1...300).map { TableRow([TableCell([paragraph("строка \($0)")])]) }
        let table = Document(body: [.table(Table(columns: [.fraction(1)], rows: rows))])
        let cancellation = RenderCancellation()
        cancellation.cancel()
        #expect(throws: RenderCancelled()) { try engine.layout(table, cancellation: cancellation) }
    }

    @Test func pdfOutputStopsWhenCancelled() throws {
        let laidOut = try engine.layout(document)
        let renderer = PDFRenderer()
        #expect(try renderer.render(laidOut, cancellation: RenderCancellation()).count > 1000)
        #expect(try renderer.render(laidOut, cancellation: nil) == renderer.render(laidOut))
        let cancellation = RenderCancellation()
        cancellation.cancel()
        #expect(throws: RenderCancelled()) { try renderer.render(laidOut, cancellation: cancellation) }
    }

    @Test func theErrorSaysWhatHappened() {
        let cancellation = RenderCancellation()
        #expect(throws: Never.self) { try cancellation.check() }
        cancellation.cancel()
        #expect(throws: RenderCancelled()) { try cancellation.check() }
        #expect(RenderCancelled().description == "the render was cancelled")
    }
}
