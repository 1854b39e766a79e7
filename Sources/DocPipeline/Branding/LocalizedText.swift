package import Templates

/// A brand text that may differ by language: brand.json's `footerNote` and `terms` are either a
/// plain string, printed in every language, or an object by language, `{"ru": …, "ky": …, "en": …}`.
///
/// A language the object leaves out prints the brand's default language's text, else the first of
/// Russian, Kyrgyz, English that is given: a reseller who has not translated its footer yet still
/// gets its contacts on the page rather than nothing.
package struct LocalizedText: Sendable, Equatable {
    /// The text of a plain string, for every language.
    package var common: String?
    /// The texts of an object, by language.
    package var byLanguage: [Language: String]

    /// A plain string, the same in every language.
    package init(_ text: String) {
        common = text
        byLanguage = [:]
    }

    /// Texts by language; languages not given fall back as described on the type.
    package init(byLanguage: [Language: String]) {
        common = nil
        self.byLanguage = byLanguage
    }

    /// Reads a checked brand.json value (a string, or an object of languages to strings); nil for
    /// anything else or an object without a text.
    package init?(_ value: JSONValue?) {
        switch value {
        case .string(let text)?:
            self.init(text)
        case .object(let members)?:
            var texts: [Language: String] = [:]
            for (key, member) in members {
                if let language = Language(rawValue: key), let text = member.stringValue { texts[language] = text }
            }
            guard !texts.isEmpty else { return nil }
            self.init(byLanguage: texts)
        default:
            return nil
        }
    }

    /// The text printed on a document in `language`.
    /// - Parameters:
    ///   - language: the document's language.
    ///   - fallback: the brand's default language, tried first when `language` has no text.
    package func text(for language: Language, fallback: Language? = nil) -> String? {
        if let common { return common }
        if let text = byLanguage[language] { return text }
        if let fallback, let text = byLanguage[fallback] { return text }
        return Language.allCases.lazy.compactMap { byLanguage[$0] }.first
    }

    /// The text each language prints, as brand.json writes it: the plain string when there is one.
    package var json: JSONValue {
        if let common { return .string(common) }
        var members = JSONObject()
        for language in Language.allCases { if let text = byLanguage[language] { members[language.rawValue] = .string(text) } }
        return .object(members)
    }
}
