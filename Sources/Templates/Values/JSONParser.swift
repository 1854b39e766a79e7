/// A strict RFC 8259 JSON parser over UTF-8 bytes that keeps numbers as exact source text.
///
/// Rejects what lenient parsers let through: trailing commas, leading zeros, `NaN`/`Infinity`,
/// unescaped control characters, lone surrogates, invalid UTF-8 and duplicate object keys.
/// Nesting is capped at ``maximumDepth``. The parser is iterative (an explicit stack of open
/// containers), so deep documents cannot overflow a small task stack. A leading UTF-8 byte
/// order mark is skipped, which RFC 8259 §8.1 permits.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted; the top-level container is depth 1.
    public static let maximumDepth = 512

    /// Parses a complete JSON text from UTF-8 bytes (`[UInt8]`, `Data`, `ArraySlice`, …).
    /// - Parameter bytes: The document.
    /// - Returns: The top-level value (any JSON value, not only objects).
    /// - Throws: ``JSONParseError`` with the first problem's line and column.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: Array(bytes))
        return try parser.parseDocument()
    }

    /// Parses a complete JSON text.
    /// - Parameter text: The document.
    /// - Throws: ``JSONParseError`` with the first problem's line and column.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// An array or object whose closing bracket has not been read yet.
    private struct OpenContainer {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members = JSONObject()
        /// Key read for the member whose value is being parsed.
        var pendingKey = ""
    }

    let bytes: [UInt8]
    var position = 0
    /// 3 when a byte order mark was skipped, so columns on line 1 do not count it.
    private(set) var contentStart = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.starts(with: Self.byteOrderMark) {
            contentStart = Self.byteOrderMark.count
            position = contentStart
        }
        var stack: [OpenContainer] = []
        parsing: while true {
            // Stage 1: read one value. A non-empty container is pushed and we loop back for
            // its first child instead of recursing.
            skipWhitespace()
            var value: JSONValue
            switch peek() {
            case JSONByte.openBrace, JSONByte.openBracket:
                let isObject = peek() == JSONByte.openBrace
                guard stack.count < Self.maximumDepth else {
                    throw error("nesting is deeper than \(Self.maximumDepth) levels")
                }
                position += 1
                skipWhitespace()
                if peek() == (isObject ? JSONByte.closeBrace : JSONByte.closeBracket) {
                    position += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    stack.append(OpenContainer(isObject: isObject))
                    if isObject {
                        try readKey(into: &stack[stack.count - 1], afterComma: false)
                    }
                    continue parsing
                }
            default:
                value = try parseScalar()
            }

            // Stage 2: hand the finished value to its parent; close every parent it completes.
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].isObject {
                    stack[top].members.appendNewMember(key: stack[top].pendingKey, value: value)
                } else {
                    stack[top].elements.append(value)
                }
                skipWhitespace()
                let closing = stack[top].isObject ? JSONByte.closeBrace : JSONByte.closeBracket
                switch peek() {
                case JSONByte.comma:
                    let comma = position
                    position += 1
                    skipWhitespace()
                    if peek() == closing {
                        let kind = stack[top].isObject ? "an object" : "an array"
                        throw error("trailing comma is not allowed in \(kind)", at: comma)
                    }
                    if stack[top].isObject {
                        try readKey(into: &stack[top], afterComma: true)
                    }
                    continue parsing
                case closing:
                    position += 1
                    let container = stack.removeLast()
                    value = container.isObject ? .object(container.members) : .array(container.elements)
                default:
                    throw expected(stack[top].isObject
                        ? "',' or '}' after object member"
                        : "',' or ']' after array element")
                }
            }

            skipWhitespace()
            guard position == bytes.count else { throw error("unexpected content after the JSON value") }
            return value
        }
    }

    /// Reads `"key" :` and remembers the key, rejecting duplicates.
    private mutating func readKey(into container: inout OpenContainer, afterComma: Bool) throws(JSONParseError) {
        guard peek() == JSONByte.quote else {
            throw expected(afterComma ? "'\"' to start an object key" : "'\"' to start an object key or '}'")
        }
        let keyStart = position
        let key = try parseString()
        guard !container.members.contains(key: key) else {
            throw error("duplicate key \"\(key)\" in object", at: keyStart)
        }
        skipWhitespace()
        guard peek() == JSONByte.colon else { throw expected("':' after object key") }
        position += 1
        container.pendingKey = key
    }

    /// A string, number or literal at the current position.
    private mutating func parseScalar() throws(JSONParseError) -> JSONValue {
        guard let byte = peek() else { throw error("unexpected end of input, expected a value") }
        switch byte {
        case JSONByte.quote: return .string(try parseString())
        case JSONByte.minus, JSONByte.zero...JSONByte.nine: return .number(try parseNumber())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "N"), UInt8(ascii: "I"): throw error("NaN and Infinity are not valid JSON numbers")
        default: throw error("unexpected \(describeCharacter(at: position)), expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = literal.withUTF8Buffer { Array($0) }
        guard bytes[position...].starts(with: expected) else {
            throw error("invalid literal, expected '\(literal)'")
        }
        position += expected.count
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as its exact text.
    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = position
        if peek() == JSONByte.minus {
            position += 1
            if peek() == UInt8(ascii: "I") { throw error("NaN and Infinity are not valid JSON numbers", at: start) }
        }
        guard isDigit(peek()) else { throw expected("a digit after '-'") }
        if peek() == JSONByte.zero {
            position += 1
            if isDigit(peek()) { throw error("leading zeros are not allowed in numbers", at: position - 1) }
        } else {
            skipDigits()
        }
        if peek() == JSONByte.dot {
            position += 1
            guard isDigit(peek()) else { throw expected("a digit after the decimal point") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == JSONByte.plus || peek() == JSONByte.minus { position += 1 }
            guard isDigit(peek()) else { throw expected("a digit in the exponent") }
            skipDigits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    // MARK: - Byte helpers

    func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (JSONByte.zero...JSONByte.nine).contains(byte)
    }

    private mutating func skipDigits() {
        while isDigit(peek()) { position += 1 }
    }

    /// RFC 8259 whitespace: space, tab, line feed, carriage return; nothing else.
    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == JSONByte.space || byte == JSONByte.tab
                || byte == JSONByte.lineFeed || byte == JSONByte.carriageReturn
        {
            position += 1
        }
    }

    /// `'x'`, `'é'`, `character U+0007`, `byte 0xFF` or `end of input`, for messages.
    func describeCharacter(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte > JSONByte.space && byte < JSONByte.delete { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < JSONByte.firstNonASCII { return "character U+" + hex4(UInt32(byte)) }
        // Show a well-formed non-ASCII character as itself; the lead byte gives its length.
        let length = byte >= 0xF0 ? 4 : (byte >= 0xE0 ? 3 : 2)
        if offset + length <= bytes.count,
            let text = String(validating: bytes[offset..<(offset + length)], as: UTF8.self)
        {
            return "'\(text)'"
        }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// "expected …" at the current position, prefixed with "unexpected end of input" there.
    func expected(_ what: String) -> JSONParseError {
        error(position < bytes.count ? "expected \(what)" : "unexpected end of input, expected \(what)")
    }

    /// An error at `offset` (default: the current position).
    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(message: message, byteOffset: offset ?? position, in: bytes, contentStart: contentStart)
    }
}

/// The ASCII bytes the grammar is made of.
enum JSONByte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let delete: UInt8 = 0x7F
    static let firstNonASCII: UInt8 = 0x80
}
