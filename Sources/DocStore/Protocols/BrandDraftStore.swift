/// One draft per brand, edited in the studio and shown only in previews; publishing it records a
/// brand version through `BrandStore` and then discards it here.
///
/// Drafts live in the store, not in a process, so every node previews the same draft.
package protocol BrandDraftStore: Sendable {
    /// The draft of `brandID`, or nil when it has none.
    func draft(of brandID: String) async throws(StorageError) -> BrandDraftRecord?

    /// Stores `draft` as the brand's draft, replacing any earlier one. Its files must already be
    /// in the blob store.
    /// - Throws: `StorageError.notFound` when the brand has no stored version.
    func save(_ draft: BrandDraftRecord) async throws(StorageError)

    /// Removes the draft of `brandID`.
    /// - Returns: whether there was one.
    @discardableResult
    func discard(_ brandID: String) async throws(StorageError) -> Bool
}
