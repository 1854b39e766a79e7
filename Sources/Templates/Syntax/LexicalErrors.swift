/// Messages for the malformed lexemes the lexer turns into error tokens.
///
/// The lexer itself stays silent; the parser calls these when it meets such a token, so a bad
/// character inside an already-broken tag is not reported twice.
enum LexicalErrors {
    /// "unexpected character `@`", with a hint for the usual suspects.
    static func invalidCharacter(_ token: Token) -> Diagnostic {
        let scalar = token.text.unicodeScalars.first ?? "\u{FFFD}"
        return .error("unexpected character \(describe(scalar))", at: token.span, hints: hints(for: scalar))
    }

    /// "unknown unit `px` in `15px`".
    static func badUnit(_ token: Token) -> Diagnostic {
        let unit = String(token.text.drop { $0.isASCII && ($0.isNumber || $0 == ".") })
        var hints = ["lengths use `pt`, `mm`, `cm`, `in`, `fr` or `%`, written right after the number"]
        if let suggestion = Suggestions.hint(for: unit, in: Lexer.units.sorted()) { hints.insert(suggestion, at: 0) }
        return .error("unknown unit `\(unit)` in `\(token.text)`", at: token.span, hints: hints)
    }

    /// "string is never closed".
    static func unterminatedString(_ token: Token) -> Diagnostic {
        let quote = token.text.first.map(String.init) ?? "\""
        return .error(
            "string is never closed", at: token.span,
            hints: ["add the closing `\(quote)`; strings cannot span lines, use `\\n` for a line break"]
        )
    }

    /// Printable characters are quoted; invisible ones are named by code point.
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        let invisible: Bool =
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .control, .format, .lineSeparator, .paragraphSeparator, .unassigned: true
            default: false
            }
        if invisible {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "`\(scalar)`"
    }

    private static func hints(for scalar: Unicode.Scalar) -> [String] {
        switch scalar {
        case "!": ["write `not x` for negation, or `a != b`"]
        case "&": ["write `and`"]
        case "%": ["there is no remainder operator; a percentage is written right after a number, e.g. `50%`"]
        case "}": ["tags end with `}}` or `%}`"]
        case "{": ["to print `{{` write `{{ \"{{\" }}`"]
        case "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}":
            ["strings use straight quotes: `\"…\"` or `'…'`"]
        case "\u{00A0}", "\u{2007}", "\u{202F}": ["replace the no-break space with an ordinary space"]
        default: []
        }
    }
}
