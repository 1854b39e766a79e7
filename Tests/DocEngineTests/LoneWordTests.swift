@testable import DocEngine
import Testing

/// No lone word on a paragraph's last line when the line above can spare one (issue 13,
/// typography): the breaker moves the line above's last word down, unless that would leave
/// the line above gaping.
@Suite struct LoneWordTests {
    static let russian = TextLanguage(LanguageTag("ru")!)
    let layout = ParagraphLayout(fonts: bundledFonts, language: Self.russian)

    func lineWords(_ string: String, width: Double, alignment: Alignment = .left) throws -> [[String]] {
        try layout.lines(Paragraph([text(string)], alignment: alignment), width: width).map { line in
            line.items.compactMap { item -> String? in
                if case .glyphs(let run) = item { return run.text }
                return nil
            }.joined().split(separator: " ").map(String.init)
        }
    }

    /// The width `string` takes on one line.
    func naturalWidth(_ string: String) throws -> Double {
        let line = try layout.lines(Paragraph([text(string)]), width: 10_000)[0]
        return try line.items.compactMap { item -> Double? in
            guard case .glyphs(let run) = item, let last = run.glyphs.last else { return nil }
            let face = run.font
            let shaped = try bundledFonts.shapeCache.shaped(run.text, face: face, language: Self.russian)
            return run.origin.x + last.x + Double(shaped.advances.last!) * run.size / face.unitsPerEm
        }.max() ?? 0
    }

    @Test func theLastWordGetsCompanyFromTheLineAbove() throws {
        // Wide enough for exactly four words: greedy breaking leaves «пятое» alone below.
        let width = try naturalWidth("первое второе третье четыре") + 1
        let lines = try lineWords("первое второе третье четыре пятое", width: width)
        #expect(lines == [["первое", "второе", "третье"], ["четыре", "пятое"]])
    }

    @Test func aLineAboveWithTwoWordsKeepsThem() throws {
        let width = try naturalWidth("первое второе") + 1
        #expect(try lineWords("первое второе третье", width: width) == [["первое", "второе"], ["третье"]])
    }

    @Test func aLineIsNotEmptiedToFeedTheLastOne() throws {
        // Moving «сверхнормативного» down would leave three short words on a wide line.
        let width = try naturalWidth("а б в сверхнормативного") + 1
        #expect(try lineWords("а б в сверхнормативного простоя", width: width) == [["а", "б", "в", "сверхнормативного"], ["простоя"]])
    }

    @Test func everyWordSurvivesAtEveryWidth() throws {
        let sentence = "Вышеперечисленные услуги выполнены полностью и в срок, претензий по объему и качеству нет"
        for width in stride(from: 120.0, through: 420, by: 7) {
            for alignment in [Alignment.left, .justify] {
                let lines = try lineWords(sentence, width: width, alignment: alignment)
                #expect(lines.flatMap { $0 }.joined(separator: " ") == sentence, "width \(width)")
            }
        }
    }
}
