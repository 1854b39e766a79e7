import Testing
import Templates

@Suite struct CalendarDateParsingTests {
    @Test(arguments: [
        ("2026-11-22", 2026, 11, 22), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("1900-01-01", 1900, 1, 1), ("2200-12-31", 2200, 12, 31), ("2026-04-30", 2026, 4, 30),
    ])
    func parsesRealDates(text: String, year: Int, month: Int, day: Int) throws {
        let date = try CalendarDate(text)
        #expect((date.year, date.month, date.day) == (year, month, day))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2026-1-22", "2026/11/22", "26-11-22", "2026-11-22T00:00", " 2026-11-22", "2026-11-2a", "２０２６-11-22",
        "", "20261122", "2026-11-222", "+026-11-22", "2026--1-22",
    ])
    func rejectsOtherShapes(text: String) {
        #expect(throws: CalendarDateError.invalidFormat(text)) { try CalendarDate(text) }
    }

    @Test(arguments: [
        "2025-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-12-32",
    ])
    func rejectsDatesThatDoNotExist(text: String) {
        #expect(throws: CalendarDateError.invalidDate(text)) { try CalendarDate(text) }
    }

    @Test(arguments: ["1899-12-31", "2201-01-01", "0000-01-01", "9999-12-31"])
    func rejectsYearsOutsideTheSupportedRange(text: String) {
        #expect(throws: CalendarDateError.outOfRange) { try CalendarDate(text) }
    }

    @Test func validatesComponents() throws {
        #expect(try CalendarDate(year: 2028, month: 2, day: 29).description == "2028-02-29")
        #expect(throws: CalendarDateError.invalidDate("2027-02-29")) { try CalendarDate(year: 2027, month: 2, day: 29) }
        #expect(throws: CalendarDateError.outOfRange) { try CalendarDate(year: 1776, month: 7, day: 4) }
    }
}

@Suite struct CalendarDateArithmeticTests {
    @Test(arguments: [
        ("1970-01-01", 0, CalendarDate.Weekday.thursday), ("2026-11-22", 20_779, .sunday),
        ("2000-01-01", 10_957, .saturday),
        ("1900-01-01", -25_567, .monday), ("2200-12-31", 84_370, .wednesday), ("2024-02-29", 19_782, .thursday),
        ("2026-03-05", 20_517, .thursday),
    ])
    func countsDaysAndWeekdays(text: String, days: Int, weekday: CalendarDate.Weekday) throws {
        let date = try CalendarDate(text)
        #expect(date.daysSinceEpoch == days)
        #expect(date.weekday == weekday)
        #expect(try CalendarDate(daysSinceEpoch: days) == date)
    }

    @Test(arguments: [
        ("2026-11-22", 10, "2026-12-02"), ("2026-11-22", 40, "2027-01-01"), ("2024-02-28", 1, "2024-02-29"),
        ("2023-02-28", 1, "2023-03-01"), ("2026-01-01", -1, "2025-12-31"), ("2026-11-22", 0, "2026-11-22"),
        ("2000-02-28", 366, "2001-02-28"), ("1900-02-28", 1, "1900-03-01"),
    ])
    func addsDays(start: String, days: Int, expected: String) throws {
        #expect(try CalendarDate(start).adding(days: days).description == expected)
    }

    @Test func addingBeyondTheRangeThrows() throws {
        let last = try CalendarDate("2200-12-31")
        #expect(throws: CalendarDateError.outOfRange) { try last.adding(days: 1) }
        #expect(throws: CalendarDateError.outOfRange) { try last.adding(days: Int.max) }
        #expect(throws: CalendarDateError.outOfRange) { try CalendarDate("1900-01-01").adding(days: -1) }
        #expect(throws: CalendarDateError.outOfRange) { try last.adding(days: Int.max - 100_000) }
        #expect(throws: CalendarDateError.outOfRange) { try CalendarDate(daysSinceEpoch: Int.max) }
        #expect(throws: CalendarDateError.outOfRange) { try CalendarDate(daysSinceEpoch: Int.min) }
        #expect(throws: CalendarDateError.outOfRange) { try CalendarDate(daysSinceEpoch: 84_371) }
        #expect(throws: CalendarDateError.outOfRange) { try CalendarDate(daysSinceEpoch: -25_568) }
    }

