/// Splits a template into tokens.
///
/// The lexer is total: every byte belongs to exactly one token, so joining all token texts gives
/// back the source, and malformed input yields error tokens instead of failures. It reports no
/// diagnostics itself; the parser does, because only the parser knows which errors are follow-ons.
///
/// Outside tags everything up to the next `{{`, `{%` or `{#` is one `text` token. Inside a tag the
/// lexer produces expression tokens until `}}` or `%}`. A new `{{`, `{%` or `{#` inside a tag ends
/// it early (the tag was never closed), which keeps one missing `}}` from swallowing the file.
///
/// Whitespace-control markers belong to the tag's opener or closer (`{%-`, `-%}`, `{{- `, `-}}`)
/// or to the comment (`{#-`, `-#}`). The parser does the trimming, so the tokens still cover
/// every byte.
public struct Lexer {
    /// The units a length literal may carry.
    static let units: Set<String> = ["pt", "mm", "cm", "in", "fr"]

    private let source: Source
    private let bytes: [UInt8]
    private var position = 0
    private var tokens: [Token] = []

    private init(source: Source) {
        self.source = source
        self.bytes = Array(source.text.utf8)
    }

    /// Tokenizes a whole source. The last token is always `endOfFile`.
    /// - Parameter source: The template.
    public static func tokenize(_ source: Source) -> [Token] {
        var lexer = Lexer(source: source)
        lexer.lexText()
        lexer.emit(.endOfFile, from: lexer.bytes.count)
        return lexer.tokens
    }

    // MARK: - Outside tags

