/// One cell: a typed value, the number format it is shown in, and the text a reader sees (which
/// the writer measures to fit the column).
public struct SheetCell: Sendable, Equatable {
    /// The value stored in the file.
    public var value: SheetValue
    /// An Excel number format (`#,##0.00 "сом"`, `dd.mm.yyyy`), or nil for the default.
    public var numberFormat: String?
    /// How the value reads once formatted; used to size the column, never written.
    public var displayText: String

    /// Creates a cell.
    /// - Parameters:
    ///   - value: the value stored in the file.
    ///   - numberFormat: the Excel number format, if any.
    ///   - displayText: how the value reads; the text of a text cell when not given.
    public init(_ value: SheetValue, numberFormat: String? = nil, displayText: String? = nil) {
        self.value = value
        self.numberFormat = numberFormat
        if let displayText {
            self.displayText = displayText
        } else if case .text(let text) = value {
            self.displayText = text
        } else {
            self.displayText = ""
        }
    }

    /// A blank cell.
    public static let empty = SheetCell(.empty)
}

/// What a cell holds. Text is always stored as text: a value that starts with `=`, `+`, `-` or
/// `@` is never turned into a formula.
public enum SheetValue: Sendable, Equatable {
    /// Nothing.
    case empty
    /// Text, stored as a string cell.
    case text(String)
    /// A number (amounts, counts, distances), stored as a numeric cell.
    case number(Double)
    /// A date or a date and time, stored as Excel's date serial number.
    case dateTime(SheetDateTime)
}

/// A calendar date with an optional time of day, as written on the document: no time zone is
/// applied, so `2026-11-03T09:15+06:00` stays 09:15 on 3 November.
public struct SheetDateTime: Sendable, Equatable, Hashable {
    /// 1900…9999.
    public var year: Int
    /// 1…12.
    public var month: Int
    /// 1…31.
    public var day: Int
    /// 0…23.
    public var hour: Int
    /// 0…59.
    public var minute: Int
    /// 0…59.
    public var second: Int

    /// Creates a date (midnight) or a date and time.
    /// - Parameters:
    ///   - year: 1900…9999 (Excel's range).
    ///   - month: 1…12.
    ///   - day: 1…31.
    ///   - hour: 0…23.
    ///   - minute: 0…59.
    ///   - second: 0…59.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since 1970-01-01T00:00:00Z, reading the value as UTC (the workbook's creation time).
    var secondsSinceEpoch: Int64 {
        // Days from the civil date (Howard Hinnant's algorithm): no calendar, no time zone.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second)
    }
}
