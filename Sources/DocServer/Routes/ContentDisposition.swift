import Foundation

/// `Content-Disposition: attachment` with a file name every client can use (RFC 6266):
/// `filename="Schet na oplatu No 42 ot 22.11.2026.pdf"` as the ASCII fallback for old clients,
/// and `filename*=UTF-8''%D0%A1%D1%87…` (RFC 5987) with the real name.
package enum ContentDisposition {
    /// Cyrillic (Russian and Kyrgyz letters) to Latin, for the ASCII fallback.
    private static let transliteration: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya", "ң": "ng", "ө": "o", "ү": "u", "№": "No", "«": "\"", "»": "\"",
        "—": "-", "–": "-",
    ]

    /// The header value for downloading a file named `fileName`.
    package static func attachment(fileName: String) -> String {
        "attachment; filename=\"\(asciiFallback(fileName))\"; filename*=UTF-8''\(percentEncoded(fileName))"
    }

    /// The name in printable ASCII: Cyrillic transliterated, other characters replaced by `_`,
    /// and quotes and backslashes (which would end the quoted string) replaced too.
    package static func asciiFallback(_ fileName: String) -> String {
        var result = ""
        for character in fileName {
            let lower = Character(character.lowercased())
            if let latin = transliteration[lower] {
                let isUpper = character != lower
                result += isUpper && !latin.isEmpty ? latin.prefix(1).uppercased() + latin.dropFirst() : latin
            } else if character.isASCII, let scalar = character.unicodeScalars.first, (0x20..<0x7F).contains(scalar.value) {
                result.append(character)
            } else {
                result.append("_")
            }
        }
        return result.replacingOccurrences(of: "\"", with: "_").replacingOccurrences(of: "\\", with: "_")
    }

    /// RFC 5987 `value-chars`: attr-char kept, every other UTF-8 byte as `%XX`.
    package static func percentEncoded(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF")
        var result = ""
        for byte in text.utf8 {
            if isAttributeCharacter(byte) {
                result.append(Character(Unicode.Scalar(byte)))
            } else {
                result.append("%")
                result.append(digits[Int(byte >> 4)])
                result.append(digits[Int(byte & 0x0F)])
            }
        }
        return result
    }

    /// RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~".
    private static func isAttributeCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$&+-.^_`|~".utf8.contains(byte)
        }
    }
}
