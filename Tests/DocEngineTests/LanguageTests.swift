@testable import DocEngine
import Foundation
import Testing

/// The document's language, not the process locale, reaches HarfBuzz and libunibreak.
@Suite struct LanguageTests {
    static func language(_ tag: String) -> TextLanguage { TextLanguage(LanguageTag(tag)!) }

    /// PT Sans Regular, the default face.
    let face = bundledFonts.primaryFace(for: TextStyle())

    /// What HarfBuzz is handed: the buffer's language after the guess that would otherwise
    /// fill it from the process locale.
    @Test(arguments: ["ru", "ky", "en", "und", "en-GB"])
    func harfBuzzShapesInTheDocumentsLanguage(tag: String) throws {
        let buffer = try ShapingBuffer("Бишкек — Bishkek", language: Self.language(tag))
        #expect(buffer.languageIdentifier == tag.lowercased())
    }

    /// PT Sans has Romanian and Turkish forms: a comma below for Ş in Romanian, no fi ligature
    /// in Turkish (where i and ı differ). Different glyphs prove the language reached shaping.
    @Test func theLanguagePicksTheFontsLocalForms() throws {
        let english = try Shaper.shape("Şfi", with: face, language: Self.language("en"))
        let romanian = try Shaper.shape("Şfi", with: face, language: Self.language("ro"))
        let turkish = try Shaper.shape("Şfi", with: face, language: Self.language("tr"))
        #expect(english.glyphs.count == 2, "Ş and the fi ligature")
        #expect(romanian.glyphs[0] != english.glyphs[0], "Ş with a comma below")
        #expect(turkish.glyphs.count == 3, "f and i apart")
        // Russian, Kyrgyz and English documents use the font's default forms.
        for tag in ["ru", "ky", "und"] {
            #expect(try Shaper.shape("Şfi", with: face, language: Self.language(tag)).glyphs == english.glyphs)
        }
    }

    /// The shape cache keeps languages apart: the same text in the same face may shape differently.
    @Test func theShapeCacheKeysByLanguage() throws {
        let cache = ShapeCache()
        #expect(try cache.shaped("fi", face: face, language: Self.language("en")).glyphs.count == 1)
        #expect(try cache.shaped("fi", face: face, language: Self.language("tr")).glyphs.count == 2)
        #expect(try cache.shaped("fi", face: face, language: Self.language("en")).glyphs.count == 1)
    }

    /// The shape cache keys by bytes, not by `String` equality: «é» as one scalar and as «e» with a
    /// combining accent are equal strings, but each shaping's clusters count its own bytes, so one
    /// must never be handed the other's glyphs.
    @Test func theShapeCacheKeepsCanonicallyEqualSpellingsApart() throws {
        let cache = ShapeCache()
        let composed = "caf\u{E9}s", decomposed = "cafe\u{301}s"  // «s» sits at byte 5 in one, 6 in the other
        #expect(composed == decomposed, "the premise: Swift calls them equal")
        let language = Self.language("en")
        let first = try cache.shaped(composed, face: face, language: language)
        let second = try cache.shaped(decomposed, face: face, language: language)
        #expect(first.clusters == (try Shaper.shape(composed, with: face, language: language)).clusters)
        #expect(second.clusters == (try Shaper.shape(decomposed, with: face, language: language)).clusters)
        #expect(first.clusters != second.clusters)
        #expect(try cache.shaped(composed, face: face, language: language).clusters == first.clusters)
    }

    /// libunibreak tailors quotation marks by language: in English ” closes a quotation, so a
    /// line may break after it; Russian keeps «a”b» whole. In Russian “ closes an inner quotation,
    /// so no line starts with it. Kyrgyz, which libunibreak does not know, follows the Russian rules.
    @Test func lineBreakingFollowsTheLanguage() {
        func opportunities(_ text: String, _ tag: String) -> [LineBreakRules.Opportunity] {
            LineBreakRules.opportunities(text.unicodeScalars.map(\.value), language: Self.language(tag))
        }
        #expect(opportunities("a”b", "en")[1] == .allowed)
        #expect(opportunities("a”b", "ru")[1] == .none)
        #expect(opportunities("a”b", "ky")[1] == .none)
        #expect(opportunities("b “c", "ru")[1] == .none)
        #expect(opportunities("b “c", "ky")[1] == .none, "Kyrgyz breaks as Russian does")
        #expect(opportunities("b “c", "und")[1] == .allowed, "Unicode's default differs")
        #expect(opportunities("b “c", "en")[1] == .allowed)
    }

    /// End to end: a document's language decides its glyphs and where its lines break.
    @Test func theDocumentsLanguageReachesLayout() throws {
        func glyphCount(_ tag: String) throws -> Int {
            let laidOut = try LayoutEngine(fonts: bundledFonts).layout(
                Document(body: [paragraph("fi")], language: LanguageTag(tag)!))
            return laidOut.pages[0].items.reduce(0) { total, item in
                if case .glyphs(let run) = item { total + run.glyphs.count } else { total }
            }
        }
        #expect(try glyphCount("en") == 1)
        #expect(try glyphCount("tr") == 2)

        func lines(_ tag: String) throws -> [String] {
            let laidOut = try LayoutEngine(fonts: bundledFonts).layout(
                Document(page: PageSetup(size: Size(width: 100, height: 200), margins: EdgeInsets(all: 10)),
                         body: [paragraph("aaaaaaaaaa”bbbbbbbbbb")], language: LanguageTag(tag)!))
            return laidOut.pages[0].items.compactMap { if case .glyphs(let run) = $0 { run.text } else { nil } }
        }
        // 80 pt hold neither half and the quote together with the other: English breaks after
        // the closing quote; Russian has no opportunity there and cuts the word where it must.
        #expect(try lines("en") == ["aaaaaaaaaa”", "bbbbbbbbbb"])
        #expect(try lines("ru") != lines("en"))
    }

    @Test func tagsAreChecked() {
        for good in ["ru", "ky", "en", "en-GB", "sr-Latn-RS", "und"] { #expect(LanguageTag(good)?.identifier == good) }
        for bad in ["", "r", "ru_RU", "toolongtag", "ru-", "-ru", "ру", "en-GB-toolongsubtag"] { #expect(LanguageTag(bad) == nil) }
        #expect(Document().language == .undetermined)
    }
}
