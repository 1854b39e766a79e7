import DocEngine

/// A value while a template runs. Data from the JSON stays `.data` with its path until it is
/// used, so that a wrong type is reported as `items[3].price: expected a decimal, found "abc"`.
enum Value {
    case null
    /// A field the data does not have; false in conditions, an error wherever a value is needed.
    case missing(JSONPath)
    case bool(Bool)
    case number(ExactDecimal)
    case string(String)
    /// A length in points.
    case length(Double)
    /// A share of free width (`1fr`).
    case fraction(Double)
    /// A share of the whole width (`50%`), as 0...1.
    case percent(Double)
    case auto
    case array([Value])
    /// Template-made records (the `loop` variable).
    case record([String: Value])
    /// Untyped data with its JSON path.
    case data(JSONValue, JSONPath)

    /// Where the value came from in the data, if it did.
    var path: JSONPath? {
        switch self {
        case .data(_, let path), .missing(let path): path
        default: nil
        }
    }

    /// Data resolved to a concrete case: scalars become typed, containers stay `.data`.
    func resolved() -> Value {
        guard case .data(let json, let path) = self else { return self }
        switch json {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .string(let text): return .string(text)
        case .number(let text):
            if let number = try? ExactDecimal(text) { return .number(number) }
            return .data(json, path)
        case .array, .object: return self
        }
    }

    /// A short description of the kind, for "expected …, found …" messages.
    var kindDescription: String {
        switch resolved() {
        case .null: "null"
        case .missing: "nothing (the field is absent)"
        case .bool(let flag): "\(flag)"
        case .number(let number): "the number \(number)"
        case .string(let text): text.count > 40 ? "a string" : "\"\(text)\""
        case .length: "a length"
        case .fraction: "a fraction"
        case .percent: "a percentage"
        case .auto: "auto"
        case .array: "a list"
        case .record: "a record"
        case .data(let json, _): json.kindName
        }
    }

    /// Conditions: absent, null, false, empty text and empty lists are false; zero is true
    /// (a zero VAT rate is a real value, tested with `== 0`).
    var isTruthy: Bool {
        switch resolved() {
        case .null, .missing: false
        case .bool(let flag): flag
        case .string(let text): !text.isEmpty
        case .array(let items): !items.isEmpty
        case .data(.array(let items), _): !items.isEmpty
        default: true
        }
    }
}
