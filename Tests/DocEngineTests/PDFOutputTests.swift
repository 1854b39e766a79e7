import DocEngine
import Foundation
import Testing

@Suite struct PDFOutputTests {
    let engine = LayoutEngine(fonts: bundledFonts)

    func kyrgyzDocument() -> Document {
        Document(
            metadata: DocumentMetadata(title: "Эсеп № 7", author: "ОсОО «Ала-Тоо»", creationDate: "2026-11-22T10:00:00+06:00"),
            footer: [.paragraph(Paragraph([text("Страница "), .pageNumber(TextStyle()), text(" из "), .pageCount(TextStyle())], alignment: .right))],
            body: [paragraph("Ң ң Ө ө Ү ү — Кыргызстан, Бишкек шаары. Сумма: 1\u{00A0}234\u{00A0}567,89 сом, ₸ ₽ №")]
        )
    }

    @Test func textIsExtractableIncludingKyrgyzLetters() throws {
        let pdf = try PDFRenderer().render(try engine.layout(kyrgyzDocument()))
        let path = try temporaryFile(pdf, suffix: ".pdf")
        let extracted = try run("pdftotext", ["-enc", "UTF-8", path, "-"])
        #expect(extracted.contains("Ң ң Ө ө Ү ү — Кыргызстан"))
        // pdftotext turns the no-break spaces we group digits with into plain spaces.
        #expect(extracted.contains("1 234 567,89"))
        #expect(extracted.contains("₸ ₽ №"))
        #expect(extracted.contains("Страница 1 из 1"))
    }

    @Test func fontsAreEmbeddedSubsets() throws {
        let pdf = try PDFRenderer().render(try engine.layout(kyrgyzDocument()))
        let path = try temporaryFile(pdf, suffix: ".pdf")
        let fonts = try run("pdffonts", [path]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for line in fonts {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns[0].contains("+"), "not a subset: \(line)")
            #expect(line.contains("PTSans") || line.contains("DejaVu"), "unexpected font: \(line)")
            #expect(columns.contains("yes"), "not embedded: \(line)")
        }
    }

    @Test func sameInputGivesSameBytes() throws {
        let renderer = PDFRenderer()
        let first = try renderer.render(try engine.layout(kyrgyzDocument()))
        let second = try renderer.render(try engine.layout(kyrgyzDocument()))
        #expect(first == second)
    }

    @Test func metadataComesFromTheDocument() throws {
        let pdf = try PDFRenderer().render(try engine.layout(kyrgyzDocument()))
        let info = try run("pdfinfo", [try temporaryFile(pdf, suffix: ".pdf")])
        #expect(info.contains("Эсеп № 7"))
        #expect(info.contains("ОсОО «Ала-Тоо»"))
        #expect(info.contains("2026"))
    }

    @Test func undrawableCharacterNamesItsOrigin() throws {
        let document = Document(body: [.paragraph(Paragraph([.text("груз 🚚", TextStyle(), origin: "order.cargo.name")]))])
        #expect(throws: LayoutError.missingGlyph("🚚", origin: "order.cargo.name")) { try engine.layout(document) }
    }
}
