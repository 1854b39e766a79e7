/// Decodes the escapes of one string literal: `\\ \" \' \n \t \u{XXXX}`.
///
/// Bad escapes are reported with a span covering just the escape and decoding carries on, so one
/// typo does not hide the rest of the tag.
struct StringLiteralDecoder {
    /// The most hex digits `\u{…}` may hold (enough for U+10FFFF).
    private static let maxHexDigits = 6

    private let source: Source
    /// The literal's scalars after the opening quote, each with its byte offset in the file.
    private let scalars: [(scalar: Unicode.Scalar, offset: Int)]
    private var position = 0
    /// Problems found while decoding.
    private(set) var diagnostics: [Diagnostic] = []

    /// Prepares to decode a `string` or `unterminatedString` token.
    init(token: Token, source: Source) {
        self.source = source
        var offset = token.span.start
        var scalars: [(Unicode.Scalar, Int)] = []
        for scalar in token.text.unicodeScalars {
            scalars.append((scalar, offset))
            offset += UTF8.width(scalar)
        }
        // Drop the quotes: the opening one always, the closing one when present.
        let isTerminated = token.kind == .string && scalars.count >= 2
        self.scalars = Array(scalars.dropFirst().dropLast(isTerminated ? 1 : 0))
    }

    /// The decoded value.
    mutating func decode() -> String {
        var result = String.UnicodeScalarView()
        while position < scalars.count {
            let scalar = scalars[position].scalar
            position += 1
            if scalar == "\\" {
                result.append(contentsOf: decodeEscape(startingAt: position - 1))
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Decodes the escape whose backslash is at `start`; `position` is just past the backslash.
    private mutating func decodeEscape(startingAt start: Int) -> [Unicode.Scalar] {
        guard position < scalars.count else { return ["\\"] }  // only in an unterminated string
        let letter = scalars[position].scalar
        position += 1
        switch letter {
        case "\\", "\"", "'": return [letter]
        case "n": return ["\n"]
        case "t": return ["\t"]
        case "u": return decodeUnicodeEscape(startingAt: start).map { [$0] } ?? []
        default:
            diagnostics.append(
                .error(
                    "unknown escape sequence `\\\(letter)`", at: span(from: start),
                    hints: ["valid escapes are `\\\\`, `\\\"`, `\\'`, `\\n`, `\\t` and `\\u{XXXX}`"]
                ))
            return [letter]
        }
    }

    /// `\u{XXXX}`: 1 to 6 hex digits naming a Unicode scalar.
    private mutating func decodeUnicodeEscape(startingAt start: Int) -> Unicode.Scalar? {
        var digits = ""
        var isWellFormed = position < scalars.count && scalars[position].scalar == "{"
        if isWellFormed {
            position += 1
            while position < scalars.count, scalars[position].scalar.properties.isASCIIHexDigit,
                digits.count < Self.maxHexDigits
            {
                digits.unicodeScalars.append(scalars[position].scalar)
                position += 1
            }
            isWellFormed = !digits.isEmpty && position < scalars.count && scalars[position].scalar == "}"
            if isWellFormed { position += 1 }
        }
        if isWellFormed, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) {
            return scalar
        }
        diagnostics.append(
            .error(
                "invalid Unicode escape", at: span(from: start),
                hints: [
                    "write `\\u{` followed by 1 to 6 hex digits naming a code point and `}`, e.g. `\\u{2116}` for №"
                ]
            ))
        return nil
    }

    /// From the scalar at `start` up to the current position.
    private func span(from start: Int) -> SourceSpan {
        let end = position < scalars.count ? scalars[position].offset : endOffset
        return source.span(scalars[start].offset..<end)
    }

    private var endOffset: Int {
        guard let last = scalars.last else { return 0 }
        return last.offset + UTF8.width(last.scalar)
    }
}
