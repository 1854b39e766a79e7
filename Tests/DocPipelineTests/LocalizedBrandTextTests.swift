import DocEngine
import DocTestSupport
import Foundation
import Templates
import Testing

import DocPipeline

/// brand.json's `footerNote` and `terms` per language: a plain string prints in every language, an
/// object `{ru, ky, en}` prints the document's language, falling back to the brand's default.
@Suite struct LocalizedBrandTextTests {
    /// The alatoo sample brand with `footerNote` replaced.
    static func alatoo(footerNote: JSONValue?) throws -> [String: Data] {
        var files = BrandFolder(reading: repositoryFile("SampleData/brands/alatoo")).files
        let bytes = try #require(files["brand.json"])
        var manifest = try #require(try JSONParser.parse(bytes).objectValue)
        manifest["footerNote"] = footerNote
        files["brand.json"] = Data(JSONValue.object(manifest).jsonText.utf8)
        return files
    }

    @Test func aPlainStringIsEveryLanguagesAndAnObjectFallsBackToTheDefaultLanguage() {
        #expect(LocalizedText("Всегда").text(for: .en) == "Всегда")
        let texts = LocalizedText(byLanguage: [.ru: "Русский", .ky: "Кыргызча"])
        #expect(texts.text(for: .ky) == "Кыргызча")
        #expect(texts.text(for: .en, fallback: .ky) == "Кыргызча", "the brand's default language first")
        #expect(texts.text(for: .en) == "Русский", "then Russian, Kyrgyz, English")
        #expect(LocalizedText(byLanguage: [.en: "Only English"]).text(for: .ru) == "Only English")
        #expect(LocalizedText(.object(["ky": "Кыргызча"]))?.json == .object(["ky": "Кыргызча"]))
        #expect(LocalizedText(.object([:])) == nil)
    }

    @Test func theDocumentPrintsItsLanguagesFooter() throws {
        let footer: JSONValue = .object(["ru": "Подвал по-русски", "ky": "Кыргызча төмөнкү жазуу"])
        let brand = try BrandLoader.load(files: try Self.alatoo(footerNote: footer), id: "alatoo")
        let pipeline = DocumentPipeline(
            fonts: try FontBook(directory: repositoryFile("Fonts")), templates: try TemplateLookup(directory: nil))
        let branding = DocumentPipeline.Branding(brand: brand, whiteLabelGuard: WhiteLabelGuard())
        func text(_ sample: String, _ language: Language) throws -> String {
            let data = try Data(contentsOf: repositoryFile("SampleData/\(sample).json"))
            let document = try pipeline.layout(template: "invoice", data: data, language: language, branding: branding)
            let file = try makeTemporaryDirectory().appendingPathComponent("invoice.pdf")
            try pipeline.pdf(document).write(to: file)
            return try extractedText(file)
        }
        let kyrgyz = try text("invoice-ky", .ky)
        #expect(kyrgyz.contains("Кыргызча төмөнкү жазуу") && !kyrgyz.contains("Подвал по-русски"))
        let russian = try text("invoice-kgs", .ru)
        #expect(russian.contains("Подвал по-русски") && !russian.contains("Кыргызча төмөнкү жазуу"))
        let english = try text("invoice-en", .en)
        #expect(english.contains("Подвал по-русски"), "no English text: the brand's default language (ru) prints")
    }

    @Test func eachLanguagesTextIsCheckedWithItsPath() {
        let cases: [(JSONValue, String)] = [
            (.object(["ky": .string(String(repeating: "ж", count: 501))]), "footerNote.ky: 501 characters, more than the 500 allowed"),
            (.object(["kz": "Казакша"]), "footerNote: unknown key \"kz\""),
            (.object([:]), "footerNote: expected a text for at least one of"),
            (.number("5"), "footerNote: expected a string or an object of languages"),
            (.string(String(repeating: "ж", count: 501)), "footerNote: 501 characters, more than the 500 allowed"),
        ]
        for (value, expected) in cases {
            #expect(throws: BrandError.self) { _ = try BrandLoader.load(files: try Self.alatoo(footerNote: value), id: "alatoo") }
            do {
                _ = try BrandLoader.load(files: try Self.alatoo(footerNote: value), id: "alatoo")
            } catch let error as BrandError {
                #expect(error.problems.contains { $0.hasPrefix("brand.json: \(expected)") }, "\(error.problems)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
