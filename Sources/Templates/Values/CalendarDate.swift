/// A day in the proleptic Gregorian calendar with no time zone: a document date, a due date.
///
/// Only years ``supportedYears`` are accepted; a year outside them in an order is a data error,
/// not a date to print. Arithmetic goes through ``daysSinceEpoch`` (days from 1970-01-01), so no
/// `Calendar`, `TimeZone` or clock is involved.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Day of the week, numbered as in ISO 8601 (Monday = 1).
    public enum Weekday: Int, Sendable, Hashable, CaseIterable {
        /// ISO day 1.
        case monday = 1
        /// ISO day 2.
        case tuesday
        /// ISO day 3.
        case wednesday
        /// ISO day 4.
        case thursday
        /// ISO day 5.
        case friday
        /// ISO day 6.
        case saturday
        /// ISO day 7.
        case sunday
    }

    /// The years a date may fall in.
    public static let supportedYears = 1900...2200

    /// The year, within ``supportedYears``.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28/29/30/31.
    public let day: Int

    /// A validated date.
    /// - Throws: `.invalidDate` for a day or month that does not exist, `.outOfRange` for a
    ///   year outside ``supportedYears``.
    public init(year: Int, month: Int, day: Int) throws(CalendarDateError) {
        guard Self.supportedYears.contains(year) else { throw .outOfRange }
        guard (1...Self.monthsPerYear).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else {
            throw .invalidDate(Self.isoText(year: year, month: month, day: day))
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, real dates only: `2025-02-29` is rejected).
    /// - Parameter text: The date as in the schema's `Date` type.
    /// - Throws: `.invalidFormat`, `.invalidDate` or `.outOfRange`.
    public init(_ text: String) throws(CalendarDateError) {
        let bytes = Array(text.utf8)
        guard bytes.count == Self.textLength, bytes[4] == Self.hyphen, bytes[7] == Self.hyphen,
            let year = Self.number(bytes, 0..<4), let month = Self.number(bytes, 5..<7),
            let day = Self.number(bytes, 8..<10)
        else { throw .invalidFormat(text) }
        do {
            try self.init(year: year, month: month, day: day)
        } catch .invalidDate {
            throw .invalidDate(text)
        }
    }

    /// The date `daysSinceEpoch` days after 1970-01-01 (negative: before).
    /// - Throws: `.outOfRange` outside ``supportedYears``.
    public init(daysSinceEpoch: Int) throws(CalendarDateError) {
        // Checked first so the arithmetic below can never overflow, whatever the input.
        guard Self.supportedDays.contains(daysSinceEpoch) else { throw .outOfRange }
        // Howard Hinnant's civil_from_days, on 400-year eras starting on 1 March.
        let days = daysSinceEpoch + Self.daysFromEraStartToEpoch
        let era = (days >= 0 ? days : days - Self.daysPer400Years + 1) / Self.daysPer400Years
        let dayOfEra = days - era * Self.daysPer400Years
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // 0 = March
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        try self.init(year: year, month: month, day: day)
    }

    /// Days from 1970-01-01 to this date (negative before it).
    public var daysSinceEpoch: Int {
        Self.daysFromCivil(year: year, month: month, day: day)
    }

    /// Howard Hinnant's days_from_civil: count from 1 March so the leap day ends the year.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = (month + 9) % monthsPerYear  // 0 = March
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * daysPer400Years + dayOfEra - daysFromEraStartToEpoch
    }

    /// ``daysSinceEpoch`` of the first and last supported days.
    private static let supportedDays =
        daysFromCivil(year: supportedYears.lowerBound, month: 1, day: 1)
        ... daysFromCivil(year: supportedYears.upperBound, month: monthsPerYear, day: 31)

    /// The date `days` days later (earlier when negative): due date = document date + terms.
    /// - Throws: `.outOfRange` when the result leaves ``supportedYears``.
    public func adding(days: Int) throws(CalendarDateError) -> CalendarDate {
        let (target, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        guard !overflow else { throw .outOfRange }
        return try CalendarDate(daysSinceEpoch: target)
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4); a floored modulo keeps earlier dates right.
        let shifted = daysSinceEpoch + Self.epochWeekdayOffset
        let offset = (shifted % Self.daysPerWeek + Self.daysPerWeek) % Self.daysPerWeek
        return Weekday.allCases[offset]
    }

    /// Whether `year` has 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        Self.isoText(year: year, month: month, day: day)
    }

    private static func isoText(year: Int, month: Int, day: Int) -> String {
        String(zeroPadded: year, width: 4) + "-" + String(zeroPadded: month, width: 2) + "-"
            + String(zeroPadded: day, width: 2)
    }

    /// Chronological order.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: - Calendar constants

    static let monthsPerYear = 12
    private static let daysPerWeek = 7
    private static let daysPer400Years = 146_097
    /// Days from 0000-03-01 (start of the era containing the epoch) to 1970-01-01.
    private static let daysFromEraStartToEpoch = 719_468
    /// Shift that maps 1970-01-01 (a Thursday) to ISO weekday index 3.
    private static let epochWeekdayOffset = 3
    private static let textLength = 10
    private static let hyphen = UInt8(ascii: "-")
    private static let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    static func daysIn(month: Int, year: Int) -> Int {
        month == 2 && isLeapYear(year) ? 29 : daysInMonth[month - 1]
    }

    /// The decimal value of ASCII digits in `range`, or `nil` if any byte is not a digit.
    static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var value = 0
        for byte in bytes[range] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// Why a date or date-time could not be built.
public enum CalendarDateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text does not have the required shape (`YYYY-MM-DD`, or RFC 3339 for date-times).
    case invalidFormat(String)
    /// Well-formed but not a real date, e.g. `2025-02-29`.
    case invalidDate(String)
    /// Well-formed but not a real time or offset, e.g. `24:00:00` or `+25:00`.
    case invalidTime(String)
    /// The year is outside ``CalendarDate/supportedYears``.
    case outOfRange

    /// A readable message for diagnostics.
    public var description: String {
        switch self {
        case .invalidFormat(let text): "'\(text)' is not in the form YYYY-MM-DD (or YYYY-MM-DDThh:mm:ss±hh:mm)"
        case .invalidDate(let text): "'\(text)' is not a real calendar date"
        case .invalidTime(let text): "'\(text)' has an invalid time or UTC offset"
        case .outOfRange:
            "date outside the supported years \(CalendarDate.supportedYears.lowerBound)–"
                + "\(CalendarDate.supportedYears.upperBound)"
        }
    }
}

extension String {
    /// Decimal digits of a non-negative value, left-padded with zeros: (7, width 2) → `07`.
    init(zeroPadded value: Int, width: Int) {
        let digits = String(value)
        self = String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
