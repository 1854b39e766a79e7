/// Renders numbers and money the way documents print them (CLDR conventions, docs/documents.md §0.5).
///
/// ru and ky group thousands with U+00A0 NO-BREAK SPACE (so a line never breaks inside an
/// amount) and use a decimal comma: `1 234 567,89`. en uses `1,234,567.89`. Negative values
/// take an ASCII hyphen-minus, `-1 234,00`: documents are also read by text extraction and
/// search, where U+2212 MINUS SIGN does not match `-`. A value that rounds to zero is printed
/// without a sign. Every group is separated, including four-digit numbers (`1 234`), as CLDR
/// does for ru and ky.
///
/// Named `NumberFormatting` rather than `NumberFormatter` so it never clashes with
/// Foundation's class in files that import both modules.
public enum NumberFormatting {
    /// Money always shows this many decimals.
    static let moneyFractionDigits = 2
    /// U+00A0 NO-BREAK SPACE, the ru and ky group separator.
    static let noBreakSpace = "\u{00A0}"
    private static let digitsPerGroup = 3

    /// An amount with exactly two decimals, rounded half-up: `1 234 567,89` (ru, ky),
    /// `1,234,567.89` (en).
    /// - Parameters:
    ///   - amount: The amount; it is rounded, never truncated.
    ///   - language: Chooses the separators.
    public static func formatMoney(_ amount: ExactDecimal, language: Language) -> String {
        formatNumber(amount, fractionDigits: moneyFractionDigits, language: language)
    }

    /// A number with locale separators.
    /// - Parameters:
    ///   - value: The number.
    ///   - fractionDigits: Round half-up to this many decimals and pad with zeros (must not be
    ///     negative; callers passing template input should validate it); `nil` prints every significant decimal the value
    ///     has, with trailing zeros trimmed (`12.50` → `12,5`, `3` → `3`).
    ///   - language: Chooses the separators.
    public static func formatNumber(_ value: ExactDecimal, fractionDigits: Int? = nil, language: Language) -> String {
        let shown = fractionDigits.map { value.rounded(toScale: $0) } ?? value
        let digitsAfterPoint = fractionDigits ?? shown.scale
        let (group, decimal) = separators(for: language)
        var text = shown.sign == .negative ? "-" : ""
        text += grouped(shown.integerPart, separator: group)
        if digitsAfterPoint > 0 {
            text += decimal + shown.fractionDigits(digitsAfterPoint)
        }
        return text
    }

    /// Group and decimal separators of a language.
    static func separators(for language: Language) -> (group: String, decimal: String) {
        switch language {
        case .ru, .ky: (noBreakSpace, ",")
        case .en: (",", ".")
        }
    }

    /// Inserts `separator` between groups of three digits, counting from the right.
    static func grouped(_ digits: String, separator: String) -> String {
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % digitsPerGroup == 0 { result += separator }
            result.append(digit)
        }
        return result
    }
}
