/// The language text is written in, as a BCP 47 tag (`ru`, `ky`, `en`, `en-GB`).
///
/// Shaping (HarfBuzz picks a font's language-specific forms) and line breaking (libunibreak
/// tailors quotation marks per language) both read it from the document, never from the
/// process locale, so the same document breaks and shapes the same way on every machine.
public struct LanguageTag: Sendable, Hashable, CustomStringConvertible {
    /// The tag as written, e.g. `ru`.
    public let identifier: String

    /// No language stated (`und`): Unicode's default line breaking and a font's default forms.
    public static let undetermined = LanguageTag(checked: "und")

    /// The longest tag accepted; real tags are far shorter.
    static let maximumLength = 35

    /// Accepts a well-formed tag: a 2–8 letter primary subtag, then subtags of 1–8 letters or
    /// digits, separated by hyphens (`ru`, `ky-KG`, `sr-Latn`).
    /// - Parameter identifier: the tag.
    /// - Returns: nil when the text is not shaped like a BCP 47 tag.
    public init?(_ identifier: String) {
        guard identifier.utf8.count <= Self.maximumLength else { return nil }
        let subtags = identifier.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first, (2...8).contains(primary.count),
            primary.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return nil }
        for subtag in subtags.dropFirst() {
            guard (1...8).contains(subtag.count),
                subtag.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) })
            else { return nil }
        }
        self.identifier = identifier
    }

    private init(checked identifier: String) { self.identifier = identifier }

    public var description: String { identifier }
}
