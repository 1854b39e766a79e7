/// Spells money amounts the way invoices and acts print them (docs/documents.md §7):
/// integer part in words, minor units as two digits, noun agreeing with the number,
/// first letter capitalised, no comma between the parts.
///
/// - ru: `Двадцать одна тысяча рублей 00 копеек`, `Два доллара США 22 цента`
/// - ky: `Эки миң сом 00 тыйын` (juxtaposition, nouns never change)
/// - en: `One thousand two hundred thirty-four US dollars 50 cents`
///
/// The amount is first rounded half-up to two decimals (1.005 → 1.01). Negative amounts get a
/// leading `Минус` / `Minus` (ICU spells negatives that way); documents normally never show one,
/// but a credit note or correction should not crash the renderer. Minus zero prints as zero.
public enum AmountInWords {
    /// The largest magnitude that can be spelled: 999 999 999 999.99 (the scale words stop at
    /// миллиард / миллиард / billion, which covers any freight amount).
    public static let maximumAmount = ExactDecimal(canonicalMantissa: 99_999_999_999_999, scale: minorDigits)

    /// Every supported currency has two minor digits; see ``Currency/minorUnitDigits``.
    static let minorDigits = 2
    private static let minorUnitsPerMajor = 100

    /// The amount in words.
    /// - Parameters:
    ///   - amount: The amount; rounded half-up to two decimals before spelling.
    ///   - currency: Chooses the nouns (e.g. `сом … тыйынов`).
    ///   - language: ru, ky or en.
    /// - Throws: ``AmountInWordsError/amountTooLarge(_:)`` when the rounded magnitude exceeds
    ///   ``maximumAmount``.
    public static func spell(_ amount: ExactDecimal, currency: Currency, language: Language) throws(AmountInWordsError)
        -> String
    {
        let rounded = amount.rounded(toScale: minorDigits)
        guard rounded.magnitude <= maximumAmount else { throw .amountTooLarge(amount) }
        // maximumAmount has 14 digits, so the total in minor units fits comfortably in Int.
        let totalMinor = Int(rounded.mantissa.magnitude * ExactDecimal.powersOfTen[minorDigits - rounded.scale])
        let (major, minor) = totalMinor.quotientAndRemainder(dividingBy: minorUnitsPerMajor)
        let minorDigitsText = String(zeroPadded: minor, width: minorDigits)

        let words = switch language {
        case .ru: Russian.phrase(major: major, minor: minor, minorText: minorDigitsText, currency: currency)
        case .ky: Kyrgyz.phrase(major: major, minorText: minorDigitsText, currency: currency)
        case .en: English.phrase(major: major, minor: minor, minorText: minorDigitsText, currency: currency)
        }
        let signed = rounded.sign == .negative ? minusWord(language) + " " + words : words
        return capitalizingFirstLetter(signed)
    }

    private static func minusWord(_ language: Language) -> String {
        switch language {
        case .ru, .ky: "минус"
        case .en: "minus"
        }
    }

    static func capitalizingFirstLetter(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

/// Why an amount could not be spelled.
public enum AmountInWordsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The amount (as given) exceeds ``AmountInWords/maximumAmount`` after rounding.
    case amountTooLarge(ExactDecimal)

    /// A readable message for diagnostics.
    public var description: String {
        switch self {
        case .amountTooLarge(let amount):
            "amount \(amount) is too large to spell out (maximum \(AmountInWords.maximumAmount))"
        }
    }
}
