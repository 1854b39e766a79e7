import DocEngine
import Foundation
import Testing

/// A cancelled render stops at its next check in layout or PDF output, with an error that says so.
@Suite struct CancellationTests {
    let engine = LayoutEngine(fonts: bundledFonts)
    let document = Document(body: (1...200).map { paragraph("Абзац \($0): Бишкек — Алматы, 245 км.") })

    @Test func layoutStopsWhenCancelled() throws {
        #expect(try engine.layout(document, cancellation: RenderCancellation()).pages.count > 1)
        let cancellation = RenderCancellation()
        cancellation.cancel()
        #expect(throws: LayoutError.cancelled) { try engine.layout(document, cancellation: cancellation) }
    }

    @Test func pdfOutputStopsWhenCancelled() throws {
        let laidOut = try engine.layout(document)
        let renderer = PDFRenderer(fonts: bundledFonts)
        #expect(try renderer.render(laidOut, cancellation: RenderCancellation()).count > 1000)
        let cancellation = RenderCancellation()
        cancellation.cancel()
        #expect(throws: CairoError.cancelled) { try renderer.render(laidOut, cancellation: cancellation) }
    }
}
