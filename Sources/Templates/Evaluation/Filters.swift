import Crypto
import DocEngine
import Foundation

/// The filters templates may use: `value | name(arguments)`.
/// Each has a signature (checked when the template compiles) and an implementation.
struct FilterLibrary: Sendable {
    typealias Implementation = @Sendable (_ evaluator: Evaluator, _ input: Value, _ arguments: [Value], _ call: FilterCall)
        throws(EvaluationFailure) -> Value

    /// Where the filter is applied, for error messages.
    struct FilterCall: Sendable {
        var span: SourceSpan
        var argumentSpans: [SourceSpan]
        var inputSpan: SourceSpan
    }

    struct Filter: Sendable {
        var signature: FilterSignature
        var implementation: Implementation
    }

    static let shared = FilterLibrary()
    let filters: [String: Filter]

    var signatures: [FilterSignature] { filters.values.map(\.signature).sorted { $0.name < $1.name } }

    private init() {
        var filters: [String: Filter] = [:]
        func add(_ name: String, _ arguments: ClosedRange<Int> = 0...0, _ body: @escaping Implementation) {
            filters[name] = Filter(signature: FilterSignature(name, arguments: arguments), implementation: body)
        }
        // "{1} № {2} от {3}" | format(title, number, date): labels keep each language's word order.
        filters["format"] = Filter(signature: FilterSignature(name: "format", minArguments: 1, maxArguments: nil)) {
            e, input, args, call throws(EvaluationFailure) in
            var text = try e.string(input, span: call.inputSpan)
            for (index, argument) in args.enumerated() {
                let replacement = try e.display(argument, span: call.argumentSpans[index])
                text = Self.replacing("{\(index + 1)}", in: text, with: replacement)
            }
            return .string(text)
        }
        add("money", 0...1) { e, input, args, call throws(EvaluationFailure) in
            let amount = try e.number(input, span: call.inputSpan)
            var text = NumberFormatting.formatMoney(amount, language: e.language)
            if let code = args.first {
                // A no-break space: «185 000,00 сом» never leaves the currency alone on a line.
                text += "\u{00A0}" + (try e.currency(code, span: call.argumentSpans[0])).shortLabel(in: e.language)
            }
            return .string(text)
        }
        add("number", 0...1) { e, input, args, call throws(EvaluationFailure) in
            let value = try e.number(input, span: call.inputSpan)
            let digits = try args.first.map { a throws(EvaluationFailure) in try e.integer(a, span: call.argumentSpans[0]) }
            return .string(NumberFormatting.formatNumber(value, fractionDigits: digits, language: e.language))
        }
        add("round", 0...1) { e, input, args, call throws(EvaluationFailure) in
            let digits = try args.first.map { a throws(EvaluationFailure) in try e.integer(a, span: call.argumentSpans[0]) } ?? 0
            guard (0...ExactDecimal.maximumScale).contains(digits) else {
                throw EvaluationFailure(message: "round takes 0 to \(ExactDecimal.maximumScale) digits", span: call.span)
            }
            return .number(try e.number(input, span: call.inputSpan).rounded(toScale: digits))
        }
        add("words", 0...1) { e, input, args, call throws(EvaluationFailure) in
            let amount = try e.number(input, span: call.inputSpan)
            let currency = try args.first.map { a throws(EvaluationFailure) in try e.currency(a, span: call.argumentSpans[0]) } ?? .KGS
            do { return .string(try AmountInWords.spell(amount, currency: currency, language: e.language)) } catch {
                throw EvaluationFailure(message: "\(error)", span: call.span)
            }
        }
        add("currencyname") { e, input, _, call throws(EvaluationFailure) in
            .string(try e.currency(input, span: call.inputSpan).shortLabel(in: e.language))
        }
        add("date", 0...1) { e, input, args, call throws(EvaluationFailure) in
            let date = try e.date(input, span: call.inputSpan)
            let styleName = try args.first.map { a throws(EvaluationFailure) in try e.string(a, span: call.argumentSpans[0]) } ?? "long"
            let styles: [String: DateStyle] = ["long": .long, "numeric": .numeric, "quoted": .quoted, "attributive": .attributive,
                                               "from": .ablative, "until": .dative, "accusative": .accusative]
            guard let style = styles[styleName] else {
                throw EvaluationFailure(message: "unknown date style \"\(styleName)\"", span: call.argumentSpans[0],
                                        hints: ["use one of: long, numeric, quoted, attributive, from, until, accusative"])
            }
            return .string(DateFormatting.formatDate(date, style: style, language: e.language))
        }
        add("default", 1...1) { _, input, args, _ throws(EvaluationFailure) in
            switch input.resolved() {
            case .missing, .null: args[0]
            default: input
            }
        }
        add("upper") { e, input, _, call throws(EvaluationFailure) in .string(try e.display(input, span: call.inputSpan).uppercased()) }
        add("lower") { e, input, _, call throws(EvaluationFailure) in .string(try e.display(input, span: call.inputSpan).lowercased()) }
        add("trim") { e, input, _, call throws(EvaluationFailure) in
            .string(try e.display(input, span: call.inputSpan).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        add("count") { e, input, _, call throws(EvaluationFailure) in
            if case .string(let text) = input.resolved() { return .number(ExactDecimal(text.count)) }
            return .number(ExactDecimal(try e.list(input, span: call.inputSpan).count))
        }
        add("join", 0...1) { e, input, args, call throws(EvaluationFailure) in
            let separator = try args.first.map { a throws(EvaluationFailure) in try e.string(a, span: call.argumentSpans[0]) } ?? ", "
            var parts: [String] = []
            for item in try e.list(input, span: call.inputSpan) { parts.append(try e.display(item, span: call.inputSpan)) }
            return .string(parts.joined(separator: separator))
        }
        add("sum", 0...1) { e, input, args, call throws(EvaluationFailure) in
            var total = ExactDecimal.zero
            let field = try args.first.map { a throws(EvaluationFailure) in try e.string(a, span: call.argumentSpans[0]) }
            for item in try e.list(input, span: call.inputSpan) {
                let value = try field.map { f throws(EvaluationFailure) in try e.member(of: item, name: f, span: call.span) } ?? item
                let addend = try e.number(value, span: call.span)
                do { total = try total.adding(addend) } catch {
                    throw EvaluationFailure(message: "arithmetic error: \(error)", span: call.span)
                }
            }
            return .number(total)
        }
        add("genitive", 0...1) { e, input, args, call throws(EvaluationFailure) in
            // Russian preambles: «в лице {{ position | genitive }} {{ name | genitive("name") }}».
            // Other languages need no case here, so the text passes through unchanged.
            let text = try e.display(input, span: call.inputSpan)
            let kind = try args.first.map { a throws(EvaluationFailure) in try e.string(a, span: call.argumentSpans[0]) } ?? "phrase"
            guard kind == "phrase" || kind == "name" else {
                throw EvaluationFailure(message: "unknown genitive kind \"\(kind)\"", span: call.argumentSpans[0],
                                        hints: ["use genitive for a position, genitive(\"name\") for a person's name"])
            }
            guard e.language == .ru else { return .string(text) }
            return .string(kind == "name" ? RussianGenitive.name(text) : RussianGenitive.phrase(text))
        }
        add("gender") { e, input, _, call throws(EvaluationFailure) in
            // "female", "male" or "" for a Russian-form name: «действующей» or «действующего».
            .string(RussianGenitive.gender(ofName: try e.display(input, span: call.inputSpan))?.rawValue ?? "")
        }
        add("sha256", 0...1) { e, input, args, call throws(EvaluationFailure) in
            // A stable identifier of some text, e.g. the ID in a simple e-signature footer;
            // `sha256(8)` keeps the first 8 hex digits.
            let digest = SHA256.hash(data: Array(try e.display(input, span: call.inputSpan).utf8))
            let hex = digest.map { String(format: "%02x", $0) }.joined()
            let length = try args.first.map { a throws(EvaluationFailure) in try e.integer(a, span: call.argumentSpans[0]) } ?? 64
            guard (1...64).contains(length) else {
                throw EvaluationFailure(message: "sha256 keeps 1 to 64 hex digits", span: call.argumentSpans[0])
            }
            return .string(String(hex.prefix(length)))
        }
        add("initials") { e, input, _, call throws(EvaluationFailure) in
            .string(Self.initials(try e.display(input, span: call.inputSpan)))
        }
        add("plural", 3...3) { e, input, args, call throws(EvaluationFailure) in
            let n = try e.number(input, span: call.inputSpan)
            let forms = try args.enumerated().map { i, a throws(EvaluationFailure) in try e.string(a, span: call.argumentSpans[i]) }
            return .string(forms[Self.russianPluralIndex(n)])
        }
        add("percent", 0...1) { e, input, args, call throws(EvaluationFailure) in
            // 12 → "12 %", 0.15 with digits → "0,15 %": the value is already in percent.
            let value = try e.number(input, span: call.inputSpan)
            let digits = try args.first.map { a throws(EvaluationFailure) in try e.integer(a, span: call.argumentSpans[0]) }
            let separator = e.language == .en ? "" : "\u{00A0}"
            return .string(NumberFormatting.formatNumber(value, fractionDigits: digits, language: e.language) + separator + "%")
        }
        add("adddays", 1...1) { e, input, args, call throws(EvaluationFailure) in
            // Due dates: document.date | adddays(10). Dates are calendar dates, no clock involved.
            let date = try e.date(input, span: call.inputSpan)
            let days = try e.integer(args[0], span: call.argumentSpans[0])
            do { return .string(try date.adding(days: days).description) } catch {
                throw EvaluationFailure(message: "\(error)", span: call.span)
            }
        }
        add("datetime") { e, input, _, call throws(EvaluationFailure) in
            // "2026-11-19T18:42:00+06:00" → "19.11.2026 18:42 UTC+06:00": the time as it was recorded,
            // in the zone it was recorded in, never converted through the server's clock.
            let text = try e.string(input, span: call.inputSpan)
            do { return .string(DateFormatting.formatDateTime(try LocalDateTime(text), language: e.language)) } catch {
                let place = input.path.map { "\($0): " } ?? ""
                throw EvaluationFailure(message: "\(place)expected a date-time like 2026-11-19T18:42:00+06:00, found \"\(text)\"", span: call.span)
            }
        }
        add("phone") { e, input, _, call throws(EvaluationFailure) in
            .string(Self.formatPhone(try e.display(input, span: call.inputSpan)))
        }
        for (name, grammaticalCase) in [("ablative", KyrgyzCases.Case.ablative), ("dative", .dative), ("kygenitive", .genitive)] {
            add(name) { e, input, _, call throws(EvaluationFailure) in
                // Kyrgyz case endings: «09:00» | ablative → «09:00дөн» (… баштап), | dative → «09:00гө»
                // (… чейин), | kygenitive → «… Бакытбековичтин» (… атынан). Other languages put the
                // case in a preposition of the label, so the text passes through unchanged.
                let text = try e.display(input, span: call.inputSpan)
                guard e.language == .ky else { return .string(text) }
                return .string(KyrgyzCases.attach(grammaticalCase, to: text))
            }
        }
        add("utcoffset", 0...1) { e, input, args, call throws(EvaluationFailure) in
            // A stop's IANA zone as its offset on the stop's date: "Asia/Bishkek" | utcoffset(stop.date) → «UTC+6».
            let zone = try e.string(input, span: call.inputSpan)
            var date: CalendarDate?
            if let argument = args.first, argument.isTruthy {
                date = try e.date(argument, span: call.argumentSpans[0])
            }
            guard let minutes = UTCOffsets.minutes(zone: zone, on: date) else {
                let place = input.path.map { "\($0): " } ?? ""
                throw EvaluationFailure(message: "\(place)unknown time zone \"\(zone)\"", span: call.span,
                                        hints: ["use an IANA zone such as Asia/Bishkek, Asia/Almaty, Asia/Shanghai or Asia/Urumqi"])
            }
            return .string(UTCOffsets.label(minutes: minutes))
        }
        add("nonempty", 1...1) { e, input, args, call throws(EvaluationFailure) in
            // Data a document cannot be without: `contract.sections | nonempty("a contract needs its text")`
            // fails the render, naming the field, instead of printing an empty legal text.
            let message = try e.string(args[0], span: call.argumentSpans[0])
            let empty: Bool
            switch input.resolved() {
            case .missing, .null: empty = true
            case .string(let text): empty = text.allSatisfy(\.isWhitespace)
            default: empty = (try? e.list(input, span: call.inputSpan))?.isEmpty ?? false
            }
            guard empty else { return input }
            let place = input.path.map { "\($0): " } ?? ""
            throw EvaluationFailure(message: place + message, span: call.span)
        }
        add("contains", 1...1) { e, input, args, call throws(EvaluationFailure) in
            // Whether a text holds a piece of text, or a list an item that prints the same:
            // `seen | contains("|12|")` keeps a set of keys in a text while a loop runs.
            let needle = try e.display(args[0], span: call.argumentSpans[0])
            if case .string(let text) = input.resolved() { return .bool(text.contains(needle)) }
            for item in try e.list(input, span: call.inputSpan) where (try e.display(item, span: call.inputSpan)) == needle {
                return .bool(true)
            }
            return .bool(false)
        }
        add("replace", 2...2) { e, input, args, call throws(EvaluationFailure) in
            // Every occurrence of the first text replaced by the second: a field separator kept out of
            // a payment QR code, `issuer.name | replace("|", " ")`.
            let text = try e.display(input, span: call.inputSpan)
            let target = try e.string(args[0], span: call.argumentSpans[0])
            let replacement = try e.string(args[1], span: call.argumentSpans[1])
            guard !target.isEmpty else { throw EvaluationFailure(message: "replace needs a text to look for", span: call.argumentSpans[0]) }
            return .string(text.replacingOccurrences(of: target, with: replacement))
        }
        Self.addListFilters(to: &filters)
        self.filters = filters
    }

    /// +996XXXXXXXXX → "+996 555 12-34-56"; +7 (KZ/RU) → "+7 701 123-45-67"; anything else as written.
    static func formatPhone(_ text: String) -> String {
        let digits = text.filter(\.isNumber)
        func group(_ s: Substring, _ sizes: [Int]) -> [String] {
            var rest = s
            return sizes.map { size in
                let part = rest.prefix(size)
                rest = rest.dropFirst(size)
                return String(part)
            }
        }
        if digits.hasPrefix("996"), digits.count == 12 {
            let p = group(digits.dropFirst(3), [3, 2, 2, 2])
            return "+996 \(p[0]) \(p[1])-\(p[2])-\(p[3])"
        }
        if digits.hasPrefix("7"), digits.count == 11 {
            let p = group(digits.dropFirst(1), [3, 3, 2, 2])
            return "+7 \(p[0]) \(p[1])-\(p[2])-\(p[3])"
        }
        if digits.hasPrefix("998"), digits.count == 12 {
            let p = group(digits.dropFirst(3), [2, 3, 2, 2])
            return "+998 \(p[0]) \(p[1])-\(p[2])-\(p[3])"
        }
        return text
    }

    /// "Асанов Нурлан Бакытбекович" → "Асанов Н. Б.", the form signature lines use. A name in
    /// Latin letters is written given name first, so it shortens the English way: "Tina Holm" →
    /// "T. Holm" (never "Tina H."), unless it is a transliterated Russian-style name that ends
    /// in a patronymic ("Sydykov Bakyt Almazbekovich" → "Sydykov B. A.").
    static func initials(_ fullName: String) -> String {
        let parts = fullName.split(whereSeparator: \.isWhitespace)
        guard let surname = parts.first, parts.count > 1 else { return fullName }
        let isLatin = fullName.unicodeScalars.contains { ("A"..."z").contains($0) } && !fullName.unicodeScalars.contains {
            (0x0400...0x04FF).contains($0.value)
        }
        if isLatin, !isPatronymic(parts.last!) {
            let given = parts.dropLast().compactMap { part in part.first.map { "\($0)." } }
            return (given + [String(parts.last!)]).joined(separator: " ")
        }
        return ([String(surname)] + parts.dropFirst().compactMap { $0.first.map { "\($0)." } }).joined(separator: " ")
    }

    /// Whether a Latin-letter word is a transliterated patronymic (or Kyrgyz «uulu»/«kyzy»).
    private static func isPatronymic(_ word: Substring) -> Bool {
        let lower = word.lowercased()
        return ["ovich", "evich", "ovna", "evna", "ich", "ichna", "uulu", "kyzy", "ogly", "kyzi"].contains { lower.hasSuffix($0) }
    }

    /// CLDR Russian plural category: 0 one, 1 few, 2 many (fractions take "few").
    static func russianPluralIndex(_ n: ExactDecimal) -> Int {
        guard n.rounded(toScale: 0) == n, let value = Int(n.magnitude.description) else { return 1 }
        let mod10 = value % 10
        let mod100 = value % 100
        if mod10 == 1, mod100 != 11 { return 0 }
        if (2...4).contains(mod10), !(12...14).contains(mod100) { return 1 }
        return 2
    }
}

extension Evaluator {
    func currency(_ value: Value, span: SourceSpan) throws(EvaluationFailure) -> Currency {
        let code = try string(value, span: span)
        guard let currency = Currency(rawValue: code) else {
            let place = value.path.map { "\($0): " } ?? ""
            throw EvaluationFailure(message: "\(place)unknown currency \"\(code)\"",
                                    span: span, hints: ["use one of: " + Currency.allCases.map(\.code).joined(separator: ", ")])
        }
        return currency
    }

    func date(_ value: Value, span: SourceSpan) throws(EvaluationFailure) -> CalendarDate {
        let text = try string(value, span: span)
        do { return try CalendarDate(String(text.prefix(10))) } catch {
            let place = value.path.map { "\($0): " } ?? ""
            throw EvaluationFailure(message: "\(place)expected a date YYYY-MM-DD, found \"\(text)\"", span: span)
        }
    }

    func applyFilter(_ name: String, base: Expr, arguments: [Expr], nameSpan: SourceSpan, span: SourceSpan)
        throws(EvaluationFailure) -> Value
    {
        guard let filter = FilterLibrary.shared.filters[name] else {
            throw EvaluationFailure(message: "unknown filter `\(name)`", span: nameSpan)
        }
        let input = try evaluate(base)
        var values: [Value] = []
        for argument in arguments { values.append(try evaluate(argument)) }
        let call = FilterLibrary.FilterCall(span: nameSpan, argumentSpans: arguments.map(\.span), inputSpan: base.span)
        return try filter.implementation(self, input, values, call)
    }
}

import Foundation

extension FilterLibrary {
    /// Every occurrence of `placeholder` in `text` replaced by `replacement`, left to right,
    /// comparing UTF-8 bytes: what Foundation's `replacingOccurrences` does for these ASCII
    /// placeholders, without bridging to `NSString` on every call of `format`.
    ///
    /// A replacement ending in a full stop swallows the full stop right after its placeholder,
    /// as typesetting wants after an abbreviation: «на сумму {2} {3}.» with «руб.» gives «…руб.»,
    /// not «…руб..».
    static func replacing(_ placeholder: String, in text: String, with replacement: String) -> String {
        let pattern = Array(placeholder.utf8)
        let bytes = Array(text.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return text }
        var result: [UInt8] = []
        var index = 0
        var found = false
        while index < bytes.count {
            if bytes[index] == first, index + pattern.count <= bytes.count,
                bytes[index..<(index + pattern.count)].elementsEqual(pattern)
            {
                if !found {
                    result.reserveCapacity(bytes.count + replacement.utf8.count)
                    result += bytes[0..<index]
                    found = true
                }
                result += replacement.utf8
                index += pattern.count
                if replacement.utf8.last == UInt8(ascii: "."), index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                    index += 1
                }
            } else {
                if found { result.append(bytes[index]) }
                index += 1
            }
        }
        return found ? String(decoding: result, as: UTF8.self) : text
    }
}
