/// Whitespace as Swift defines it, answered without Unicode property lookups for the text a
/// document is made of: a render asks about every literal between elements and every scalar of
/// every paragraph, and a property lookup costs more than the rest of the question.
enum Whitespace {
    /// Unicode's White_Space property (`Unicode.Scalar.Properties.isWhitespace`): the 25 scalars
    /// of PropList.txt, a list Unicode has kept stable since 6.3.
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Whether every character of `text` is whitespace (`Character.isWhitespace`, which asks a
    /// character's first scalar). ASCII text is answered byte by byte: no ASCII scalar joins the
    /// character before it except the line feed of a CR LF, which is whitespace either way.
    static func isBlank(_ text: some StringProtocol) -> Bool {
        for byte in text.utf8 {
            guard byte < 0x80 else { return text.allSatisfy(\.isWhitespace) }
            guard byte == 0x20 || (0x09...0x0D).contains(byte) else { return false }
        }
        return true
    }

    /// `isBlank` of a `String`, over its contiguous bytes rather than its UTF-8 view's iterator:
    /// most of what a render asks is the indentation between a template's tags.
    static func isBlank(_ text: String) -> Bool {
        var copy = text  // `withUTF8` may first make a bridged string native
        let ascii: Bool? = copy.withUTF8 { bytes in
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                guard byte == 0x20 || (0x09...0x0D).contains(byte) else { return false }
            }
            return true
        }
        return ascii ?? text.allSatisfy(\.isWhitespace)
    }
}

extension String {
    /// Whether the UTF-8 text has `byte`: a scan of its contiguous bytes, where `utf8.contains`
    /// walks the view's iterator (some ten instructions a byte; every paragraph is asked).
    func hasUTF8Byte(_ byte: UInt8) -> Bool {
        var text = self  // `withUTF8` may first make a bridged string native
        return text.withUTF8 { bytes in bytes.contains(byte) }
    }

    /// Whether the last character is a space (`last == " "`), answered from the last bytes when
    /// they settle it: a final space after an ASCII byte is a character of its own (nothing ASCII
    /// joins a space: no ASCII scalar is a prepended mark, and a CR ends its character).
    var endsWithSpaceCharacter: Bool {
        let bytes = utf8
        guard bytes.last == 0x20 else { return false }
        guard bytes.count > 1 else { return true }
        return bytes[bytes.index(bytes.endIndex, offsetBy: -2)] < 0x80 ? true : last == " "
    }

    /// Whether the first character is a space (`first == " "`); a space followed by an ASCII
    /// byte is a character of its own (no ASCII scalar extends the character before it).
    var startsWithSpaceCharacter: Bool {
        let bytes = utf8
        guard bytes.first == 0x20 else { return false }
        guard bytes.count > 1 else { return true }
        return bytes[bytes.index(after: bytes.startIndex)] < 0x80 ? true : first == " "
    }

    /// `last?.isWhitespace`: when the last two bytes are ASCII, the last character is the last
    /// byte alone (or CR LF, whitespace either way), and `Whitespace` answers for it.
    ///
    /// A text that ends in a Cyrillic, Greek or Latin letter (a name, a unit) is answered from
    /// its last scalar too: no whitespace scalar starts a character that such a letter continues
    /// (whitespace is never a prepended mark nor an emoji, and only combining marks, which these
    /// ranges leave out, join a character after it), so the last character is not whitespace.
    var lastCharacterIsWhitespace: Bool? {
        let bytes = utf8
        guard let lastByte = bytes.last else { return nil }
        if lastByte < 0x80, bytes.count == 1 || bytes[bytes.index(bytes.endIndex, offsetBy: -2)] < 0x80 {
            return Whitespace.contains(Unicode.Scalar(lastByte))
        }
        if bytes.count >= 2, (0x80..<0xC0).contains(lastByte) {
            let lead = bytes[bytes.index(bytes.endIndex, offsetBy: -2)]
            if (0xC2..<0xE0).contains(lead) {
                let scalar = UInt32(lead & 0x1F) << 6 | UInt32(lastByte & 0x3F)
                if (0xA1...0x2FF).contains(scalar) || (0x370...0x482).contains(scalar) || (0x48A...0x52F).contains(scalar) {
                    return false
                }
            }
        }
        return last?.isWhitespace
    }
}
