import DocEngine

/// No-break spaces where Russian and Kyrgyz typesetting wants them (docs/documents.md §0.5), so
/// that a line never ends on «г.», «ул.», «№» or a lone preposition, never starts with a unit or a
/// dash, and never splits a phone number, an amount or a person's initials:
///
/// - after an abbreviation that precedes a name or a number: «г. Бишкек», «ул. Киевская»,
///   «д. 95», «офис 412», «ст. 164», «№ 12», «тел.: +996 …», «No. 88»;
/// - before a Kyrgyz abbreviation that follows the name: «Бишкек ш.», «Киев көч.»;
/// - between a number and its unit or currency: «18 400 кг», «245 км», «2026 г.», «22 ноября»,
///   «3 000 сом»; between the groups of a number written with spaces: «185 000,00»;
/// - inside a phone number: «+996 312 66-14-20»;
/// - between initials and the surname: «Асанов Н. Б.», «T. Holm»;
/// - before a dash: «Бишкек — Алматы» breaks after the dash, never before it;
/// - Russian only: after a one-letter word («в», «с», «к», «и» …), so it starts the next line
///   together with the word it belongs to.
///
/// Only U+0020 spaces between two printed words change, into U+00A0: no character is added or
/// removed, so text extraction and search read the same words. Applied to every paragraph as it
/// is built, across the runs of text it is made of (a label and a value from the data).
enum Typography {
    static let noBreakSpace: Unicode.Scalar = "\u{00A0}"

