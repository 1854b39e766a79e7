package import Foundation

/// A brand's unpublished draft: a complete set of brand files (each a blob, like a version's),
/// never used for issued documents, only for previews until it is published or discarded.
package struct BrandDraftRecord: Sendable, Equatable {
    package var brandID: String
    /// The brand version the draft was started from (its identity fields come from the current
    /// version again when it is published).
    package var baseVersion: Int
    /// The fingerprint of the draft's files (`sha256:…`), as `BrandFingerprint` computes it.
    package var fingerprint: String
    /// Each file's name (`brand.json`, `logo.svg`, …) and the SHA-256 of its bytes in the blob store.
    package var files: [String: String]
    package var updatedAt: Date
    /// Who saved it last.
    package var updatedBy: BrandAuthor

    package init(
        brandID: String, baseVersion: Int, fingerprint: String, files: [String: String], updatedAt: Date,
        updatedBy: BrandAuthor
    ) {
        self.brandID = brandID
        self.baseVersion = baseVersion
        self.fingerprint = fingerprint
        self.files = files
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
