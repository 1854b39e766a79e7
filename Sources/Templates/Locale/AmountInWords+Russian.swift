extension AmountInWords {
    /// Russian amounts in words (docs/documents.md §7.1): CLDR ru plural rule, explicit gender per noun.
    enum Russian {
        /// Grammatical gender, which changes 1 and 2 (один/одна, два/две).
        enum Gender {
            case masculine, feminine
        }

        /// CLDR ru plural categories for integers.
        enum PluralCategory {
            /// Ends in 1 but not 11: рубль.
            case one
            /// Ends in 2–4 but not 12–14: рубля.
            case few
            /// Everything else, including 0 and 11–14: рублей.
            case many
        }

        /// A noun's three counted forms and its gender.
        struct Noun {
            let one: String
            let few: String
            let many: String
            let gender: Gender

            /// The same word in every form (тенге, евро).
            init(invariable word: String, gender: Gender) {
                self.init(one: word, few: word, many: word, gender: gender)
            }

            init(one: String, few: String, many: String, gender: Gender) {
                (self.one, self.few, self.many, self.gender) = (one, few, many, gender)
            }

            func form(for count: Int) -> String {
                switch pluralCategory(count) {
                case .one: one
                case .few: few
                case .many: many
                }
            }
        }

        /// `<integer words> <major noun> <MM> <minor noun>`, lower case.
        static func phrase(major: Int, minor: Int, minorText: String, currency: Currency) -> String {
            let (majorNoun, minorNoun) = nouns(for: currency)
            return countPhrase(major, noun: majorNoun) + " " + minorText + " " + minorNoun.form(for: minor)
        }

        /// A number in words followed by the agreeing noun: `двадцать одна тысяча`, `два цента`.
        static func countPhrase(_ count: Int, noun: Noun) -> String {
            cardinal(count, gender: noun.gender) + " " + noun.form(for: count)
        }

        /// Major and minor unit nouns. All major units are masculine (евро and тенге are
        /// indeclinable masculine nouns); of the minor units only копейка is feminine.
        static func nouns(for currency: Currency) -> (major: Noun, minor: Noun) {
            switch currency {
            case .RUB:
                (Noun(one: "рубль", few: "рубля", many: "рублей", gender: .masculine),
                 Noun(one: "копейка", few: "копейки", many: "копеек", gender: .feminine))
            case .USD:
                // CLDR: "доллар США", so the qualifier follows every form.
                (Noun(one: "доллар США", few: "доллара США", many: "долларов США", gender: .masculine), cent)
            case .KGS:
                // [U] The Bank of Russia writes "сом состоит из 100 тыйынов", but KG texts often
                // keep тыйын unchanged (docs/documents.md §7.1). We decline it, as the §7.3 table does.
                (Noun(one: "сом", few: "сома", many: "сомов", gender: .masculine),
                 Noun(one: "тыйын", few: "тыйына", many: "тыйынов", gender: .masculine))
            case .KZT:
                (Noun(invariable: "тенге", gender: .masculine),
                 Noun(one: "тиын", few: "тиына", many: "тиынов", gender: .masculine))
            case .CNY:
                // юань is CLDR; фэнь is [P] (common practice, not a standard).
                (Noun(one: "юань", few: "юаня", many: "юаней", gender: .masculine),
                 Noun(one: "фэнь", few: "фэня", many: "фэней", gender: .masculine))
            case .UZS:
                // [U] Not covered by docs/documents.md; сум/сума/сумов follows CLDR ru, тийин is
                // declined like тыйын.
                (Noun(one: "сум", few: "сума", many: "сумов", gender: .masculine),
                 Noun(one: "тийин", few: "тийина", many: "тийинов", gender: .masculine))
            case .EUR:
                (Noun(invariable: "евро", gender: .masculine), cent)
            }
        }

        private static let cent = Noun(one: "цент", few: "цента", many: "центов", gender: .masculine)

        /// CLDR ru cardinal plural rule for integers (`v = 0`).
        static func pluralCategory(_ count: Int) -> PluralCategory {
            let lastDigit = count % 10
            let lastTwoDigits = count % 100
            if lastDigit == 1, lastTwoDigits != 11 { return .one }
            if (2...4).contains(lastDigit), !(12...14).contains(lastTwoDigits) { return .few }
            return .many
        }

        /// Scale words from the largest down, with the gender the preceding numeral takes.
        /// тысяча is feminine (одна тысяча, две тысячи); миллион and миллиард are masculine.
        private static let scales: [(value: Int, noun: Noun)] = [
            (1_000_000_000, Noun(one: "миллиард", few: "миллиарда", many: "миллиардов", gender: .masculine)),
            (1_000_000, Noun(one: "миллион", few: "миллиона", many: "миллионов", gender: .masculine)),
            (1_000, Noun(one: "тысяча", few: "тысячи", many: "тысяч", gender: .feminine)),
        ]

        /// A non-negative integer below 10^12 in words; `gender` applies to the last group.
        ///
        /// Never a bare `тысяча`: 1000 is `одна тысяча`, as in 1C-style documents and ICU.
        static func cardinal(_ number: Int, gender: Gender) -> String {
            guard number > 0 else { return "ноль" }
            var words: [String] = []
            var rest = number
            for (value, noun) in scales where rest >= value {
                let count = rest / value
                words.append(triad(count, gender: noun.gender) + " " + noun.form(for: count))
                rest %= value
            }
            if rest > 0 { words.append(triad(rest, gender: gender)) }
            return words.joined(separator: " ")
        }

        /// 1...999 in words.
        private static func triad(_ number: Int, gender: Gender) -> String {
            var words: [String] = []
            if number >= 100 { words.append(hundreds[number / 100]) }
            let belowHundred = number % 100
            switch belowHundred {
            case 0: break
            case 10...19: words.append(teens[belowHundred - 10])
            default:
                if belowHundred >= 20 { words.append(tens[belowHundred / 10]) }
                let unit = belowHundred % 10
                if unit > 0 { words.append(unitWord(unit, gender: gender)) }
            }
            return words.joined(separator: " ")
        }

        private static func unitWord(_ unit: Int, gender: Gender) -> String {
            switch (unit, gender) {
            case (1, .feminine): "одна"
            case (2, .feminine): "две"
            default: units[unit]
            }
        }

        private static let units = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
        private static let teens = [
            "десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
            "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
        ]
        private static let tens = [
            "", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто",
        ]
        private static let hundreds = [
            "", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот",
        ]
    }
}
