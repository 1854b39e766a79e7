/// Kyrgyz case endings for the few places a document's wording needs them (docs/documents.md §9):
/// the genitive before «атынан» («директор Асанов Нурлан Бакытбековичтин атынан»), the ablative
/// after «кем эмес» and «баштап» («09:00дөн баштап»), the dative before «чейин» («18:00гө чейин»).
///
/// An ending follows the last sound of the phrase: its consonant decides the first letter
/// (after a vowel, a voiced consonant or a voiceless one) and its last vowel the vowel of the
/// ending (docs/documents.md §8: open endings а, ы, у → а; е, и → е; о → о; ө, ү → ө; the
/// genitive's closed vowel а, ы → ы; е, и → и; о, у → у; ө, ү → ү). A phrase that ends in
/// digits is read aloud first: `20` is «жыйырма», `09:00` ends in «нөл», `18:30` in «отуз».
/// An abbreviation in capitals ends in its last letter's name (К is «ка»).
/// [U] Built from the grammar's rules, checked against a handful of published forms
/// («Бишкектен», «Нарындан», «Асановдун»); a native legal translator must confirm them.
public enum KyrgyzCases {
    /// The three cases templates need.
    public enum Case: Sendable {
        /// Илик жөндөмө: -нын/-дын/-тын …
        case genitive
        /// Барыш жөндөмө: -га/-ка …
        case dative
        /// Чыгыш жөндөмө: -дан/-тан …
        case ablative
    }

    /// `phrase` with the case ending on its last word, or unchanged when it ends in nothing a
    /// reader can pronounce (punctuation only, an empty string).
    public static func attach(_ grammaticalCase: Case, to phrase: String) -> String {
        let trimmed = String(phrase.reversed().drop { $0.isWhitespace }.reversed())
        guard let sound = lastSound(of: trimmed) else { return phrase }
        return trimmed + ending(grammaticalCase, after: sound)
    }

    /// The ending for a word whose pronunciation ends in `sound` (lower-case Cyrillic).
    static func ending(_ grammaticalCase: Case, after sound: String) -> String {
        let letters = Array(sound.lowercased()).filter { $0 != "ь" && $0 != "ъ" }
        guard let last = letters.last else { return "" }
        let lastVowel = letters.last(where: { isVowel($0) })
        let (open, closed) = lastVowel.map(vowels(after:)) ?? ("е", "и")
        let afterVowel = isVowel(last)
        let voiceless = "птксшчфхцщ".contains(last)
        switch grammaticalCase {
        case .genitive:
            return (afterVowel ? "н" : voiceless ? "т" : "д") + String(closed) + "н"
        case .dative:
            return (voiceless ? "к" : "г") + String(open)
        case .ablative:
            return (voiceless ? "т" : "д") + String(open) + "н"
        }
    }

    private static func isVowel(_ letter: Character) -> Bool { "аеёиоуыэюяөү".contains(letter) }

    /// The vowel of an open ending (dative, ablative: а/е/о/ө) and of a closed one (genitive:
    /// ы/и/у/ү) after a word whose last vowel is `vowel`. Rounding differs between them: after
    /// «у» the open vowel is «а» (суудан), the closed one «у» (суунун); after «ү» they are «ө»
    /// and «ү» (үйдөн, үйдүн).
    private static func vowels(after vowel: Character) -> (open: Character, closed: Character) {
        switch vowel {
        case "а", "ы", "я": ("а", "ы")
        case "у", "ю": ("а", "у")
        case "о", "ё": ("о", "у")
        case "ө": ("ө", "ү")
        case "ү": ("ө", "ү")
        default: ("е", "и")
        }
    }

    /// How the phrase ends when read aloud: a word, a number's last spoken word, or the name of
    /// an abbreviation's last letter.
    static func lastSound(of phrase: String) -> String? {
        let tail = phrase.reversed().drop { !$0.isLetter && !$0.isNumber }
        guard let last = tail.first else { return nil }
        if last.isNumber {
            let digits = String(tail.prefix { $0.isNumber }.reversed())
            return spokenLastWord(of: digits)
        }
        let word = String(tail.prefix { $0.isLetter }.reversed())
        let isAbbreviation = word.count > 1 && word == word.uppercased() && word != word.lowercased()
        if isAbbreviation, let name = letterNames[Character(String(last).lowercased())] { return name }
        return word.lowercased()
    }

    /// The last word of a whole number said in Kyrgyz: `20` → «жыйырма», `1500` → «жүз»,
    /// `00` → «нөл» (the minutes of `09:00`).
    static func spokenLastWord(of digits: String) -> String {
        let trimmed = digits.drop { $0 == "0" }
        guard !trimmed.isEmpty else { return "нөл" }
        let values = trimmed.compactMap(\.wholeNumberValue)
        let units = ["бир", "эки", "үч", "төрт", "беш", "алты", "жети", "сегиз", "тогуз"]
        let tens = ["он", "жыйырма", "отуз", "кырк", "элүү", "алтымыш", "жетимиш", "сексен", "токсон"]
        // Scan from the right for the first non-zero digit; its place names the last word.
        for (place, digit) in values.reversed().enumerated() where digit != 0 {
            switch place {
            case 0: return units[digit - 1]
            case 1: return tens[digit - 1]
            case 2: return "жүз"
            case 3..<6: return "миң"
            case 6..<9: return "миллион"
            default: return "миллиард"
            }
        }
        return "нөл"
    }

    /// How capital letters are named when an abbreviation is read out (its ending follows the name).
    private static let letterNames: [Character: String] = [
        "а": "а", "б": "бэ", "в": "вэ", "г": "гэ", "д": "дэ", "е": "е", "ж": "жэ", "з": "зэ", "и": "и",
        "й": "ий", "к": "ка", "л": "эл", "м": "эм", "н": "эн", "ң": "эң", "о": "о", "ө": "ө", "п": "пэ",
        "р": "эр", "с": "эс", "т": "тэ", "у": "у", "ү": "ү", "ф": "эф", "х": "ха", "ц": "цэ", "ч": "чэ",
        "ш": "ша", "щ": "ща", "ы": "ы", "э": "э", "ю": "ю", "я": "я",
    ]
}