    /// The paragraph's inline content with the spaces above made unbreakable.
    static func glue(_ inlines: [Inline], language: Language) -> [Inline] {
        // One scalar array over every text run; anything else (a line break, an image, a page
        // number) ends a word, as a line break would.
        var scalars: [Unicode.Scalar] = []
        var runs: [(index: Int, range: Range<Int>)] = []
        for (index, inline) in inlines.enumerated() {
            switch inline {
            case .text(let text, _, _):
                let start = scalars.count
                scalars += text.unicodeScalars
                runs.append((index, start..<scalars.count))
            default:
                scalars.append("\n")
            }
        }
        guard scalars.contains(" ") else { return inlines }
        let positions = gluedSpaces(in: scalars, language: language)
        guard !positions.isEmpty else { return inlines }
        for position in positions { scalars[position] = noBreakSpace }
        var result = inlines
        for run in runs {
            guard case .text(_, let style, let origin) = inlines[run.index] else { continue }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[run.range])
            result[run.index] = .text(String(text), style, origin: origin)
        }
        return result
    }

    /// Indices of the spaces in `scalars` that must not break.
    static func gluedSpaces(in scalars: [Unicode.Scalar], language: Language) -> [Int] {
        // Words: maximal runs of non-whitespace, with the index of the single space after each.
        var words: [(start: Int, end: Int)] = []
        var index = 0
        while index < scalars.count {
            if scalars[index].properties.isWhitespace { index += 1; continue }
            let start = index
            while index < scalars.count, !scalars[index].properties.isWhitespace { index += 1 }
            words.append((start, index))
        }
        var result: [Int] = []
        var inPhone = false
        for pair in 0..<max(0, words.count - 1) {
            let (before, after) = (words[pair], words[pair + 1])
            // Only a single ASCII space between the two words is considered.
            guard after.start == before.end + 1, scalars[before.end] == " " else {
                inPhone = false
                continue
            }
            let left = String(String.UnicodeScalarView(scalars[before.start..<before.end]))
            let right = String(String.UnicodeScalarView(scalars[after.start..<after.end]))
            if isPhoneStart(left) { inPhone = true }
            let continuesPhone = inPhone && isPhonePart(right)
            if !continuesPhone { inPhone = false }
            if continuesPhone || glues(left, right, language: language) { result.append(before.end) }
        }
        return result
    }

    /// Whether the space between the words `left` and `right` must not break.
    static func glues(_ left: String, _ right: String, language: Language) -> Bool {
        let leftWord = left.drop { "(«\"„“'[".contains($0) }
        let rightWord = String(right.reversed().drop { ",;:.)»\"”'!?]".contains($0) }.reversed())
        let leftLower = leftWord.lowercased()
        if abbreviationsBefore.contains(leftLower) { return true }
        if right.first == "—" || right.first == "–" { return true }
        if kyrgyzAbbreviationsAfter.contains(right.lowercased().trimmingTrailing(",;)")) { return true }
        if let last = leftWord.last, last.isNumber {
            if units.contains(rightWord) || units.contains(right.lowercased().trimmingTrailing(",;)"))
                || unitPrefixes.contains(where: { rightWord.lowercased().hasPrefix($0) })
            {
                return true
            }
            // Groups of a number written with spaces: «185 000,00».
            if leftWord.count <= 3, leftWord.allSatisfy(\.isNumber), startsWithDigitGroup(right) { return true }
        }
        if isInitial(leftWord), let first = rightWord.first, first.isUppercase { return true }
        if leftWord.count > 1, leftWord.allSatisfy(\.isLetter), isInitial(Substring(right.prefix(2))) { return true }
        if language == .ru, leftWord.count == 1, oneLetterWords.contains(leftWord.first!) { return true }
        return false
    }

    /// A capital letter and a full stop: «Н.», «T.».
    private static func isInitial(_ word: Substring) -> Bool {
        word.count == 2 && word.first!.isUppercase && word.first!.isLetter && word.last == "."
    }

    /// `000`, `000,00`, `000.50`: a group of three digits, perhaps with decimals or punctuation.
    private static func startsWithDigitGroup(_ word: String) -> Bool {
        let digits = word.prefix { $0.isNumber }
        guard digits.count == 3 else { return false }
        let rest = word.dropFirst(3)
        return rest.isEmpty || rest.first == "," || rest.first == "." || rest.first == ")" || rest.first == ";"
    }

    private static func isPhoneStart(_ word: String) -> Bool {
        word.hasPrefix("+") && word.count >= 2 && word.dropFirst().allSatisfy(\.isNumber)
    }

    private static func isPhonePart(_ word: String) -> Bool {
        let core = word.trimmingTrailing(",;")
        return !core.isEmpty && core.allSatisfy { $0.isNumber || "()-".contains($0) } && core.contains(where: \.isNumber)
    }

    /// Words that stand before the name or number they belong to (lower case, as written).
    static let abbreviationsBefore: Set<String> = [
        "г.", "д.", "ул.", "пр.", "пр-т", "просп.", "пер.", "мкр.", "мкр", "обл.", "р-н", "пос.", "с.", "ст.",
        "им.", "кв.", "корп.", "стр.", "пом.", "оф.", "офис", "каб.", "тел.", "тел.:", "т/п", "п.", "пп.", "пл.",
        "наб.", "а/м", "№", "no.", "office", "тыс.", "тел.:", "tel.", "tel.:", "ч.", "абз.", "гл.", "разд.",
    ]

    /// Kyrgyz abbreviations written after the name: «Бишкек ш.», «Киев көч.», «Чүй обл.».
    static let kyrgyzAbbreviationsAfter: Set<String> = ["ш.", "к.", "көч.", "пр.", "обл.", "р-ну", "мкр.", "а.", "ж."]

    /// Units and currencies that follow a number.
    static let units: Set<String> = [
        "кг", "т", "км", "м", "м²", "м³", "мм", "см", "л", "ч", "мин", "сут", "сут.", "сом", "руб.", "руб", "тенге",
        "теңге", "сум", "долл.", "млн", "млрд", "г.", "гг.", "USD", "KGS", "RUB", "KZT", "UZS", "CNY", "EUR",
        "°C", "%", "шт.", "kg", "km", "t", "h", "m³", "СДР", "SDR", "жыл", "ж.", "тыйын", "тыйынов", "копеек",
    ]

    /// Beginnings of words that follow a number as its unit (any case ending).
    static let unitPrefixes = [
        "тонн", "куб", "градус", "сутк", "суток", "саат", "час", "минут", "дн", "банковск", "календарн", "рабоч",
        "месяц", "километр", "паллет", "мест", "сом", "рубл", "доллар", "евро", "юан", "процент", "января",
        "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "day", "banking", "calendar", "hour", "pallet", "tonne",
    ]

    /// Russian one-letter words that must not end a line.
    static let oneLetterWords: Set<Character> = ["в", "к", "с", "у", "о", "и", "а", "я", "В", "К", "С", "У", "О", "И", "А", "Я"]
}

extension String {
    /// The text without the given characters at its end.
    fileprivate func trimmingTrailing(_ characters: String) -> String {
        String(reversed().drop { characters.contains($0) }.reversed())
    }
}
