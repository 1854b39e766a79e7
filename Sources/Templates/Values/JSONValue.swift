/// A parsed JSON document. Numbers keep their exact source text so money never passes through
/// `Double`; turn them into values with `ExactDecimal(text)`.
///
/// Equality is structural: numbers compare by text (`1.0` ≠ `1`), objects ignore key order.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its exact source text (`"1.50"`, `"-2e3"`).
    case number(String)
    /// A string with escapes resolved.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in source order.
    case object(JSONObject)

    /// The member named `key`, or `nil` when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The element at `index`, or `nil` when this is not an array or the index is out of range.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The value at `path`, or `nil` where any step is missing.
    public subscript(path: JSONPath) -> JSONValue? {
        var current = self
        for component in path.components {
            let next: JSONValue?
            switch component {
            case .key(let key): next = current[key]
            case .index(let index): next = current[index]
            }
            guard let next else { return nil }
            current = next
        }
        return current
    }

    /// The JSON type name for diagnostics: `null`, `boolean`, `number`, `string`, `array`, `object`.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The number's source text, if this is a number.
    public var numberText: String? {
        if case .number(let text) = self { text } else { nil }
    }

    /// The boolean payload, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { object } else { nil }
    }
}

// Literals make fixtures in tests and built-in data readable. There is deliberately no float
// literal: it would pass through Double. Write `.number("1.5")` instead.
extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer number.
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object, keys in literal order; duplicate keys trap, as with `Dictionary`.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(uniqueKeysWithValues: elements))
    }
}
