/// A JSON value written in one canonical form: keys sorted, numbers with fixed decimals,
/// two-space indentation, and small objects or arrays of scalars kept on one line.
enum StableJSON: Sendable, Hashable {
    case number(Double, decimals: Int)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case array([StableJSON])
    case object([String: StableJSON])

    /// A coordinate pair `[x, y]`.
    static func point(_ point: SignaturePoint, decimals: Int) -> StableJSON {
        .array([.number(point.x, decimals: decimals), .number(point.y, decimals: decimals)])
    }

    /// The canonical text, ending with a newline.
    func serialized() -> String {
        var output = ""
        write(to: &output, indent: 0)
        output += "\n"
        return output
    }

    private var isScalar: Bool {
        switch self {
        case .number, .integer, .string, .bool: true
        case .array, .object: false
        }
    }

    /// Written on one line: scalars, arrays of scalars, and objects holding only those.
    private var isInline: Bool {
        switch self {
        case .number, .integer, .string, .bool: true
        case .array(let items): items.allSatisfy(\.isScalar)
        case .object(let members): members.values.allSatisfy { $0.isScalar || ($0.isInline && !$0.isObject) }
        }
    }

    private var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    private func write(to output: inout String, indent: Int) {
        switch self {
        case .number(let value, let decimals):
            output += FixedDecimal.format(value, decimals: decimals)
        case .integer(let value):
            output += String(value)
        case .string(let text):
            Self.writeString(text, to: &output)
        case .bool(let value):
            output += value ? "true" : "false"
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, indent: indent, to: &output) {
                index, out, inner in
                items[index].write(to: &out, indent: inner)
            }
        case .object(let members):
            // Sorted by Unicode scalars, so the order never depends on a dictionary's iteration order.
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            writeContainer(open: "{", close: "}", count: keys.count, indent: indent, to: &output) { index, out, inner in
                Self.writeString(keys[index], to: &out)
                out += ": "
                members[keys[index]]!.write(to: &out, indent: inner)
            }
        }
    }

    private func writeContainer(
        open: String, close: String, count: Int, indent: Int, to output: inout String,
        item: (Int, inout String, Int) -> Void
    ) {
        guard count > 0 else {
            output += open + close
            return
        }
        if isInline {
            output += open
            for index in 0..<count {
                if index > 0 { output += ", " }
                item(index, &output, indent)
            }
            output += close
            return
        }
        let inner = indent + 2
        output += open + "\n"
        for index in 0..<count {
            output += String(repeating: " ", count: inner)
            item(index, &output, inner)
            output += index + 1 < count ? ",\n" : "\n"
        }
        output += String(repeating: " ", count: indent) + close
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
