/// JSON string escaping, shared by JSON paths in messages and by `JSONValue.jsonText`.
enum JSONEscaping {
    /// The text with `"`, `\` and control characters escaped (without surrounding quotes).
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension JSONValue {
    /// Compact JSON text; numbers keep their exact source text and objects their key order.
    public var jsonText: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let text): "\"" + JSONEscaping.escaped(text) + "\""
        case .array(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let object):
            "{" + object.map { "\"" + JSONEscaping.escaped($0.key) + "\":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }
}
