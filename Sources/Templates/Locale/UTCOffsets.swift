import Foundation

/// UTC offsets of the time zones stops are in, printed instead of IANA names («UTC+6», never
/// «Asia/Bishkek»): a carrier's dispatcher knows an offset, not a database key
/// (docs/documents.md §0.6 rules 5–6).
///
/// The zones of the region are a table here, with the date each offset took effect, so that a
/// PDF does not change when the machine's tz database is updated (house rule 4: same data, same
/// bytes). Other zones fall back to the system's database.
public enum UTCOffsets {
    /// One offset of a zone, in force from `since` (inclusive; nil: always before the next entry).
    struct Period: Sendable {
        var since: CalendarDate?
        var minutes: Int
    }

    /// 1 March 2024, when Almaty and Qostanay left UTC+6.
    // A literal valid date: the initialiser cannot fail here.
    static let kazakhstanMovedToUTC5 = try! CalendarDate(year: 2024, month: 3, day: 1)

    /// The region's zones (tzdata 2024a and later). Kazakhstan moved to UTC+5 on 1 March 2024.
    static let table: [String: [Period]] = [
        "Asia/Bishkek": [Period(since: nil, minutes: 360)],
        "Asia/Almaty": [Period(since: nil, minutes: 360), Period(since: kazakhstanMovedToUTC5, minutes: 300)],
        "Asia/Qostanay": [Period(since: nil, minutes: 360), Period(since: kazakhstanMovedToUTC5, minutes: 300)],
        "Asia/Aqtobe": [Period(since: nil, minutes: 300)],
        "Asia/Aqtau": [Period(since: nil, minutes: 300)],
        "Asia/Atyrau": [Period(since: nil, minutes: 300)],
        "Asia/Oral": [Period(since: nil, minutes: 300)],
        "Asia/Qyzylorda": [Period(since: nil, minutes: 300)],
        "Asia/Tashkent": [Period(since: nil, minutes: 300)],
        "Asia/Samarkand": [Period(since: nil, minutes: 300)],
        "Asia/Dushanbe": [Period(since: nil, minutes: 300)],
        "Asia/Ashgabat": [Period(since: nil, minutes: 300)],
        "Asia/Shanghai": [Period(since: nil, minutes: 480)],
        "Asia/Urumqi": [Period(since: nil, minutes: 360)],
        "Asia/Kashgar": [Period(since: nil, minutes: 360)],
        "Europe/Moscow": [Period(since: nil, minutes: 180)],
        "Europe/Samara": [Period(since: nil, minutes: 240)],
        "Asia/Yekaterinburg": [Period(since: nil, minutes: 300)],
        "Asia/Omsk": [Period(since: nil, minutes: 360)],
        "Asia/Novosibirsk": [Period(since: nil, minutes: 420)],
        "Asia/Barnaul": [Period(since: nil, minutes: 420)],
        "Asia/Krasnoyarsk": [Period(since: nil, minutes: 420)],
        "Asia/Irkutsk": [Period(since: nil, minutes: 480)],
        "Europe/Istanbul": [Period(since: nil, minutes: 180)],
        "UTC": [Period(since: nil, minutes: 0)],
    ]

    /// The offset of `zone` on `date` in minutes east of UTC, or nil for a zone nobody knows.
    public static func minutes(zone: String, on date: CalendarDate?) -> Int? {
        if let periods = table[zone] {
            // The last period that had begun by `date` (the latest one when no date is given).
            var current = periods[0].minutes
            for period in periods where period.since.map({ since in date.map { $0 >= since } ?? true }) ?? true {
                current = period.minutes
            }
            return current
        }
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        guard let date else { return timeZone.secondsFromGMT() / 60 }
        var components = DateComponents()
        (components.year, components.month, components.day, components.hour) = (date.year, date.month, date.day, 12)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let moment = calendar.date(from: components) else { return nil }
        return timeZone.secondsFromGMT(for: moment) / 60
    }

    /// «UTC+6», «UTC+5:30», «UTC−3» (U+2212 would not match a text search, so ASCII hyphen-minus).
    public static func label(minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let hours = abs(minutes) / 60
        let rest = abs(minutes) % 60
        return "UTC" + sign + String(hours) + (rest == 0 ? "" : ":" + String(zeroPadded: rest, width: 2))
    }
}
