@testable import DocEngine
import Foundation
import Testing

@Suite struct LineBreakingTests {
    static let russian = TextLanguage(LanguageTag("ru")!)
    let layout = ParagraphLayout(fonts: bundledFonts, language: Self.russian)

    /// The text of each laid-out line, joined from its glyph runs.
    func lineTexts(_ paragraph: Paragraph, width: Double) throws -> [String] {
        try layout.lines(paragraph, width: width).map { line in
            line.items.compactMap { item -> String? in
                if case .glyphs(let run) = item { return run.text }
                return nil
            }.joined(separator: " ")
        }
    }

    /// Right edge of the last glyph on each line: its position plus its advance.
    func lineWidths(_ paragraph: Paragraph, width: Double) throws -> [Double] {
        try layout.lines(paragraph, width: width).map { line in
            try line.items.compactMap { item -> Double? in
                guard case .glyphs(let run) = item, let last = run.glyphs.last else { return nil }
                let face = run.font
                let shaped = try bundledFonts.shapeCache.shaped(run.text, face: face, language: Self.russian)
                return run.origin.x + last.x + Double(shaped.advances.last!) * run.size / face.unitsPerEm
            }.max() ?? 0
        }
    }

    @Test func wrapsAtSpacesAndKeepsEveryWord() throws {
        let words = "Транспортно-экспедиционные услуги по маршруту Бишкек — Алматы, заявка № 123"
        let lines = try lineTexts(Paragraph([text(words)]), width: 150)
        #expect(lines.count > 1)
        // Every character survives, in order; breaks fall only after spaces or hyphens.
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == words.replacingOccurrences(of: " ", with: ""))
        #expect(lines.allSatisfy { !$0.hasPrefix(" ") })
        #expect(lines[0].hasSuffix("-") || words.hasPrefix(lines[0].replacingOccurrences(of: " ", with: "") + " "))
    }

    @Test(arguments: [80.0, 120, 200, 333])
    func noLineIsWiderThanTheBox(width: Double) throws {
        let text = String(repeating: "Кашгар — Ош, груз: хлопок-сырец 20 000 кг; ", count: 6)
        for lineWidth in try lineWidths(Paragraph([DocEngineTests.text(text)]), width: width) {
            #expect(lineWidth <= width + 0.01)
        }
    }

    /// Issue 11: «999 998 999 000,99» in a narrow «Сумма» column wrapped before «,99». A number
    /// wider than its line is set smaller to fit instead, and never below 60 % of its size.
    @Test func aNumberWiderThanItsLineShrinksToFitInsteadOfBreaking() throws {
        let amount = "999\u{00A0}998\u{00A0}999\u{00A0}000,99"
        let paragraph = Paragraph([text(amount)])
        let natural = try layout.lines(paragraph, width: 1000)
        let naturalWidth = try lineWidths(paragraph, width: 1000)[0]
        let narrow = naturalWidth * 0.8
        let lines = try layout.lines(paragraph, width: narrow)
        #expect(lines.count == 1, "one number, one line")
        #expect(try lineTexts(paragraph, width: narrow) == [amount])
        #expect(try lineWidths(paragraph, width: narrow)[0] <= narrow + 0.01)
        let size = { (line: LaidLine) -> Double? in
            line.items.compactMap { if case .glyphs(let run) = $0 { run.size } else { nil } }.first
        }
        #expect(try #require(size(lines[0])) < #require(size(natural[0])))
        // Too narrow even at 60 %: it breaks like any over-long word, inside its box.
        let tiny = naturalWidth * 0.4
        #expect(try lineTexts(paragraph, width: tiny).count > 1)
        for width in try lineWidths(paragraph, width: tiny) { #expect(width <= tiny + 0.01) }
        // A word with letters is not a number: it still breaks.
        #expect(try lineTexts(Paragraph([text("ORD261122004200000")]), width: 40).count > 1)
    }

    @Test func longUnbreakableStringsAreBrokenInsideTheirBox() throws {
        let iban = "KZ86125KZT5004100100KZ86125KZT5004100100"
        let url = "https://track.example.kg/o/ORD-261122-0042?token=abcdefghijklmnopqrstuvwxyz"
        for string in [iban, url, String(repeating: "Ө", count: 300)] {
            let paragraph = Paragraph([text(string)])
            let lines = try lineTexts(paragraph, width: 90)
            #expect(lines.count > 1)
            #expect(lines.joined().replacingOccurrences(of: " ", with: "") == string)
            for width in try lineWidths(paragraph, width: 90) { #expect(width <= 90.01) }
        }
    }

    @Test func noBreakSpaceKeepsAmountsTogether() throws {
        let amount = "1\u{00A0}234\u{00A0}567,89"
        let lines = try lineTexts(Paragraph([text("Всего к оплате: " + amount + " сом")]), width: 95)
        #expect(lines.contains { $0.contains(amount) })
    }

    @Test func forcedLineBreaksAreKept() throws {
        let lines = try lineTexts(Paragraph([text("Бишкек"), .lineBreak, text("Алматы")]), width: 400)
        #expect(lines == ["Бишкек", "Алматы"])
    }

    @Test func justifiedLinesFillTheBoxExceptTheLast() throws {
        let paragraph = Paragraph(
            [text(String(repeating: "Исполнитель оказывает услуги по организации перевозки груза. ", count: 4))],
            alignment: .justify)
        let widths = try lineWidths(paragraph, width: 250)
        #expect(widths.count >= 3)
        for width in widths.dropLast() { #expect(abs(width - 250) < 0.05) }
        #expect(widths.last! < 249)
    }

    @Test func rightAlignedLinesEndAtTheRightEdge() throws {
        let widths = try lineWidths(Paragraph([text("Итого: 12 345,00")], alignment: .right), width: 300)
        #expect(abs(widths[0] - 300) < 0.05)
    }
}

/// A paragraph's words hold its text exactly: each piece's text is built byte by byte from the
/// scalars it covers (`WordBuilder`), in one, two, three and four bytes of UTF-8.
@Suite struct WordTextTests {
    @Test func wordsHoldTheirScalarsAsUTF8() throws {
        let fonts = try FontBook(directory: repositoryRoot.appendingPathComponent("Fonts"))
        let builder = WordBuilder(fonts: fonts, language: TextLanguage(LanguageTag("ru")!))
        // Scalars of four UTF-8 bytes that a bundled font draws; there must be some to test.
        let supplementary = (0x1D400...0x1D7FF).compactMap(Unicode.Scalar.init).filter { scalar in
            fonts.face(for: scalar, style: TextStyle(), primary: fonts.primaryFace(for: TextStyle())) != nil
        }
        try #require(supplementary.count > 10)
        let text = "Total 12 сом, № 7 — ₸ 1 250 € ©½ " + String(String.UnicodeScalarView(supplementary.prefix(12)))
        let words = try builder.words(for: [.text(text, TextStyle(), origin: nil)], pages: .placeholder)
        #expect(words.flatMap(\.pieces).map(\.text).joined() == text)
        #expect(text.utf8.contains { $0 >= 0xF0 } && text.utf8.contains { $0 >= 0xE0 && $0 < 0xF0 })
    }
}
