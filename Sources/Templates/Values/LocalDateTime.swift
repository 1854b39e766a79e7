/// An RFC 3339 date-time kept exactly as written: local date and clock time plus the UTC offset,
/// e.g. `2026-11-20T14:35:00+06:00`. Used for "confirmed at" and signature lines, which print
/// the signer's own wall-clock time, so nothing is converted to UTC or to another zone.
public struct LocalDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The local calendar date.
    public let date: CalendarDate
    /// Hour, 0...23.
    public let hour: Int
    /// Minute, 0...59.
    public let minute: Int
    /// Second, 0...60 (RFC 3339 allows a leap second).
    public let second: Int
    /// Fraction of the second in nanoseconds; digits past the ninth are dropped.
    public let nanosecond: Int
    /// Offset from UTC in minutes, east positive: +06:00 is 360. `Z` and `-00:00` are 0.
    public let utcOffsetMinutes: Int
    /// Whether the text used the `Z` designator rather than a numeric offset.
    public let isUTCDesignator: Bool

    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`.
    ///
    /// `T` and `Z` may be lower case, as RFC 3339 §5.6 allows; a space instead of `T`, missing
    /// seconds or a missing offset are rejected, because the offset is what makes the time
    /// meaningful on a signed document.
    /// - Parameter text: The date-time as in the schema's `DateTime` type.
    /// - Throws: ``CalendarDateError`` naming the part that is wrong.
    public init(_ text: String) throws(CalendarDateError) {
        let bytes = Array(text.utf8)
        guard bytes.count >= Self.minimumLength,
            bytes[Self.separatorIndex] == UInt8(ascii: "T") || bytes[Self.separatorIndex] == UInt8(ascii: "t"),
            bytes[13] == Self.colon, bytes[16] == Self.colon,
            let hour = CalendarDate.number(bytes, 11..<13), let minute = CalendarDate.number(bytes, 14..<16),
            let second = CalendarDate.number(bytes, 17..<19)
        else { throw .invalidFormat(text) }

        do {
            date = try CalendarDate(String(decoding: bytes[0..<Self.separatorIndex], as: UTF8.self))
        } catch .invalidFormat {
            throw .invalidFormat(text)
        } catch .invalidDate {
            throw .invalidDate(text)
        }

        var index = Self.fractionIndex
        var nanosecond = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digitCount = 0
            while index < bytes.count, let digit = CalendarDate.number(bytes, index..<(index + 1)) {
                if digitCount < Self.nanosecondDigits { nanosecond = nanosecond * 10 + digit }
                digitCount += 1
                index += 1
            }
            guard digitCount > 0 else { throw .invalidFormat(text) }
            for _ in min(digitCount, Self.nanosecondDigits)..<Self.nanosecondDigits { nanosecond *= 10 }
        }

        let offset = bytes[index...]
        let offsetMinutes: Int
        if offset.count == 1, offset.first == UInt8(ascii: "Z") || offset.first == UInt8(ascii: "z") {
            offsetMinutes = 0
            isUTCDesignator = true
        } else {
            guard offset.count == Self.numericOffsetLength,
                offset.first == UInt8(ascii: "+") || offset.first == UInt8(ascii: "-"),
                bytes[index + 3] == Self.colon,
                let offsetHour = CalendarDate.number(bytes, (index + 1)..<(index + 3)),
                let offsetMinute = CalendarDate.number(bytes, (index + 4)..<(index + 6))
            else { throw .invalidFormat(text) }
            guard offsetHour <= Self.maximumHour, offsetMinute <= Self.maximumMinute else { throw .invalidTime(text) }
            let magnitude = offsetHour * Self.minutesPerHour + offsetMinute
            offsetMinutes = offset.first == UInt8(ascii: "-") ? -magnitude : magnitude
            isUTCDesignator = false
        }

        guard hour <= Self.maximumHour, minute <= Self.maximumMinute, second <= Self.maximumSecond else {
            throw .invalidTime(text)
        }
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.utcOffsetMinutes = offsetMinutes
    }

    /// The offset as written in RFC 3339: `Z`, `+06:00`, `-03:30`.
    public var offsetText: String {
        if isUTCDesignator { return "Z" }
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(utcOffsetMinutes)
        return sign + String(zeroPadded: magnitude / Self.minutesPerHour, width: 2) + ":"
            + String(zeroPadded: magnitude % Self.minutesPerHour, width: 2)
    }

    /// RFC 3339 text; the fraction is printed only when non-zero, without trailing zeros.
    public var description: String {
        var text = date.description + "T" + String(zeroPadded: hour, width: 2) + ":"
            + String(zeroPadded: minute, width: 2) + ":" + String(zeroPadded: second, width: 2)
        if nanosecond != 0 {
            var fraction = String(zeroPadded: nanosecond, width: Self.nanosecondDigits)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + offsetText
    }

    // MARK: - Layout and limits of the text form

    /// `YYYY-MM-DDThh:mm:ssZ`.
    private static let minimumLength = 20
    private static let separatorIndex = 10
    private static let fractionIndex = 19
    /// `±hh:mm`.
    private static let numericOffsetLength = 6
    private static let colon = UInt8(ascii: ":")
    private static let nanosecondDigits = 9
    private static let minutesPerHour = 60
    private static let maximumHour = 23
    private static let maximumMinute = 59
    /// RFC 3339 permits 60 for a leap second.
    private static let maximumSecond = 60
}
