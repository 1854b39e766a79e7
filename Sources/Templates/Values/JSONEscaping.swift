/// JSON string escaping, shared by JSON paths in messages and by `JSONValue.jsonText`.
enum JSONEscaping {
    /// The text with `"`, `\` and control characters escaped (without surrounding quotes).
    static func escaped(_ text: String) -> String {
        var result = ""
        append(text, to: &result)
        return result
    }

    /// Appends `text` escaped to `result`. Most strings need no escape at all and are appended
    /// whole, after one pass over their bytes.
    static func append(_ text: String, to result: inout String) {
        let needsEscape = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsEscape else {
            result += text
            return
        }
        result.reserveCapacity(result.utf8.count + text.utf8.count + 8)
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
    }
}

extension JSONValue {
    /// Compact JSON text; numbers keep their exact source text and objects their key order.
    public var jsonText: String {
        var text = ""
        write(to: &text)
        return text
    }

    /// Appends the compact text to `text`: one buffer for the whole document, where joining each
    /// container's pieces copied every member once per level above it.
    private func write(to text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(let number): text += number
        case .string(let string):
            text += "\""
            JSONEscaping.append(string, to: &text)
            text += "\""
        case .array(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                item.write(to: &text)
            }
            text += "]"
        case .object(let object):
            text += "{"
            for (index, member) in object.enumerated() {
                if index > 0 { text += "," }
                text += "\""
                JSONEscaping.append(member.key, to: &text)
                text += "\":"
                member.value.write(to: &text)
            }
            text += "}"
        }
    }
}
