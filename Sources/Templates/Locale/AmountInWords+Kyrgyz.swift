extension AmountInWords {
    /// Kyrgyz amounts in words (docs/documents.md §7.2), following ICU's ky `spellout-cardinal`.
    ///
    /// Numbers are built by juxtaposition, largest part first; nouns after numerals stay in the
    /// singular and never change (`беш сом`, `элүү тыйын`).
    ///
    /// [U: native review] ICU writes a bare scale word only when the whole number (or a
    /// multiplier or remainder spelled on its own) is exactly 100, 1000, 10^6 or 10^9: `жүз`,
    /// `миң`, `миллион`, `миллиард`, but `бир жүз бир`, `бир миң бир`. So 1 100 is `бир миң
    /// жүз` and 2 001 000 is `эки миллион миң`. docs/documents.md §7.2 names only 100, 1000 and
    /// 10^6; ICU's data (ky.txt) also has the bare `миллиард`, and we follow ICU. Some other
    /// converters always write `бир жүз`, `бир миң`; which one financial documents prefer is
    /// open.
    enum Kyrgyz {
        /// `<integer words> <major noun> <MM> <minor noun>`, lower case.
        static func phrase(major: Int, minorText: String, currency: Currency) -> String {
            let (majorNoun, minorNoun) = nouns(for: currency)
            return cardinal(major) + " " + majorNoun + " " + minorText + " " + minorNoun
        }

        /// Major and minor unit nouns, invariable.
        ///
        /// `АКШ доллары` is CLDR ky; `сом`/`тыйын` are what the NBKR prints. [U] The others are
        /// our choice: Kyrgyz calls any hundredth "тыйын", so RUB, KZT and UZS use it for their
        /// minor units (копейка, тиын, тийин); `теңге` is the Kyrgyz/Kazakh spelling; CNY uses
        /// `юань`/`фэн`.
        static func nouns(for currency: Currency) -> (major: String, minor: String) {
            switch currency {
            case .KGS: ("сом", "тыйын")
            case .USD: ("АКШ доллары", "цент")
            case .RUB: ("рубль", "тыйын")
            case .KZT: ("теңге", "тыйын")
            case .CNY: ("юань", "фэн")
            case .UZS: ("сум", "тыйын")
            case .EUR: ("евро", "цент")
            }
        }

        /// Scale values and words, largest first.
        private static let scales: [(value: Int, word: String)] = [
            (1_000_000_000, "миллиард"), (1_000_000, "миллион"), (1_000, "миң"), (100, "жүз"),
        ]

        /// A non-negative integer below 10^12 in words, as ICU spells it.
        static func cardinal(_ number: Int) -> String {
            guard number > 0 else { return "нөл" }
            for (value, word) in scales where number >= value {
                // ICU rule "100: жүз;" etc.: only the exact scale value drops бир.
                if number == value { return word }
                let (count, rest) = number.quotientAndRemainder(dividingBy: value)
                return cardinal(count) + " " + word + (rest > 0 ? " " + cardinal(rest) : "")
            }
            if number < 10 { return units[number] }
            let unit = number % 10
            return tens[number / 10] + (unit > 0 ? " " + units[unit] : "")
        }

        private static let units = ["", "бир", "эки", "үч", "төрт", "беш", "алты", "жети", "сегиз", "тогуз"]
        private static let tens = [
            "", "он", "жыйырма", "отуз", "кырк", "элүү", "алтымыш", "жетимиш", "сексен", "токсон",
        ]
    }
}
