/// Filters for statements over many records (registers, client lists, reconciliations):
/// ordering, grouping and totals by a field, and the time and duration of an order.
///
/// - `orders | sort("date")`: ordered by a field, dates and date-times by the moment they name
///   (offsets applied), numbers numerically, text by Unicode order; `sort("date", "desc")`
///   reverses. Equal keys keep their order, so the result is the same on every run.
/// - `orders | distinct("currency")`: the different values of a field, in order of first appearance.
/// - `orders | where("currency", "KGS")`: the records whose field equals the value (as `==`).
/// - `clients | flatten("turnover")`: the lists in a field of every record, joined in order.
/// - `order.date | time`: `09:15` of a date-time as recorded; `time("zone")` adds `UTC+06:00`,
///   `time("offset")` is `UTC+06:00` alone.
/// - `order.durationMinutes | duration`: `5 ч 30 мин`, `5 саат 30 мүн.`, `5 h 30 min`.
extension FilterLibrary {
    static func addListFilters(to filters: inout [String: Filter]) {
        func add(_ name: String, _ arguments: ClosedRange<Int>, _ body: @escaping Implementation) {
            filters[name] = Filter(signature: FilterSignature(name, arguments: arguments), implementation: body)
        }
        add("sort", 0...2) { e, input, args, call throws(EvaluationFailure) in
            let field = try args.first.map { a throws(EvaluationFailure) in try e.string(a, span: call.argumentSpans[0]) }
            let direction = try args.count > 1 ? e.string(args[1], span: call.argumentSpans[1]) : "asc"
            guard direction == "asc" || direction == "desc" else {
                throw EvaluationFailure(message: "sort direction must be \"asc\" or \"desc\", found \"\(direction)\"",
                                        span: call.argumentSpans[1])
            }
            let items = try e.list(input, span: call.inputSpan)
            var keyed: [(key: SortKey, index: Int, item: Value)] = []
            for (index, item) in items.enumerated() {
                let value = try field.map { f throws(EvaluationFailure) in try e.member(of: item, name: f, span: call.span) } ?? item
                keyed.append((SortKey(value), index, item))
            }
            keyed.sort { left, right in
                if left.key == right.key { return left.index < right.index }
                return direction == "asc" ? left.key < right.key : right.key < left.key
            }
            return .array(keyed.map(\.item))
        }
        add("distinct", 0...1) { e, input, args, call throws(EvaluationFailure) in
            let field = try args.first.map { a throws(EvaluationFailure) in try e.string(a, span: call.argumentSpans[0]) }
            var seen = Set<SortKey>()
            var result: [Value] = []
            for item in try e.list(input, span: call.inputSpan) {
                let value = try field.map { f throws(EvaluationFailure) in try e.member(of: item, name: f, span: call.span) } ?? item
                if case .missing = value { continue }
                if seen.insert(SortKey(value)).inserted { result.append(value) }
            }
            return .array(result)
        }
        add("where", 2...2) { e, input, args, call throws(EvaluationFailure) in
            let field = try e.string(args[0], span: call.argumentSpans[0])
            let wanted = SortKey(args[1])
            var result: [Value] = []
            for item in try e.list(input, span: call.inputSpan) where SortKey(try e.member(of: item, name: field, span: call.span)) == wanted {
                result.append(item)
            }
            return .array(result)
        }
        add("flatten", 1...1) { e, input, args, call throws(EvaluationFailure) in
            // clients | flatten("turnover"): every record's list, one after another (absent lists add nothing).
            let field = try e.string(args[0], span: call.argumentSpans[0])
            var result: [Value] = []
            for item in try e.list(input, span: call.inputSpan) {
                let inner = try e.member(of: item, name: field, span: call.span)
                if case .missing = inner { continue }
                if case .null = inner.resolved() { continue }
                result += try e.list(inner, span: call.span)
            }
            return .array(result)
        }
        add("time", 0...1) { e, input, args, call throws(EvaluationFailure) in
            let text = try e.string(input, span: call.inputSpan)
            let style = try args.first.map { a throws(EvaluationFailure) in try e.string(a, span: call.argumentSpans[0]) } ?? "short"
            guard ["short", "zone", "offset"].contains(style) else {
                throw EvaluationFailure(message: "unknown time style \"\(style)\"", span: call.argumentSpans[0],
                                        hints: ["use \"short\", \"zone\" or \"offset\""])
            }
            guard let moment = try? LocalDateTime(text) else {
                let place = input.path.map { "\($0): " } ?? ""
                throw EvaluationFailure(message: "\(place)expected a date-time like 2026-11-19T18:42:00+06:00, found \"\(text)\"", span: call.span)
            }
            let clock = DateFormatting.formatTime(moment)
            let zone = "UTC" + (moment.isUTCDesignator ? "" : moment.offsetText)
            return .string(style == "short" ? clock : style == "offset" ? zone : clock + " " + zone)
        }
        add("duration", 0...0) { e, input, _, call throws(EvaluationFailure) in
            let minutes = try e.integer(input, span: call.inputSpan)
            guard minutes >= 0 else {
                throw EvaluationFailure(message: "a duration cannot be negative (\(minutes) minutes)", span: call.inputSpan)
            }
            let (hourUnit, minuteUnit) = switch e.language {
            case .ru: ("ч", "мин")
            case .ky: ("саат", "мүн.")
            case .en: ("h", "min")
            }
            let hours = minutes / 60
            let rest = minutes % 60
            let parts = (hours > 0 ? ["\(hours)\u{00A0}\(hourUnit)"] : []) + (rest > 0 || hours == 0 ? ["\(rest)\u{00A0}\(minuteUnit)"] : [])
            return .string(parts.joined(separator: " "))
        }
    }
}

/// A value as the list filters compare it: numbers numerically, dates and date-times by the
/// moment they name, other text by Unicode scalars, and absent or null values after everything.
struct SortKey: Hashable, Comparable {
    private enum Kind: Int, Comparable {
        case number, moment, text, flag, nothing
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    private let kind: Kind
    private let number: ExactDecimal
    private let text: String

    init(_ value: Value) {
        switch value.resolved() {
        case .number(let decimal):
            (kind, number, text) = (.number, decimal, "")
        case .string(let string):
            if let decimal = try? ExactDecimal(string) {
                (kind, number, text) = (.number, decimal, "")
            } else if let seconds = Self.moment(string) {
                (kind, number, text) = (.moment, ExactDecimal(seconds), "")
            } else {
                (kind, number, text) = (.text, .zero, string)
            }
        case .bool(let flag):
            (kind, number, text) = (.flag, flag ? ExactDecimal(1) : .zero, "")
        default:
            (kind, number, text) = (.nothing, .zero, "")
        }
    }

    /// Seconds since 1970 (UTC) of `YYYY-MM-DD` (its midnight in UTC) or an RFC 3339 date-time.
    private static func moment(_ text: String) -> Int? {
        if text.utf8.count == 10, let date = try? CalendarDate(text) { return date.daysSinceEpoch * 86_400 }
        guard let value = try? LocalDateTime(text) else { return nil }
        return value.date.daysSinceEpoch * 86_400 + value.hour * 3_600 + value.minute * 60 + value.second
            - value.utcOffsetMinutes * 60
    }

    static func < (a: SortKey, b: SortKey) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        if a.number != b.number { return a.number < b.number }
        return a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars)
    }
}
