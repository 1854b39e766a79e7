import DocTestSupport
import Foundation
import Testing

@testable import Templates

/// `Typography` examines each word once (`WordTraits`) and skips work for words too long to be
/// listed; these tests hold it to the rules written plainly, pair by pair, as they read in
/// docs/documents.md §0.5 (`PlainRules`, the implementation before the speed-up), on every pair of
/// words in the samples and on words made to sit at the edges of the shortcuts.
@Suite struct TypographyRulesTests {
    /// Every pair of neighbouring words in every string of every sample.
    static func samplePairs() throws -> [(String, String)] {
        var pairs: [(String, String)] = []
        func visit(_ value: Any) {
            switch value {
            case let text as String:
                let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
                pairs += zip(words, words.dropFirst()).map { ($0, $1) }
            case let array as [Any]: array.forEach(visit)
            case let object as [String: Any]: object.values.forEach(visit)
            default: break
            }
        }
        for name in sampleNames() {
            let data = try Data(contentsOf: repositoryFile("SampleData/\(name).json"))
            visit(try JSONSerialization.jsonObject(with: data))
        }
        return pairs
    }

    @Test func theFastRulesAgreeWithThePlainRulesOnEveryPairOfTheSamples() throws {
        let pairs = try Self.samplePairs()
        #expect(pairs.count > 2_000, "the samples hold many word pairs")
        var glued = 0
        for (left, right) in pairs {
            for language in [Language.ru, .ky, .en] {
                let expected = PlainRules.glues(left, right, language: language)
                #expect(Typography.glues(left, right, language: language) == expected, "«\(left) \(right)» (\(language))")
                if expected { glued += 1 }
            }
        }
        #expect(glued > 200, "the pairs include many that glue")
    }

    /// Words found in the process-wide cache (`SharedWords`) glue exactly as words worked out
    /// afresh: every text of the samples, through an empty shared cache, then a warm one.
    @Test func wordsFromEarlierRendersGlueAsFreshOnes() throws {
        let shared = Typography.SharedWords()
        for pass in 1...2 {
            for (left, right) in try Self.samplePairs() {
                let scalars = Array((left + " " + right).unicodeScalars)
                for language in [Language.ru, .ky, .en] {
                    let fresh = Typography.gluedSpaces(in: scalars, language: language)
                    let cached = Typography.gluedSpaces(
                        in: scalars, language: language, words: Typography.WordCache(shared: shared))
                    #expect(cached == fresh, "pass \(pass): «\(left) \(right)» (\(language))")
                }
            }
        }
        #expect(shared.count > 500 && shared.count <= Typography.SharedWords.capacity)
        // Words with digits (amounts, numbers, dates) are never kept.
        _ = Typography.WordCache(shared: shared).traits(of: ArraySlice("2026".unicodeScalars))
        #expect(shared.traits(of: Array("2026".unicodeScalars)) == nil)
    }

    /// What the rules may ask of a word's traits, as one comparable list.
    static func summary(_ traits: Typography.WordTraits) -> [String] {
        [
            traits.word, String(traits.asLeft), String(traits.asRight), "\(traits.leftCount)",
            "\(traits.isAbbreviationBefore)", "\(traits.endsWithNumber)", "\(traits.isInitial)", "\(traits.isOneLetterWord)",
            "\(traits.startsPhone)", "\(traits.startsWithDash)", "\(traits.isKyrgyzAbbreviationAfter)",
            "\(traits.isListedUnitInLowerCase)", "\(traits.startsUppercase)", "\(traits.startsWithInitial)",
            "\(traits.isDigitGroup)", "\(traits.isLetters)", "\(traits.isUnit)", "\(traits.startsWithDigitGroup)",
            "\(traits.continuesPhone)",
        ]
    }

