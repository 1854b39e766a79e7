/// How a date is spelled in a document.
public enum DateStyle: Sendable, Hashable, CaseIterable {
    /// ru `22 ноября 2026 г.`, ky possessive (header) `2026-жылдын 22-ноябры`, en `22 November 2026`.
    case long
    /// `22.11.2026` in every language.
    case numeric
    /// ru contract style `«22» ноября 2026 г.` (two-digit day); ky and en fall back to ``long``.
    case quoted
    /// ky "dated" form `2026-жылдын 22-ноябрындагы` (as in "… № 343 токтому"); ru and en have
    /// no separate form ("от 22 ноября 2026 г." puts the preposition in the template), so they
    /// fall back to ``long``.
    case attributive
    /// ky ablative ("from") `2026-жылдын 1-декабрынан`, for "… баштап" and the start of "…дан …га
    /// чейин". ru and en fall back to ``long``: the Russian genitive `1 декабря 2026 г.` is what
    /// «с …» and «до …» need. Template style name "from".
    case ablative
    /// ky dative ("until", "to") `2027-жылдын 31-мартына`, for "… чейин". ru and en fall back to
    /// ``long`` (genitive, as «по …» and «до …» need). Template style name "until".
    case dative
    /// ky accusative `2027-жылдын 28-февралын`, as in "… кошо алганда" ("… inclusive"). ru and en
    /// fall back to ``long``. Template style name "accusative".
    case accusative
}

/// Renders ``CalendarDate`` and ``LocalDateTime`` values per docs/documents.md §8.
///
/// Kyrgyz uses the official ordinal-hyphen style with Russian-derived month names, not CLDR's
/// `2026-ж., 22-ноябрь`, which is fine for UI but not for official documents. Month tables
/// are copied from §8; forms marked [U] there were inferred from the pattern, not seen in
/// published texts. Named `DateFormatting` to avoid clashing with Foundation's `DateFormatter`.
public enum DateFormatting {
    /// A date in the given style and language.
    /// - Parameters:
    ///   - date: The calendar date.
    ///   - style: Long, numeric, quoted, attributive or a Kyrgyz case form (see ``DateStyle`` for
    ///     fallbacks).
    ///   - language: The document language.
    public static func formatDate(_ date: CalendarDate, style: DateStyle, language: Language) -> String {
        let month = date.month - 1
        switch (language, style) {
        case (_, .numeric):
            return String(zeroPadded: date.day, width: 2) + "." + String(zeroPadded: date.month, width: 2) + "."
                + String(zeroPadded: date.year, width: 4)
        case (.ru, .quoted):
            let day = String(zeroPadded: date.day, width: 2)
            return "«" + day + "» " + russianGenitiveMonths[month] + " \(date.year) г."
        case (.ru, _):
            return "\(date.day) " + russianGenitiveMonths[month] + " \(date.year) г."
        case (.ky, .attributive):
            return "\(date.year)-жылдын \(date.day)-" + kyrgyzAttributiveMonths[month]
        case (.ky, .ablative), (.ky, .dative), (.ky, .accusative):
            return "\(date.year)-жылдын \(date.day)-" + kyrgyzCaseForm(of: kyrgyzPossessiveMonths[month], style)
        case (.ky, _):
            return "\(date.year)-жылдын \(date.day)-" + kyrgyzPossessiveMonths[month]
        case (.en, _):
            return "\(date.day) " + englishMonths[month] + " \(date.year)"
        }
    }

    /// Clock time as `14:35` (24-hour, all languages).
    /// - Parameter value: The date-time; its local time is printed as written.
    public static func formatTime(_ value: LocalDateTime) -> String {
        String(zeroPadded: value.hour, width: 2) + ":" + String(zeroPadded: value.minute, width: 2)
    }

    /// Date, time and offset for "confirmed at" and e-signature lines: `20.11.2026 14:35 UTC+06:00`
    /// (`UTC` alone for `Z`). The offset keeps the line unambiguous without naming a zone.
    /// - Parameters:
    ///   - value: The date-time as written by the signer's device.
    ///   - language: The document language (the form is currently the same in all three).
    public static func formatDateTime(_ value: LocalDateTime, language: Language) -> String {
        let offset = value.isUTCDesignator ? "" : value.offsetText
        return formatDate(value.date, style: .numeric, language: language) + " " + formatTime(value) + " UTC" + offset
    }

    /// Genitive month names (CLDR ru "format" width "wide").
    static let russianGenitiveMonths = [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ]

    /// Possessive month forms for header dates (§8). Seen in official texts: январы, марты,
    /// апрели, июну, июлу, сентябры, декабры. [U] inferred from the pattern, not seen:
    /// февралы, майы, августу, октябры, ноябры.
    static let kyrgyzPossessiveMonths = [
        "январы", "февралы", "марты", "апрели", "майы", "июну",
        "июлу", "августу", "сентябры", "октябры", "ноябры", "декабры",
    ]

    /// Attributive ("dated") month forms (§8). Seen in official texts: all except мартындагы,
    /// which is [U] (inferred from the pattern).
    static let kyrgyzAttributiveMonths = [
        "январындагы", "февралындагы", "мартындагы", "апрелиндеги", "майындагы", "июнундагы",
        "июлундагы", "августундагы", "сентябрындагы", "октябрындагы", "ноябрындагы", "декабрындагы",
    ]

    /// A possessive month form (`декабры`, `апрели`, `июну`) in the ablative, dative or
    /// accusative. After the 3rd-person possessive the case suffixes take a pronominal `н`:
    /// ablative -нан/-нен/-нон/-нөн, dative -на/-не/-но/-нө, accusative -н. The vowel follows
    /// the last vowel of the stem (ы, а, у → а; и, е, э → е; о → о; ө, ү → ө), as in the seen
    /// attributive forms июнундагы, апрелиндеги: декабры → декабрынан, декабрына, декабрын;
    /// апрели → апрелинен, апрелине, апрелин; июну → июнунан, июнуна, июнун. §8 lists no case
    /// forms, so all of these are [U] (built from the pattern) until a native reviewer checks them.
    static func kyrgyzCaseForm(of possessive: String, _ style: DateStyle) -> String {
        let vowel: String
        switch possessive.last(where: { "аеёиоөуүыэюя".contains($0) }) {
        case "и", "е", "э": vowel = "е"
        case "о", "ё": vowel = "о"
        case "ө", "ү": vowel = "ө"
        default: vowel = "а"
        }
        switch style {
        case .ablative: return possessive + "н" + vowel + "н"
        case .dative: return possessive + "н" + vowel
        default: return possessive + "н"
        }
    }

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
