import DocEngine

/// An element's attribute values, evaluated and converted with errors at the attribute.
struct ElementAttributes {
    /// In the template's order. An element has a few attributes and layout asks for each name it
    /// knows, most of them absent: comparing short names beats hashing every asked name, and
    /// building no dictionary per element instance saves its allocation.
    private var values: [(name: String, asciiLength: Int?, value: Value, span: SourceSpan)] = []
    private let evaluator: Evaluator

    init(_ element: Node.Element, evaluator: Evaluator) throws(EvaluationFailure) {
        self.evaluator = evaluator
        values.reserveCapacity(element.attributes.count)
        for attribute in element.attributes {
            let name = attribute.name
            let asciiLength = name.utf8.allSatisfy { $0 < 0x80 } ? name.utf8.count : nil
            values.append((name, asciiLength, try evaluator.evaluate(attribute.value), attribute.value.span))
        }
    }

    /// The attribute's value and where it is written; a name written twice means its last value.
    private func entry(_ name: String) -> (Value, SourceSpan)? {
        // Lengths first: they tell most names apart without `String ==`'s out-of-line
        // comparison. Only between ASCII names (the names asked for are): a name in other
        // letters may equal one of another length canonically.
        let length = name.utf8.count
        guard let index = values.lastIndex(where: { ($0.asciiLength ?? length) == length && $0.name == name }) else { return nil }
        return (values[index].value, values[index].span)
    }

    private func value(_ name: String) -> (Value, SourceSpan)? {
        guard let entry = entry(name) else { return nil }
        if case .null = entry.0.resolved() { return nil }
        if case .missing = entry.0 { return nil }
        return entry
    }

    func string(_ name: String) throws(EvaluationFailure) -> String? {
        guard let (value, span) = value(name) else { return nil }
        return try evaluator.display(value, span: span)
    }

    func bool(_ name: String) throws(EvaluationFailure) -> Bool? {
        guard let (value, _) = value(name) else { return nil }
        return value.isTruthy
    }

    func integer(_ name: String) throws(EvaluationFailure) -> Int? {
        guard let (value, span) = value(name) else { return nil }
        return try evaluator.integer(value, span: span)
    }

    func decimalAsDouble(_ name: String) throws(EvaluationFailure) -> Double? {
        guard let (value, span) = value(name) else { return nil }
        return Double(try evaluator.number(value, span: span).description)
    }

    /// A length in points; a bare number counts as points.
    func length(_ name: String) throws(EvaluationFailure) -> Double? {
        guard let (value, span) = value(name) else { return nil }
        return try Self.points(value, span: span, evaluator: evaluator)
    }

    static func points(_ value: Value, span: SourceSpan, evaluator: Evaluator) throws(EvaluationFailure) -> Double {
        switch value.resolved() {
        case .length(let points): return points
        case .number, .string: return Double(try evaluator.number(value, span: span).description) ?? 0
        default: throw EvaluationFailure(message: "expected a length such as 10pt or 5mm, found \(value.kindDescription)", span: span)
        }
    }

    func color(_ name: String) throws(EvaluationFailure) -> Color? {
        guard let (value, span) = value(name) else { return nil }
        let text = try evaluator.display(value, span: span)
        guard let color = Self.namedColor(text) ?? Color(hex: text) else {
            throw EvaluationFailure(message: "expected a colour like \"#1F4E79\", found \"\(text)\"", span: span)
        }
        return color
    }

    private static func namedColor(_ name: String) -> Color? {
        switch name {
        case "black": .black
        case "white": .white
        case "gray", "grey": .gray
        default: nil
        }
    }

    func alignment(_ name: String) throws(EvaluationFailure) -> Alignment? {
        guard let text = try string(name) else { return nil }
        guard let alignment = Alignment(rawValue: text) else {
            throw EvaluationFailure(message: "unknown alignment \"\(text)\"", span: entry(name)!.1)
        }
        return alignment
    }

    /// One, two or four lengths, in CSS order (top, right, bottom, left).
    func insets(_ name: String) throws(EvaluationFailure) -> EdgeInsets? {
        guard let (value, span) = value(name) else { return nil }
        guard case .array(let items) = value else {
            return EdgeInsets(all: try Self.points(value, span: span, evaluator: evaluator))
        }
        var lengths: [Double] = []
        for item in items { lengths.append(try Self.points(item, span: span, evaluator: evaluator)) }
        switch lengths.count {
        case 1: return EdgeInsets(all: lengths[0])
        case 2: return EdgeInsets(top: lengths[0], right: lengths[1], bottom: lengths[0], left: lengths[1])
        case 4: return EdgeInsets(top: lengths[0], right: lengths[1], bottom: lengths[2], left: lengths[3])
        default: throw EvaluationFailure(message: "expected 1, 2 or 4 lengths, found \(lengths.count)", span: span)
        }
    }

    func track(_ name: String) throws(EvaluationFailure) -> TrackWidth? {
        guard let (value, span) = value(name) else { return nil }
        return try Self.track(value, span: span, evaluator: evaluator)
    }

    /// Column widths: `[24pt, 1fr, auto, 30%]`.
    func tracks(_ name: String) throws(EvaluationFailure) -> [TrackWidth]? {
        guard let (value, span) = value(name) else { return nil }
        guard case .array(let items) = value else {
            throw EvaluationFailure(message: "expected a list of widths like [24pt, 1fr, auto]", span: span)
        }
        var result: [TrackWidth] = []
        for item in items { result.append(try Self.track(item, span: span, evaluator: evaluator)) }
        return result
    }

    private static func track(_ value: Value, span: SourceSpan, evaluator: Evaluator) throws(EvaluationFailure) -> TrackWidth {
        switch value {
        case .auto: return .auto
        case .fraction(let share): return .fraction(share)
        case .percent(let share): return .relative(share)
        default: return .fixed(try points(value, span: span, evaluator: evaluator))
        }
    }

    /// "A4", "A5", "Letter", or `[width, height]`.
    func pageSize(_ name: String) throws(EvaluationFailure) -> Size? {
        guard let (value, span) = value(name) else { return nil }
        if case .array(let items) = value, items.count == 2 {
            return Size(width: try Self.points(items[0], span: span, evaluator: evaluator),
                        height: try Self.points(items[1], span: span, evaluator: evaluator))
        }
        switch try evaluator.display(value, span: span).uppercased() {
        case "A4": return .a4
        case "A5": return .a5
        case "LETTER": return .letter
        case let other: throw EvaluationFailure(message: "unknown page size \"\(other)\"", span: span, hints: ["use A4, A5, Letter or [width, height]"])
        }
    }
}
