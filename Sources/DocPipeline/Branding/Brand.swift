package import DocEngine
package import Foundation
package import Templates

/// A brand as loaded from its folder: how a reseller's (or the platform's) documents look and
/// who issues them. Built only by `BrandLoader`, which has checked every field and file.
package struct Brand: Sendable {
    /// Lowercase letters, digits and hyphens; the folder's name.
    package let id: String
    /// The name shown on documents, e.g. "Ала-Тоо Логистик".
    package let displayName: String
    /// Whether this is the platform's own brand; every other brand is white-label.
    package let isPlatform: Bool
    /// The issuing party (document.schema.json `Party`), used when the document data has none.
    package let legal: JSONValue?
    /// The colour of headers and rules.
    package let accentColor: Color
    /// The brand's colours for other template roles, by role name (`muted`, `stripe`, …).
    package let themeColors: [String: Color]
    /// A line printed in the footer of every page, the same in every language or one per language.
    package let footerNote: LocalizedText?
    /// The brand's own terms, printed in the terms block of requests and contracts (per language or not).
    package let terms: LocalizedText?
    /// Prefix of the brand's document numbers, e.g. "АТЛ-".
    package let numberPrefix: String?
    /// The brand's default document language.
    package let locale: Language?
    /// Who signs for the issuer (document.schema.json `Person`).
    package let signer: JSONValue?
    /// `logo.png`, `logo.jpg` or `logo.svg`.
    package let logo: ImageAsset?
    /// `stamp.png` or `stamp.svg`.
    package let stamp: ImageAsset?
    /// The raw bytes of `signature.json` (finger strokes, signature.schema.json), already validated.
    package let signatureStrokes: Data?
    /// `signature.png`, for brands that supply a scanned signature instead of strokes.
    package let signatureImage: ImageAsset?
    /// A fingerprint of every brand file (names and bytes): changes whenever any file does, so
    /// documents and caches can record which version of the brand they were made with.
    package let version: String

    /// Whether the brand supplies a signature, as strokes or as an image.
    package var hasSignature: Bool { signatureStrokes != nil || signatureImage != nil }
}
