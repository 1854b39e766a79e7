/// A currency a document can be priced in (the schema's `Currency` enum).
///
/// Case names are the ISO 4217 codes so they match the order JSON verbatim.
public enum Currency: String, Sendable, Hashable, CaseIterable {
    /// Kyrgyz som.
    case KGS
    /// US dollar.
    case USD
    /// Russian rouble.
    case RUB
    /// Kazakhstani tenge.
    case KZT
    /// Uzbek sum.
    case UZS
    /// Chinese yuan (renminbi).
    case CNY
    /// Euro.
    case EUR

    /// The ISO 4217 code, e.g. `KGS`. Tables and column headers should print this: it is
    /// unambiguous in every language and needs no grammatical agreement.
    public var code: String { rawValue }

    /// Digits of the minor unit. All supported currencies have 100 minor units (ISO 4217
    /// lists 2 for each; UZS tiyin are out of circulation but still the official exponent).
    public var minorUnitDigits: Int { Self.standardMinorUnitDigits }

    private static let standardMinorUnitDigits = 2

    /// A sign to print next to amounts, or `nil` when the bundled fonts lack it or there is none.
    ///
    /// KGS has `⃀` (U+20C0) since 2024, but neither DejaVu nor PT Sans has the glyph
    /// (docs/documents.md §0.5), so it is `nil`; write ``shortLabel(in:)`` or ``code`` instead.
    /// UZS has no sign. `¥` is shared with the Japanese yen.
    public var symbol: String? {
        switch self {
        case .KGS, .UZS: nil
        case .USD: "$"
        case .RUB: "₽"
        case .KZT: "₸"
        case .CNY: "¥"
        case .EUR: "€"
        }
    }

    /// A short label for running text after an amount ("Итого: 1 234,00 сом").
    ///
    /// Russian labels are abbreviations or invariable words so they need no agreement with
    /// the number (`руб.`, `долл. США`, `сом` as used invariably in KG documents, `тенге`,
    /// `евро`); CNY has no settled abbreviation, so its code is used. Kyrgyz nouns do not
    /// change after numerals, so full nouns work. English uses ISO codes.
    /// - Parameter language: The document language.
    public func shortLabel(in language: Language) -> String {
        switch (language, self) {
        case (.ru, .KGS): "сом"
        case (.ru, .USD): "долл. США"
        case (.ru, .RUB): "руб."
        case (.ru, .KZT): "тенге"
        case (.ru, .UZS): "сум"
        case (.ru, .CNY): "CNY"
        case (.ru, .EUR): "евро"
        case (.ky, .KGS): "сом"
        case (.ky, .USD): "АКШ доллары"
        case (.ky, .RUB): "рубль"
        case (.ky, .KZT): "теңге"
        case (.ky, .UZS): "сум"
        case (.ky, .CNY): "юань"
        case (.ky, .EUR): "евро"
        case (.en, _): code
        }
    }
}
