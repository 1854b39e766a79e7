package import Foundation

/// One stored version of a brand: which files it had (each a blob) and who owns it.
package struct BrandVersionRecord: Sendable, Equatable {
    package var brandID: String
    /// 1, 2, 3 … per brand.
    package var version: Int
    /// The tenant that owns the brand (a reseller tenant is named like its brand).
    package var tenantID: String
    /// The brand's fingerprint over every file (`sha256:…`): equal fingerprints, equal brands.
    package var fingerprint: String
    /// Each file's name (`brand.json`, `logo.svg`, …) and the SHA-256 of its bytes in the blob store.
    package var files: [String: String]
    package var createdAt: Date

    package init(
        brandID: String, version: Int, tenantID: String, fingerprint: String, files: [String: String], createdAt: Date
    ) {
        self.brandID = brandID
        self.version = version
        self.tenantID = tenantID
        self.fingerprint = fingerprint
        self.files = files
        self.createdAt = createdAt
    }
}

/// One row of a brand's history, for listings.
package struct BrandVersionSummary: Sendable, Equatable {
    package var version: Int
    /// The fingerprint of that version's files.
    package var fingerprint: String
    package var createdAt: Date
    /// Who published it; nil for versions seeded from a brand folder or recorded before v8.
    package var publishedBy: BrandAuthor?

    package init(version: Int, fingerprint: String, createdAt: Date, publishedBy: BrandAuthor? = nil) {
        self.version = version
        self.fingerprint = fingerprint
        self.createdAt = createdAt
        self.publishedBy = publishedBy
    }
}

/// A brand version to record: its files are already in the blob store.
package struct NewBrandVersion: Sendable, Equatable {
    package var brandID: String
    /// The name a tenant row gets when the brand's tenant is new.
    package var displayName: String
    package var fingerprint: String
    /// The text of brand.json, kept readable in the database.
    package var manifest: String
    /// Each file's name and its blob's SHA-256.
    package var files: [String: String]
    /// What makes its number series its own (its number prefix, normalised), if it has one: no two
    /// brands may share it.
    package var numberPrefixKey: String?
    /// Its legal entity (`country:tax id`), if it has a tax id: no two brands may share it.
    package var taxIDKey: String?
    /// Who publishes it; nil for a brand seeded from its folder.
    package var publishedBy: BrandAuthor?

    package init(
        brandID: String, displayName: String, fingerprint: String, manifest: String, files: [String: String],
        numberPrefixKey: String? = nil, taxIDKey: String? = nil, publishedBy: BrandAuthor? = nil
    ) {
        self.brandID = brandID
        self.displayName = displayName
        self.fingerprint = fingerprint
        self.manifest = manifest
        self.files = files
        self.numberPrefixKey = numberPrefixKey
        self.taxIDKey = taxIDKey
        self.publishedBy = publishedBy
    }
}
