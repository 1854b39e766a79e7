extension AmountInWords {
    /// English amounts in words: `One thousand two hundred thirty-four US dollars 50 cents`.
    ///
    /// American style without "and" (`one hundred one`), hyphenated 21–99, short-scale
    /// `billion`. Nouns are singular only for exactly 1 (CLDR en: one = `i = 1 and v = 0`).
    enum English {
        /// Singular and plural noun forms.
        struct Noun {
            let singular: String
            let plural: String

            /// The same word for both (tenge, yuan).
            init(invariable word: String) {
                self.init(singular: word, plural: word)
            }

            init(singular: String, plural: String) {
                (self.singular, self.plural) = (singular, plural)
            }

            func form(for count: Int) -> String { count == 1 ? singular : plural }
        }

        /// `<integer words> <major noun> <MM> <minor noun>`, lower case except proper nouns.
        static func phrase(major: Int, minor: Int, minorText: String, currency: Currency) -> String {
            let (majorNoun, minorNoun) = nouns(for: currency)
            return cardinal(major) + " " + majorNoun.form(for: major) + " "
                + minorText + " " + minorNoun.form(for: minor)
        }

        /// Major and minor unit nouns.
        ///
        /// [U] Our choices, none from docs/documents.md: roubles/kopecks (British spelling, as in
        /// Bank of Russia English texts); som, tyiyn, tenge, tiyn, yuan, fen, sum and tiyin are
        /// treated as invariable, as English-language texts from the issuing countries mostly
        /// write them (CLDR en has plurals such as "soms" and "tenges").
        static func nouns(for currency: Currency) -> (major: Noun, minor: Noun) {
            switch currency {
            case .USD: (Noun(singular: "US dollar", plural: "US dollars"), cent)
            case .EUR: (Noun(singular: "euro", plural: "euros"), cent)
            case .RUB: (Noun(singular: "rouble", plural: "roubles"), Noun(singular: "kopeck", plural: "kopecks"))
            case .KGS: (Noun(invariable: "som"), Noun(invariable: "tyiyn"))
            case .KZT: (Noun(invariable: "tenge"), Noun(invariable: "tiyn"))
            case .CNY: (Noun(invariable: "yuan"), Noun(invariable: "fen"))
            case .UZS: (Noun(invariable: "sum"), Noun(invariable: "tiyin"))
            }
        }

        private static let cent = Noun(singular: "cent", plural: "cents")

        private static let scales: [(value: Int, word: String)] = [
            (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"),
        ]

        /// A non-negative integer below 10^12 in words.
        static func cardinal(_ number: Int) -> String {
            guard number > 0 else { return "zero" }
            var words: [String] = []
            var rest = number
            for (value, word) in scales where rest >= value {
                words.append(triad(rest / value) + " " + word)
                rest %= value
            }
            if rest > 0 { words.append(triad(rest)) }
            return words.joined(separator: " ")
        }

        /// 1...999 in words.
        private static func triad(_ number: Int) -> String {
            var words: [String] = []
            if number >= 100 { words.append(belowTwenty[number / 100] + " hundred") }
            let belowHundred = number % 100
            if belowHundred >= 20 {
                let unit = belowHundred % 10
                words.append(tens[belowHundred / 10] + (unit > 0 ? "-" + belowTwenty[unit] : ""))
            } else if belowHundred > 0 {
                words.append(belowTwenty[belowHundred])
            }
            return words.joined(separator: " ")
        }

        private static let belowTwenty = [
            "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        ]
        private static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    }
}
