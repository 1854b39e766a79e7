extension JSONParser {
    /// UTF-16 surrogate ranges (RFC 8259 §7: a `\u` escape outside the BMP is a surrogate pair).
    private static let highSurrogates: ClosedRange<UInt32> = 0xD800...0xDBFF
    private static let lowSurrogates: ClosedRange<UInt32> = 0xDC00...0xDFFF
    private static let surrogateOffset: UInt32 = 0x10000
    private static let surrogateBits: UInt32 = 10
    private static let hexDigitsPerEscape = 4
    /// Bytes below this are control characters that must be escaped inside strings.
    private static let firstPrintable: UInt8 = 0x20

    /// A string starting at the opening quote. Without escapes the bytes are decoded in one go;
    /// with escapes, unescaped runs and decoded escapes are copied into a buffer.
    mutating func parseString() throws(JSONParseError) -> String {
        let quote = position
        position += 1
        var segmentStart = position
        // Stays empty (no allocation) unless the string has escapes.
        var unescaped: [UInt8] = []
        var hasEscapes = false
        while true {
            guard let byte = peek() else { throw error("unterminated string", at: quote) }
            switch byte {
            case JSONByte.quote:
                defer { position += 1 }
                guard hasEscapes else { return String(decoding: bytes[segmentStart..<position], as: UTF8.self) }
                unescaped.append(contentsOf: bytes[segmentStart..<position])
                return String(decoding: unescaped, as: UTF8.self)
            case JSONByte.backslash:
                hasEscapes = true
                unescaped.append(contentsOf: bytes[segmentStart..<position])
                try readEscape(into: &unescaped)
                segmentStart = position
            case ..<Self.firstPrintable:
                throw error("control character U+\(hex4(UInt32(byte))) must be escaped in a string")
            case ..<JSONByte.firstNonASCII:
                position += 1
            default:
                try skipUTF8Sequence()
            }
        }
    }

    /// One escape sequence starting at the backslash; appends its UTF-8 to `buffer`.
    private mutating func readEscape(into buffer: inout [UInt8]) throws(JSONParseError) {
        let backslash = position
        position += 1
        guard let letter = peek() else { throw error("unterminated string", at: backslash) }
        position += 1
        let simple: UInt8? = switch letter {
        case JSONByte.quote, JSONByte.backslash, JSONByte.slash: letter
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): JSONByte.lineFeed
        case UInt8(ascii: "r"): JSONByte.carriageReturn
        case UInt8(ascii: "t"): JSONByte.tab
        default: nil
        }
        if let simple {
            buffer.append(simple)
            return
        }
        guard letter == UInt8(ascii: "u") else {
            throw error("invalid escape sequence '\\\(describeEscapeLetter(letter))'", at: backslash)
        }
        var codePoint = try readHexQuad(escapeStart: backslash)
        if Self.lowSurrogates.contains(codePoint) {
            throw error("unpaired low surrogate \\u\(hex4(codePoint))", at: backslash)
        }
        if Self.highSurrogates.contains(codePoint) {
            let next = position
            guard peek() == JSONByte.backslash, next + 1 < bytes.count, bytes[next + 1] == UInt8(ascii: "u") else {
                throw error("unpaired high surrogate \\u\(hex4(codePoint))", at: backslash)
            }
            position += 2
            let low = try readHexQuad(escapeStart: next)
            guard Self.lowSurrogates.contains(low) else {
                throw error("unpaired high surrogate \\u\(hex4(codePoint))", at: backslash)
            }
            codePoint = Self.surrogateOffset
                + ((codePoint - Self.highSurrogates.lowerBound) << Self.surrogateBits)
                + (low - Self.lowSurrogates.lowerBound)
        }
        // Surrogates were handled above, so every remaining value is a valid scalar.
        guard let scalar = Unicode.Scalar(codePoint) else {
            throw error("invalid code point \\u\(hex4(codePoint))", at: backslash)
        }
        UTF8.encode(scalar) { buffer.append($0) }
    }

    /// Four hex digits after `\u`.
    private mutating func readHexQuad(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<Self.hexDigitsPerEscape {
            guard let byte = peek(), let digit = hexValue(byte) else {
                throw error("invalid \\u escape: expected 4 hex digits", at: escapeStart)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case JSONByte.zero...JSONByte.nine: UInt32(byte - JSONByte.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func describeEscapeLetter(_ letter: UInt8) -> String {
        letter >= 0x21 && letter < 0x7F ? String(Character(Unicode.Scalar(letter))) : "U+" + hex4(UInt32(letter))
    }

    /// Validates one multi-byte UTF-8 sequence (Unicode Table 3-7: no overlongs, no encoded
    /// surrogates, nothing above U+10FFFF) and steps over it.
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = bytes[position]
        // Allowed range of the second byte and number of continuation bytes, by lead byte.
        let (secondByte, continuationCount): (ClosedRange<UInt8>, Int)
        switch lead {
        case 0xC2...0xDF: (secondByte, continuationCount) = (0x80...0xBF, 1)
        case 0xE0: (secondByte, continuationCount) = (0xA0...0xBF, 2)
        case 0xE1...0xEC, 0xEE...0xEF: (secondByte, continuationCount) = (0x80...0xBF, 2)
        case 0xED: (secondByte, continuationCount) = (0x80...0x9F, 2)
        case 0xF0: (secondByte, continuationCount) = (0x90...0xBF, 3)
        case 0xF1...0xF3: (secondByte, continuationCount) = (0x80...0xBF, 3)
        case 0xF4: (secondByte, continuationCount) = (0x80...0x8F, 3)
        default: throw error("invalid UTF-8 byte 0x\(String(lead, radix: 16, uppercase: true))")
        }
        for offset in 1...continuationCount {
            let index = position + offset
            let allowed: ClosedRange<UInt8> = offset == 1 ? secondByte : 0x80...0xBF
            guard index < bytes.count, allowed.contains(bytes[index]) else {
                throw error("invalid UTF-8 sequence")
            }
        }
        position += 1 + continuationCount
    }
}