    private mutating func lexText() {
        var textStart = position
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "{"), position + 1 < bytes.count else {
                position += 1  // `{` is ASCII, so stepping bytewise never splits a scalar we care about
                continue
            }
            let opener: TokenKind? =
                switch bytes[position + 1] {
                case UInt8(ascii: "{"): .outputOpen
                case UInt8(ascii: "%"): .statementOpen
                case UInt8(ascii: "#"): .comment
                default: nil
                }
            guard let opener else {
                position += 1
                continue
            }
            if position > textStart { emit(.text, from: textStart) }
            let start = position
            position += 2
            if opener != .comment, hasTrimMarker(after: opener) { position += 1 }
            if opener == .comment {
                lexComment(from: start)
            } else {
                emit(opener, from: start)
                lexTag(isStatement: opener == .statementOpen)
            }
            textStart = position
        }
        if position > textStart { emit(.text, from: textStart) }
    }

    /// Whether the `-` at `position` makes the opener just read trim whitespace: always after
    /// `{%` (no statement starts with a minus), but after `{{` only when whitespace or the end
    /// follows, so `{{-x}}` keeps meaning a negation (the parser warns about it).
    private func hasTrimMarker(after opener: TokenKind) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "-") else { return false }
        if opener == .statementOpen { return true }
        return position + 1 == bytes.count || Self.isTagWhitespace(bytes[position + 1])
    }

    private mutating func lexComment(from start: Int) {
        while position + 1 < bytes.count {
            if bytes[position] == UInt8(ascii: "#"), bytes[position + 1] == UInt8(ascii: "}") {
                position += 2
                emit(.comment, from: start)
                return
            }
            position += 1
        }
        position = bytes.count
        emit(.unclosedComment, from: start)
    }

    // MARK: - Inside tags

    private mutating func lexTag(isStatement: Bool) {
        while position < bytes.count {
            let start = position
            let byte = bytes[position]
            let next = position + 1 < bytes.count ? bytes[position + 1] : 0
            if byte == UInt8(ascii: "-"), let kind = closer(at: position + 1) {
                // `-}}` and `-%}`: a closer that trims the whitespace after the tag.
                position += 3
                return emit(kind, from: start)
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                while position < bytes.count, Self.isTagWhitespace(bytes[position]) { position += 1 }
                emit(.whitespace, from: start)
            case UInt8(ascii: "}") where next == UInt8(ascii: "}"):
                position += 2
                emit(.outputClose, from: start)
                return
            case UInt8(ascii: "%") where next == UInt8(ascii: "}"):
                position += 2
                emit(.statementClose, from: start)
                return
            case UInt8(ascii: "{")
            where next == UInt8(ascii: "{") || next == UInt8(ascii: "%") || next == UInt8(ascii: "#"):
                return  // an unclosed tag: let the text lexer start the new one
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber(isStatement: isStatement)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                lexString()
            default:
                if let kind = lexPunctuation(byte, next: next) {
                    emit(kind, from: start)
                } else if isIdentifierStart(at: position) {
                    lexIdentifier()
                } else {
                    position += scalarLength(at: position)
                    emit(.invalidCharacter, from: start)
                }
            }
        }
    }

    /// The closer `}}` or `%}` starting at `offset`, if any.
    private func closer(at offset: Int) -> TokenKind? {
        guard offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "}") else { return nil }
        switch bytes[offset] {
        case UInt8(ascii: "}"): return .outputClose
        case UInt8(ascii: "%"): return .statementClose
        default: return nil
        }
    }

    /// Consumes one- or two-byte punctuation, returning its kind, or nil without consuming.
    private mutating func lexPunctuation(_ byte: UInt8, next: UInt8) -> TokenKind? {
        let followedByEquals = next == UInt8(ascii: "=")
        let (kind, length): (TokenKind, Int)
        switch byte {
        case UInt8(ascii: "("): (kind, length) = (.leftParen, 1)
        case UInt8(ascii: ")"): (kind, length) = (.rightParen, 1)
        case UInt8(ascii: "["): (kind, length) = (.leftBracket, 1)
        case UInt8(ascii: "]"): (kind, length) = (.rightBracket, 1)
        case UInt8(ascii: ","): (kind, length) = (.comma, 1)
        case UInt8(ascii: "."): (kind, length) = (.dot, 1)
        case UInt8(ascii: "|"): (kind, length) = (.pipe, 1)
        case UInt8(ascii: "+"): (kind, length) = (.plus, 1)
        case UInt8(ascii: "-"): (kind, length) = (.minus, 1)
        case UInt8(ascii: "*"): (kind, length) = (.star, 1)
        case UInt8(ascii: "/"): (kind, length) = (.slash, 1)
        case UInt8(ascii: "="): (kind, length) = followedByEquals ? (.equal, 2) : (.assign, 1)
        case UInt8(ascii: "<"): (kind, length) = followedByEquals ? (.lessEqual, 2) : (.less, 1)
        case UInt8(ascii: ">"): (kind, length) = followedByEquals ? (.greaterEqual, 2) : (.greater, 1)
        case UInt8(ascii: "!") where followedByEquals: (kind, length) = (.notEqual, 2)
        default: return nil
        }
        position += length
        return kind
    }

    /// `12`, `0.5`, then an optional unit: `15mm`, `1fr`, `50%`.
    private mutating func lexNumber(isStatement: Bool) {
        let start = position
        skipDigits()
        if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "."), Self.isDigit(bytes[position + 1]) {
            position += 1
            skipDigits()
        }
        guard position < bytes.count else { return emit(.number, from: start) }
        if bytes[position] == UInt8(ascii: "%") {
            // In a statement tag `50%}` must still close the tag, so `%` followed by `}` is not a
            // unit there; the parser warns about it. In `{{ 50%}}` the `%` is clearly a unit.
            let closesStatement = position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "}")
            if isStatement && closesStatement { return emit(.number, from: start) }
            position += 1
            return emit(.length, from: start)
        }
        guard isIdentifierStart(at: position) else { return emit(.number, from: start) }
        let unitStart = position
        skipIdentifierContinue()
        let unit = String(decoding: bytes[unitStart..<position], as: UTF8.self)
        emit(Self.units.contains(unit) ? .length : .badUnit, from: start)
    }

    /// A quoted string. An unterminated one ends at the line break, or just before the first `}}`
    /// or `%}` on its line, so the tag can still close and the next tags parse normally.
    private mutating func lexString() {
        let start = position
        let quote = bytes[position]
        position += 1
        var firstCloser: Int?
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return emit(.string, from: start)
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count,
                bytes[position + 1] != UInt8(ascii: "\n"), bytes[position + 1] != UInt8(ascii: "\r")
            {
                position += 1 + scalarLength(at: position + 1)
                continue
            }
            let next = position + 1 < bytes.count ? bytes[position + 1] : 0
            if firstCloser == nil, next == UInt8(ascii: "}"), byte == UInt8(ascii: "}") || byte == UInt8(ascii: "%") {
                // A `-` right before it belongs to the closer (`-%}`).
                let hasTrimMarker = position - 1 > start && bytes[position - 1] == UInt8(ascii: "-")
                firstCloser = hasTrimMarker ? position - 1 : position
            }
            position += scalarLength(at: position)
        }
        position = firstCloser ?? position
        emit(.unterminatedString, from: start)
    }

    private mutating func lexIdentifier() {
        let start = position
        position += scalarLength(at: position)
        skipIdentifierContinue()
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        emit(Keyword(rawValue: text).map(TokenKind.keyword) ?? .identifier, from: start)
    }

    // MARK: - Helpers

    private mutating func emit(_ kind: TokenKind, from start: Int) {
        let span = source.span(start..<position)
        tokens.append(Token(kind: kind, text: source.text(in: span), span: span))
    }

    private mutating func skipDigits() {
        while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
    }

    private mutating func skipIdentifierContinue() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 0x80 {
                guard Self.isASCIIIdentifierContinue(byte) else { return }
                position += 1
            } else {
                guard scalar(at: position).properties.isXIDContinue else { return }
                position += scalarLength(at: position)
            }
        }
    }

    private func isIdentifierStart(at offset: Int) -> Bool {
        let byte = bytes[offset]
        if byte < 0x80 { return Self.isASCIILetter(byte) || byte == UInt8(ascii: "_") }
        return scalar(at: offset).properties.isXIDStart
    }

    /// The length of the UTF-8 sequence starting at `offset` (the text is valid UTF-8).
    private func scalarLength(at offset: Int) -> Int {
        switch bytes[offset] {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    private func scalar(at offset: Int) -> Unicode.Scalar {
        let length = scalarLength(at: offset)
        let leadMask: UInt8 = [0x7F, 0x1F, 0x0F, 0x07][length - 1]
        var value = UInt32(bytes[offset] & leadMask)
        for index in offset + 1..<offset + length {
            value = value << 6 | UInt32(bytes[index] & 0x3F)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private static func isTagWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isASCIIIdentifierContinue(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_")
    }
}
