/// Every version of every brand; the latest version of a brand is current. A version records
/// which files it had; the files themselves are blobs (`BlobKind.brandFile`).
package protocol BrandStore: Sendable {
    /// The latest version of every brand, sorted by id.
    func currentVersions() async throws(StorageError) -> [BrandVersionRecord]

    /// A stored version of `brandID`, or nil when it has no such version.
    func version(_ brandID: String, _ number: Int) async throws(StorageError) -> BrandVersionRecord?

    /// Every version of `brandID`, oldest first; empty for an unknown brand.
    func history(_ brandID: String) async throws(StorageError) -> [BrandVersionSummary]

    /// Records `brand` as the next version of its brand, unless its fingerprint equals the current
    /// version's. Version numbers are consecutive even under concurrent publishes. A new brand's
    /// tenant is the brand id. The brand's `numberPrefixKey` and `taxIDKey` become its own in the
    /// same transaction: no two brands ever hold the same one.
    /// - Returns: the recorded (or unchanged current) version and whether it is new.
    /// - Throws: `StorageError.identityTaken` when another brand holds the prefix or tax id.
    func record(_ brand: NewBrandVersion) async throws(StorageError) -> (version: BrandVersionRecord, isNew: Bool)
}
