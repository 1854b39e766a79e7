@testable import DocEngine
import Foundation
import Testing

/// Paragraphs laid out once per font book and reused across documents (`ParagraphCache`): a
/// paragraph from the cache must be exactly what laying it out afresh gives, and nothing that
/// changes the lines may be left out of the key.
@Suite struct ParagraphCacheTests {
    static let russian = TextLanguage(LanguageTag("ru")!)
    static let english = TextLanguage(LanguageTag("en")!)

    /// A font book of its own, so no other test's paragraphs are in its cache.
    static func freshFonts() throws -> FontBook {
        try FontBook(directory: repositoryRoot.appendingPathComponent("Fonts"))
    }

    /// Every item of every line, as text: glyph ids, places, sizes, colours, texts and clusters.
    static func dump(_ lines: [LaidLine]) -> String {
        lines.map { line in "\(line.height): " + line.items.map { String(describing: $0) }.joined(separator: " | ") }
            .joined(separator: "\n")
    }

    static let paragraphs: [(Paragraph, Double)] = [
        (Paragraph([text("Счёт на оплату № 118 от 3 декабря 2026 г.", size: 14, bold: true)]), 300),
        (Paragraph([text("Счёт на оплату № 118 от 3 декабря 2026 г.", size: 14, bold: true)]), 120),
        (Paragraph([text("Счёт на оплату № 118 от 3 декабря 2026 г.", size: 12, bold: true)]), 120),
        (Paragraph([text("Счёт на оплату № 118 от 3 декабря 2026 г.", size: 12)]), 120),
        (Paragraph([text("Счёт на оплату № 118 от 3 декабря 2026 г.", size: 12)], alignment: .justify), 120),
        (Paragraph([text("Счёт на оплату № 118 от 3 декабря 2026 г.", size: 12)], alignment: .right), 120),
        (Paragraph([text("Счёт на оплату № 118 от 3 декабря 2026 г.", size: 12)], leading: 1.5), 120),
        (Paragraph([text("Счёт на оплату № 118 от 3 декабря 2026 г.", size: 12)], indent: 20), 120),
        (Paragraph([text("Перевозчик: "), text("ОсОО «Ала-Тоо Транс»", bold: true), .lineBreak, text("ИНН 01234567890123")]), 200),
        (Paragraph([text("Перевозчик: "), text("ОсОО «Ала-Тоо Транс»", bold: true), text("ИНН 01234567890123")]), 200),
        (Paragraph([.text("Итого", TextStyle(size: 10, color: Color(hex: "#1F4E79")!), origin: "a.doc:1:1")]), 90),
        (Paragraph([.text("Итого", TextStyle(size: 10, isUnderlined: true), origin: "a.doc:1:1")]), 90),
        (Paragraph([.text("Итого", TextStyle(size: 10), origin: "items[0].name")]), 90),
    ]

    @Test func aCachedParagraphIsWhatLayingItOutAfreshGives() throws {
        let shared = try Self.freshFonts()
        for language in [Self.russian, Self.english] {
            let cached = ParagraphLayout(fonts: shared, language: language)
            for (paragraph, width) in Self.paragraphs {
                let first = try cached.lines(paragraph, width: width)
                let again = try cached.lines(paragraph, width: width)
                let fresh = try ParagraphLayout(fonts: try Self.freshFonts(), language: language).lines(paragraph, width: width)
                #expect(Self.dump(first) == Self.dump(fresh))
                #expect(Self.dump(again) == Self.dump(fresh), "width \(width): \(paragraph.content)")
            }
        }
    }

    /// The same words in two byte spellings («é» composed, and «e» with a combining accent) are
    /// equal `String`s, but the PDF's text layer must carry each paragraph's own bytes.
    @Test func canonicallyEqualTextKeepsItsOwnBytes() throws {
        let layout = ParagraphLayout(fonts: try Self.freshFonts(), language: Self.english)
        let composed = "Caf\u{E9}s of Bishkek", decomposed = "Cafe\u{301}s of Bishkek"
        for string in [composed, decomposed, composed] {
            let lines = try layout.lines(Paragraph([text(string)]), width: 300)
            let texts = lines.flatMap(\.items).compactMap { item -> String? in
                if case .glyphs(let run) = item { return run.text }
                return nil
            }
            #expect(Array(texts.joined().utf8) == Array(string.utf8))
        }
    }

    /// A page number depends on the page it lands on: such paragraphs are laid out every time.
    @Test func pageNumbersAreNeverTakenFromTheCache() throws {
        let layout = ParagraphLayout(fonts: try Self.freshFonts(), language: Self.russian)
        let footer = Paragraph([text("Страница "), .pageNumber(TextStyle()), text(" из "), .pageCount(TextStyle())])
        func texts(_ current: Int, _ total: Int) throws -> String {
            try layout.lines(footer, width: 300, pages: PageNumbers(current: current, total: total)).flatMap(\.items)
                .compactMap { item -> String? in
                    if case .glyphs(let run) = item { return run.text }
                    return nil
                }.joined()
        }
        #expect(ParagraphCache.Key(footer, width: 300, language: Self.russian) == nil, "never a key of its own")
        #expect(ParagraphCache.Key(Paragraph([text("Страница")]), width: 300, language: Self.russian) != nil)
        #expect(try texts(1, 2) == "Страница 1 из 2")
        #expect(try texts(2, 2) == "Страница 2 из 2")
    }
}
