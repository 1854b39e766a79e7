internal import CHarfBuzz

/// A document's language in the forms the text libraries take, resolved once per layout:
/// HarfBuzz's interned language and the tag libunibreak reads.
///
/// `@unchecked Sendable`: hb_language_t points at an interned, immutable string that lives as
/// long as the process.
struct TextLanguage: @unchecked Sendable {
    let tag: LanguageTag
    /// HarfBuzz's handle for the tag; equal tags give the same pointer for the process's life.
    let harfBuzz: hb_language_t

    init(_ tag: LanguageTag) {
        self.tag = tag
        harfBuzz = hb_language_from_string(tag.identifier, -1)
    }

    /// The tag libunibreak tailors its rules by (`ru`, `en`, …; unknown tags get Unicode's defaults).
    /// libunibreak has no Kyrgyz rules; Kyrgyz typesetting follows Russian (« » quotes, dashes), so
    /// Kyrgyz text breaks by the Russian rules rather than the untailored defaults.
    var lineBreakTag: String { Self.lineBreakFallbacks[tag.identifier] ?? tag.identifier }

    /// Languages libunibreak does not know, and the language whose line-breaking rules they follow.
    static let lineBreakFallbacks = ["ky": "ru"]

    /// A key for caches: the interned pointer's bits.
    var cacheKey: Int { Int(bitPattern: UnsafeRawPointer(harfBuzz)) }
}
