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
}
