import Testing

@testable import Templates

/// `Whitespace` answers without Unicode property lookups; these hold it to the lookups it replaces.
@Suite struct WhitespaceTests {
    @Test func theScalarListIsUnicodesWhiteSpaceProperty() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(Whitespace.contains(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }

    @Test func blankTextIsWhatCharacterIsWhitespaceSays() {
        let cases = [
            "", " ", "\n\t  \r\n", "\u{0B}\u{0C}", " x ", "x", "\u{A0}", "  \u{A0} \u{2009}\n", " \u{301}",
            "\u{301} ", " \u{200D} ", "\u{600} ", "\r\n\u{301}", "\u{3000}\u{85}", " я ", "\u{1F600}",
        ]
        for text in cases {
            #expect(Whitespace.isBlank(text) == text.allSatisfy(\.isWhitespace), "\(text.unicodeScalars.map { $0.value })")
            #expect(Whitespace.isBlank(Substring(text)) == text.allSatisfy(\.isWhitespace))
        }
        // Every short string over an alphabet of the awkward scalars.
        let alphabet: [Unicode.Scalar] = [" ", "\r", "\n", "a", "\u{301}", "\u{A0}", "\u{600}", "\u{200D}", "\u{2028}"]
        func visit(_ prefix: String, _ depth: Int) {
            #expect(Whitespace.isBlank(prefix) == prefix.allSatisfy(\.isWhitespace), "\(prefix.unicodeScalars.map { $0.value })")
            guard depth > 0 else { return }
            for scalar in alphabet { visit(prefix + String(scalar), depth - 1) }
        }
        visit("", 4)
    }

    /// The edge spaces of template text are found from the bytes where they settle it
    /// (`endsWithSpaceCharacter`, `startsWithSpaceCharacter`, `lastCharacterIsWhitespace`); every
    /// short string over the awkward scalars (a combining mark, a prepended mark, ZWJ, CR LF, an
    /// emoji that ZWJ joins, a Cyrillic combining mark, a soft hyphen) gets what the characters say.
    @Test func edgeSpacesAreWhatTheCharactersSay() {
        let alphabet: [Unicode.Scalar] = [
            " ", "\r", "\n", "a", "я", "\u{301}", "\u{A0}", "\u{600}", "\u{200D}", "\t", "©", "\u{483}", "ω", "\u{AD}",
        ]
        func visit(_ text: String, _ depth: Int) {
            let scalars = "\(text.unicodeScalars.map { $0.value })"
            #expect(text.endsWithSpaceCharacter == (text.last == " "), "\(scalars)")
            #expect(text.startsWithSpaceCharacter == (text.first == " "), "\(scalars)")
            #expect(text.lastCharacterIsWhitespace == text.last?.isWhitespace, "\(scalars)")
            guard depth > 0 else { return }
            for scalar in alphabet { visit(text + String(scalar), depth - 1) }
        }
        visit("", 4)
    }
}
