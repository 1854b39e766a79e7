/// A language documents are printed in. Raw values are the BCP 47 codes used in the schema.
public enum Language: String, Sendable, Hashable, CaseIterable {
    /// Russian, the default for legal documents in KG, KZ and RU.
    case ru
    /// Kyrgyz (Cyrillic). Legal wording in Kyrgyz still needs native review (docs/documents.md §9).
    case ky
    /// English, for foreign counterparties and internal use.
    case en
}
