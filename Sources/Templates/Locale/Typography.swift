import DocEngine
import Synchronization

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
    /// - Parameter words: what is known of words already seen; a render keeps one for all its
    ///   paragraphs (a table's cells repeat their words row after row).
    static func glue(_ inlines: [Inline], language: Language, words: WordCache = WordCache()) -> [Inline] {
        // Only a space can become a no-break space; most paragraphs (a table's cells) have none.
        // In UTF-8 the byte 0x20 is always the scalar U+0020.
        let hasSpace = inlines.contains { inline in
            if case .text(let text, _, _) = inline { text.hasUTF8Byte(0x20) } else { false }
        }
        guard hasSpace else { return inlines }
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
        let positions = gluedSpaces(in: scalars, language: language, words: words)
        guard !positions.isEmpty else { return inlines }
        for position in positions { scalars[position] = noBreakSpace }
        var result = inlines
        for run in runs where positions.contains(where: run.range.contains) {
            guard case .text(_, let style, let origin) = inlines[run.index] else { continue }
            result[run.index] = .text(String(encoding: scalars[run.range]), style, origin: origin)
        }
        return result
    }

    /// Indices of the spaces in `scalars` that must not break.
    static func gluedSpaces(in scalars: [Unicode.Scalar], language: Language, words cache: WordCache = WordCache()) -> [Int] {
        // Words: maximal runs of non-whitespace, with the index of the single space after each.
        var words: [(start: Int, end: Int)] = []
        words.reserveCapacity(scalars.count / 2 + 1)  // each word but the last has a space after it
        var index = 0
        while index < scalars.count {
            if isWhitespace(scalars[index]) { index += 1; continue }
            let start = index
            while index < scalars.count, !isWhitespace(scalars[index]) { index += 1 }
            words.append((start, index))
        }
        var result: [Int] = []
        var inPhone = false
        var left = words.first.map { cache.traits(of: scalars[$0.start..<$0.end]) }
        for pair in 0..<max(0, words.count - 1) {
            let (before, after) = (words[pair], words[pair + 1])
            let right = cache.traits(of: scalars[after.start..<after.end])
            defer { left = right }
            // Only a single ASCII space between the two words is considered.
            guard after.start == before.end + 1, scalars[before.end] == " ", let left else {
                inPhone = false
                continue
            }
            if left.startsPhone { inPhone = true }
            let continuesPhone = inPhone && right.continuesPhone
            if !continuesPhone { inPhone = false }
            if continuesPhone || glues(left, right, language: language) { result.append(before.end) }
        }
        return result
    }

    /// Whether the space between the words `left` and `right` must not break.
    static func glues(_ left: String, _ right: String, language: Language) -> Bool {
        glues(WordTraits(left), WordTraits(right), language: language)
    }

    /// Every rule is something true of the word before the space together with something true of
    /// the word after it, so each word is examined once (`WordTraits`), not once per rule and pair;
    /// what only a rare partner asks (is it a unit? all letters?) is asked only then.
    private static func glues(_ left: WordTraits, _ right: WordTraits, language: Language) -> Bool {
        left.isAbbreviationBefore
            || right.startsWithDash
            || right.isKyrgyzAbbreviationAfter
            || (left.endsWithNumber && (right.isUnit || (right.startsWithDigitGroup && left.isDigitGroup)))
            || (left.isInitial && right.startsUppercase)
            || (right.startsWithInitial && left.isLetters)
            || (language == .ru && left.isOneLetterWord)
    }

    /// What the rules ask of one word, as the word before a space and as the word after it.
    struct WordTraits {
        let word: String
        /// As the word before a space: without its opening quotes and brackets.
        let asLeft: Substring
        /// As the word after a space: without its closing punctuation.
        let asRight: Substring
        /// The number of characters of `asLeft`, counted up to 4 (the rules ask "one", "two", "three or fewer").
        let leftCount: Int
        let isAbbreviationBefore: Bool
        let endsWithNumber: Bool
        let isInitial: Bool
        let isOneLetterWord: Bool
        let startsPhone: Bool
        let startsWithDash: Bool
        let isKyrgyzAbbreviationAfter: Bool
        /// Listed as a unit in lower case without trailing «,;)» (the rest of `isUnit`, worked out when asked).
        let isListedUnitInLowerCase: Bool
        let startsUppercase: Bool
        let startsWithInitial: Bool

        init(_ word: String) {
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                self.init(ascii: word)
            } else {
                self.init(anyText: word)
            }
        }

        /// The traits of any word, character by character.
        init(anyText word: String) {
            self.word = word
            asLeft = word.drop { "(«\"„“'[".contains($0) }
            asRight = word.droppingTrailing(",;:.)»\"”'!?]")
            leftCount = asLeft.prefix(4).count
            isAbbreviationBefore = abbreviationsBefore.mayContain(asLeft) && abbreviationsBefore.contains(asLeft.lowercased())
            endsWithNumber = asLeft.last?.isNumber ?? false
            isInitial = leftCount == 2 && Typography.isInitial(asLeft)
            isOneLetterWord = leftCount == 1 && oneLetterWords.contains(asLeft.first!)
            startsPhone = isPhoneStart(word)
            startsWithDash = word.first == "—" || word.first == "–"
            (isKyrgyzAbbreviationAfter, isListedUnitInLowerCase) = Self.listedAfterName(word)
            startsUppercase = asRight.first?.isUppercase ?? false
            startsWithInitial = Typography.isInitial(Substring(word.prefix(2)))
        }

        /// The traits of a word of ASCII characters, the same as `init(anyText:)` gives (a test
        /// holds the two together) but read byte by byte: most words a render meets for the first
        /// time are amounts, numbers and dates, and walking them as `Character`s, once per rule,
        /// cost some 25 000 instructions a word. In ASCII every byte is a character of its own (a
        /// word holds no CR LF), a letter or digit is what `isLetter`, `isUppercase` and
        /// `isNumber` say of it, and no dash, «, „, “, ” or listed one-letter word is ASCII.
        init(ascii word: String) {
            self.word = word
            let bytes = word.utf8
            var leftStart = bytes.startIndex
            while leftStart < bytes.endIndex, ASCII.isOpening(bytes[leftStart]) {
                leftStart = bytes.index(after: leftStart)
            }
            var rightEnd = bytes.endIndex
            while rightEnd > bytes.startIndex, ASCII.isClosing(bytes[bytes.index(before: rightEnd)]) {
                rightEnd = bytes.index(before: rightEnd)
            }
            asLeft = word[leftStart...]
            asRight = word[..<rightEnd]
            let left = asLeft.utf8
            leftCount = min(4, left.count)
            // No listed word has a digit; trimming keeps every digit, so a word with one is none.
            let mayBeListed = !(listsHaveNoDigit && bytes.contains(where: ASCII.isDigit))
            isAbbreviationBefore =
                mayBeListed && abbreviationsBefore.mayContain(asLeft)
                && abbreviationsBefore.contains(asLeft.lowercased())
            endsWithNumber = left.last.map(ASCII.isDigit) ?? false
            isInitial = leftCount == 2 && ASCII.isUppercase(left.first!) && left.last == UInt8(ascii: ".")
            isOneLetterWord = false
            startsPhone =
                bytes.first == UInt8(ascii: "+") && bytes.count >= 2 && bytes.dropFirst().allSatisfy(ASCII.isDigit)
            startsWithDash = false
            (isKyrgyzAbbreviationAfter, isListedUnitInLowerCase) = mayBeListed ? Self.listedAfterName(word) : (false, false)
            startsUppercase = asRight.utf8.first.map(ASCII.isUppercase) ?? false
            startsWithInitial =
                bytes.count >= 2 && ASCII.isUppercase(bytes.first!) && bytes.dropFirst().first == UInt8(ascii: ".")
        }

        /// Whether the word, without closing `,;)` and in lower case, is a listed Kyrgyz
        /// abbreviation written after a name, and a listed unit. Lower case only for a word short
        /// enough to be listed: lowercasing never shortens a word (each scalar maps to one or
        /// more), and most words are longer than any listed.
        private static func listedAfterName(_ word: String) -> (kyrgyzAbbreviation: Bool, unit: Bool) {
            let trimmed = word.droppingTrailing(",;)")
            guard kyrgyzAbbreviationsAfter.mayContain(trimmed) || units.mayContain(trimmed) else { return (false, false) }
            let lowercased = word.lowercased().droppingTrailing(",;)")
            return (kyrgyzAbbreviationsAfter.contains(lowercased), units.contains(lowercased))
        }

        /// One to three digits: a group of a number written with spaces.
        var isDigitGroup: Bool { endsWithNumber && leftCount <= 3 && asLeft.allSatisfy(\.isNumber) }
        /// Two letters or more, nothing else: a surname before initials.
        var isLetters: Bool { leftCount > 1 && asLeft.allSatisfy(\.isLetter) }
        /// A unit or currency after a number (without closing punctuation, in any case).
        var isUnit: Bool { isListedUnitInLowerCase || units.contains(asRight) || Self.startsWithUnitPrefix(asRight) }
        var startsWithDigitGroup: Bool { Typography.startsWithDigitGroup(word) }
        var continuesPhone: Bool { isPhonePart(word) }

        /// Whether the word, in lower case, begins with one of `unitPrefixes`; lowercased only
        /// when its first letter starts one of them.
        private static func startsWithUnitPrefix(_ word: Substring) -> Bool {
            guard let first = word.unicodeScalars.first?.properties.lowercaseMapping.unicodeScalars.first,
                let candidates = unitPrefixesByFirstScalar[first]
            else { return false }
            let lowercased = word.lowercased()
            return candidates.contains { lowercased.hasPrefix($0) }
        }
    }

    /// Each word's traits, worked out once per render, and once per process for words without
    /// digits: a render's own words are kept here, and words of earlier renders are found in
    /// `SharedWords` (most of an invoice's words are its predecessors': labels, units, phrases).
    /// Keyed by the word's scalars: hashing them is plain integer hashing, where hashing a
    /// Cyrillic `String` normalises it first.
    final class WordCache {
        private var known: [[Unicode.Scalar]: WordTraits] = [:]
        private let shared: SharedWords?

        /// - Parameter shared: words of earlier renders to look in and add to; nil for none.
        init(shared: SharedWords? = nil) {
            self.shared = shared
            known.reserveCapacity(256)  // a one-page invoice meets about that many words: no regrowing
        }

        func traits(of scalars: ArraySlice<Unicode.Scalar>) -> WordTraits {
            let key = Array(scalars)
            // A word without an ASCII digit is most likely the process's already (a label, a
            // unit, a phrase): looked up there first, and not copied into this render's table
            // unless the process would not keep it. Copying each into the render's table as well
            // hashed a one-page invoice's words three times.
            if let shared, !key.contains(where: { $0.value &- 0x30 < 10 }) {
                if let traits = shared.traits(of: key) ?? known[key] { return traits }
                let traits = WordTraits(String(encoding: scalars))
                if !shared.remember(traits, for: key) { known[key] = traits }
                return traits
            }
            if let traits = known[key] { return traits }
            let traits = WordTraits(String(encoding: scalars))
            known[key] = traits
            return traits
        }
    }

    /// Word traits shared by every render of a process, behind a lock (the service renders on
    /// several threads). Words with a digit are not kept: amounts, numbers and dates are almost
    /// never met twice. Bounded: once full, new words are worked out per render only.
    final class SharedWords: Sendable {
        /// About 2 MB of words; the built-in documents in three languages use fewer than 6 000.
        static let capacity = 10_000
        /// The one the evaluator uses.
        static let process = SharedWords()

        private let words = Mutex<[[Unicode.Scalar]: WordTraits]>([:])

        func traits(of key: [Unicode.Scalar]) -> WordTraits? {
            words.withLock { $0[key] }
        }

        /// Keeps `traits` unless the word has a digit or the table is full.
        /// - Returns: whether the word is kept.
        @discardableResult
        func remember(_ traits: WordTraits, for key: [Unicode.Scalar]) -> Bool {
            guard !key.contains(where: { $0.properties.numericType != nil }) else { return false }
            return words.withLock { words in
                guard words.count < Self.capacity else { return false }
                words[key] = traits
                return true
            }
        }

        var count: Int { words.withLock { $0.count } }
    }

    /// Whether no word of the lists above has an ASCII digit (then a word with one is not listed).
    static let listsHaveNoDigit = [abbreviationsBefore, kyrgyzAbbreviationsAfter, units].allSatisfy { list in
        list.words.allSatisfy { !$0.utf8.contains(where: ASCII.isDigit) }
    }

    /// The ASCII members of the character classes `WordTraits` asks about.
    private enum ASCII {
        /// Opening quotes and brackets a word before a space is read without: `(«"„“'[`.
        static func isOpening(_ byte: UInt8) -> Bool { byte == 0x28 || byte == 0x22 || byte == 0x27 || byte == 0x5B }
        /// Closing punctuation a word after a space is read without: `,;:.)»"”'!?]`.
        static func isClosing(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: ")"),
                UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "]"):
                true
            default: false
            }
        }
        static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
        static func isUppercase(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    }

    /// Words looked up as a `Set<String>` does (canonically equal text matches), knowing how long
    /// a match can be, so that longer words, most words of a document, are never hashed.
    struct WordList: ExpressibleByArrayLiteral {
        let words: Set<String>
        /// More scalars than any spelling of a listed word has: every letter in these lists
        /// decomposes into at most two scalars (й = и + ◌̆), so twice the longest will do.
        let scalarLimit: Int

        init(arrayLiteral words: String...) {
            self.words = Set(words)
            scalarLimit = 2 * (words.map(\.unicodeScalars.count).max() ?? 0)
        }

        /// False when `text` is too long to be a listed word (or its lower case).
        func mayContain(_ text: some StringProtocol) -> Bool {
            var count = 0
            for _ in text.unicodeScalars {
                count += 1
                if count > scalarLimit { return false }
            }
            return true
        }

        func contains(_ text: some StringProtocol) -> Bool {
            mayContain(text) && words.contains(String(text))
        }
    }

    /// Unicode's White_Space property, without a property lookup (Cyrillic text would need one
    /// for every letter).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { Whitespace.contains(scalar) }

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
        let core = word.droppingTrailing(",;")
        return !core.isEmpty && core.allSatisfy { $0.isNumber || "()-".contains($0) } && core.contains(where: \.isNumber)
    }

    /// Words that stand before the name or number they belong to (lower case, as written).
    static let abbreviationsBefore: WordList = [
        "г.", "д.", "ул.", "пр.", "пр-т", "просп.", "пер.", "мкр.", "мкр", "обл.", "р-н", "пос.", "с.", "ст.",
        "им.", "кв.", "корп.", "стр.", "пом.", "оф.", "офис", "каб.", "тел.", "тел.:", "т/п", "п.", "пп.", "пл.",
        "наб.", "а/м", "№", "no.", "office", "тыс.", "тел.:", "tel.", "tel.:", "ч.", "абз.", "гл.", "разд.",
    ]

    /// Kyrgyz abbreviations written after the name: «Бишкек ш.», «Киев көч.», «Чүй обл.».
    static let kyrgyzAbbreviationsAfter: WordList = ["ш.", "к.", "көч.", "пр.", "обл.", "р-ну", "мкр.", "а.", "ж."]

    /// Units and currencies that follow a number.
    static let units: WordList = [
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

    /// `unitPrefixes` by their first scalar, so a word is compared only with those it may start
    /// with. Exact: each prefix begins with a letter that no other character decomposes to, so a
    /// word that starts with the prefix (as `hasPrefix` compares) starts with that very scalar.
    static let unitPrefixesByFirstScalar = Dictionary(grouping: unitPrefixes) { $0.unicodeScalars.first! }

    /// Russian one-letter words that must not end a line.
    static let oneLetterWords: Set<Character> = ["в", "к", "с", "у", "о", "и", "а", "я", "В", "К", "С", "У", "О", "И", "А", "Я"]
}

extension StringProtocol {
    /// The text without the given characters at its end (whole characters, as `reversed()` sees them).
    fileprivate func droppingTrailing(_ characters: String) -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard characters.contains(self[before]) else { break }
            end = before
        }
        return self[..<end]
    }
}