    /// Walks every day of 1900–2200 and checks each step against a naive calendar.
    @Test func everyDayFollowsThePrevious() throws {
        var date = try CalendarDate("1900-01-01")
        var days = date.daysSinceEpoch
        let end = try CalendarDate("2200-12-31").daysSinceEpoch
        var expectedWeekday = CalendarDate.Weekday.monday.rawValue
        while days < end {
            days += 1
            let next = try CalendarDate(daysSinceEpoch: days)
            let monthLength = [31, CalendarDate.isLeapYear(date.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            let expected: (Int, Int, Int) =
                if date.day < monthLength[date.month - 1] { (date.year, date.month, date.day + 1) }
                else if date.month < 12 { (date.year, date.month + 1, 1) }
                else { (date.year + 1, 1, 1) }
            expectedWeekday = expectedWeekday % 7 + 1
            guard (next.year, next.month, next.day) == expected, next.daysSinceEpoch == days,
                next.weekday.rawValue == expectedWeekday, date < next
            else {
                Issue.record("wrong step after \(date): got \(next)")
                return
            }
            date = next
        }
        #expect(date.description == "2200-12-31")
    }

    @Test func ordersChronologically() throws {
        let dates = try ["2026-11-22", "2026-01-31", "2025-12-31", "2026-11-03"].map(CalendarDate.init)
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-31", "2026-11-03", "2026-11-22"])
        #expect(CalendarDate.isLeapYear(2000) && !CalendarDate.isLeapYear(1900) && CalendarDate.isLeapYear(2024))
    }
}

@Suite struct LocalDateTimeTests {
    @Test func keepsLocalTimeAndOffsetAsWritten() throws {
        let value = try LocalDateTime("2026-11-20T14:35:00+06:00")
        #expect(value.date == (try CalendarDate("2026-11-20")))
        #expect((value.hour, value.minute, value.second, value.nanosecond) == (14, 35, 0, 0))
        #expect(value.utcOffsetMinutes == 360)
        #expect(!value.isUTCDesignator)
        #expect(value.offsetText == "+06:00")
        #expect(value.description == "2026-11-20T14:35:00+06:00")
    }

    @Test(arguments: [
        ("2026-11-20T08:35:00Z", 0, true, "2026-11-20T08:35:00Z"),
        ("2026-11-20t08:35:00z", 0, true, "2026-11-20T08:35:00Z"),
        ("2026-11-20T23:59:60-03:30", -210, false, "2026-11-20T23:59:60-03:30"),
        ("2026-11-20T14:35:07.120+05:00", 300, false, "2026-11-20T14:35:07.12+05:00"),
        ("2026-11-20T14:35:07.1234567891+05:45", 345, false, "2026-11-20T14:35:07.123456789+05:45"),
        ("2026-11-20T00:00:00-00:00", 0, false, "2026-11-20T00:00:00+00:00"),
    ])
    func parsesOffsetsAndFractions(text: String, offset: Int, isUTC: Bool, canonical: String) throws {
        let value = try LocalDateTime(text)
        #expect(value.utcOffsetMinutes == offset)
        #expect(value.isUTCDesignator == isUTC)
        #expect(value.description == canonical)
    }

    @Test func keepsFractionInNanoseconds() throws {
        #expect(try LocalDateTime("2026-11-20T14:35:07.5Z").nanosecond == 500_000_000)
        #expect(try LocalDateTime("2026-11-20T14:35:07.000000001Z").nanosecond == 1)
    }

    @Test(arguments: [
        "2026-11-20T14:35:00", "2026-11-20 14:35:00Z", "2026-11-20T14:35Z", "2026-11-20T14:35:00+0600",
        "2026-11-20T14:35:00.+06:00", "2026-11-20T14:35:00+06", "2026-11-20T1:35:00Z", "2026-11-20T14:35:00ZZ",
        "2026-11-20", "26-11-20T14:35:00Z", "2026-11-20T14:35:00 +06:00",
    ])
    func rejectsMalformedText(text: String) {
        #expect(throws: CalendarDateError.invalidFormat(text)) { try LocalDateTime(text) }
    }

    @Test(arguments: [
        "2026-11-20T24:00:00Z", "2026-11-20T23:60:00Z", "2026-11-20T23:59:61Z", "2026-11-20T10:00:00+24:00",
    ])
    func rejectsImpossibleTimes(text: String) {
        #expect(throws: CalendarDateError.invalidTime(text)) { try LocalDateTime(text) }
    }

    @Test func rejectsImpossibleDates() {
        let impossible = "2026-02-30T10:00:00Z"
        #expect(throws: CalendarDateError.invalidDate(impossible)) { try LocalDateTime(impossible) }
        #expect(throws: CalendarDateError.outOfRange) { try LocalDateTime("1800-02-03T10:00:00Z") }
    }
}