    /// ASCII words are read byte by byte (`WordTraits(ascii:)`); every word of up to three
    /// characters from the characters the rules look at, every ASCII word of the samples and a few
    /// longer ones get the same traits as read character by character.
    @Test func asciiWordsGetTheTraitsOfAnyText() throws {
        let alphabet = [
            "0", "5", "9", "a", "z", "A", "Z", "N", "+", "-", ".", ",", ";", ":", ")", "(", "\"", "'", "[", "]", "!", "?", "%", "/",
        ]
        let pairs = alphabet.flatMap { first in alphabet.map { first + $0 } }
        let triples = pairs.flatMap { pair in alphabet.map { pair + $0 } }
        var words = alphabet + pairs + triples
        words += try Self.samplePairs().flatMap { [$0.0, $0.1] }.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        words += [
            "No.", "no.", "tel.:", "(No.", "office", "USD", "usd,", "kg);", "km", "T.", "T.Holm", "+996", "+996)", "185",
            "000,00", "12.11.2026", "\"+7\"", "[12]", "%", "t", "h", "m",
        ]
        var compared = 0
        for word in Set(words) {
            #expect(Self.summary(.init(ascii: word)) == Self.summary(.init(anyText: word)), "«\(word)»")
            compared += 1
        }
        #expect(compared > 14_000)
    }

    @Test(arguments: [
        ("Бишкек", "ш.)))))))))))"),  // longer than any listed word until its brackets go
        ("5", "тыи\u{0306}ын"),  // й written as и + combining breve equals the listed «тыйын»
        ("5", "ТЫЙЫНОВ,"), ("5", "\u{212A}G"),  // upper case, and the Kelvin sign, lowercase to listed units
        ("5", "Тоннами"), ("5", "Ёлок"), ("12", "Января"), ("3", "\u{0130}stanbul"),
        ("«ТЕЛ.:", "+996"), ("(No.", "88"), ("ПРОСП.", "Мира"), ("просп.просп.", "Мира"),
        ("12", "км)."), ("12", "кг»"), ("Асанов", "Н.Б."), ("Н.", "асанов"), ("В", "срок"),
        ("185", "000,00"), ("185", "0000"), ("+996", "312"), ("5", ""), ("", "кг"),
    ])
    func theFastRulesAgreeWithThePlainRulesAtTheirEdges(left: String, right: String) {
        for language in [Language.ru, .ky, .en] {
            #expect(Typography.glues(left, right, language: language) == PlainRules.glues(left, right, language: language))
        }
    }

    @Test func aListedWordIsFoundInAnySpellingCanonicallyEqualToIt() {
        #expect(Typography.units.contains("тыи\u{0306}ын"))
        #expect(Typography.units.contains("тыйын"))
        #expect(!Typography.units.contains("тыйынтыйынтыйын"))
    }
}

/// The rules as first written: each derived form of a word made again for each rule and pair.
/// Slow, and plainly right; kept as the reference the fast rules are checked against.
private enum PlainRules {
    static func glues(_ left: String, _ right: String, language: Language) -> Bool {
        let leftWord = left.drop { "(«\"„“'[".contains($0) }
        let rightWord = String(right.reversed().drop { ",;:.)»\"”'!?]".contains($0) }.reversed())
        if abbreviationsBefore.contains(leftWord.lowercased()) { return true }
        if right.first == "—" || right.first == "–" { return true }
        if Typography.kyrgyzAbbreviationsAfter.words.contains(trimmingTrailing(right.lowercased(), ",;)")) { return true }
        if let last = leftWord.last, last.isNumber {
            if units.contains(rightWord) || units.contains(trimmingTrailing(right.lowercased(), ",;)"))
                || Typography.unitPrefixes.contains(where: { rightWord.lowercased().hasPrefix($0) })
            {
                return true
            }
            if leftWord.count <= 3, leftWord.allSatisfy(\.isNumber), startsWithDigitGroup(right) { return true }
        }
        if isInitial(leftWord), let first = rightWord.first, first.isUppercase { return true }
        if leftWord.count > 1, leftWord.allSatisfy(\.isLetter), isInitial(Substring(right.prefix(2))) { return true }
        if language == .ru, leftWord.count == 1, Typography.oneLetterWords.contains(leftWord.first!) { return true }
        return false
    }

    static let abbreviationsBefore = Typography.abbreviationsBefore.words
    static let units = Typography.units.words

    static func trimmingTrailing(_ text: String, _ characters: String) -> String {
        String(text.reversed().drop { characters.contains($0) }.reversed())
    }

    static func isInitial(_ word: Substring) -> Bool {
        word.count == 2 && word.first!.isUppercase && word.first!.isLetter && word.last == "."
    }

    static func startsWithDigitGroup(_ word: String) -> Bool {
        let digits = word.prefix { $0.isNumber }
        guard digits.count == 3 else { return false }
        let rest = word.dropFirst(3)
        return rest.isEmpty || rest.first == "," || rest.first == "." || rest.first == ")" || rest.first == ";"
    }
}
