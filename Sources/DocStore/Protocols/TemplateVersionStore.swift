/// Every version of every template; the latest version of a name is current.
package protocol TemplateVersionStore: Sendable {
    /// Records the engine's built-in templates: version 1 where a name has none, and a changed
    /// source as the next version where the current version is built in too (never over a
    /// version a user published, never for a retired name). One transaction.
    /// - Parameter sources: each built-in template's name and source.
    /// - Returns: the current version of every name not retired afterwards, and what changed.
    func recordBuiltIn(_ sources: [(name: String, source: String)]) async throws(StorageError)
        -> (current: [String: TemplateVersion], changes: [BuiltInTemplateChange])

    /// Records `source` as the next version of `name` (a published one); the same source as the
    /// current version is not a new version.
    /// - Returns: the version and whether it is new.
    func publish(name: String, source: String, tenantID: String?) async throws(StorageError)
        -> (version: TemplateVersion, isNew: Bool)

    /// A stored version of `name`, or nil when there is no such version.
    func version(_ name: String, _ number: Int) async throws(StorageError) -> TemplateVersion?

    /// Every version of `name`, oldest first; empty for an unknown name.
    func versions(of name: String) async throws(StorageError) -> [TemplateVersion]

    /// The current version of every name that is not retired.
    func currentVersions() async throws(StorageError) -> [String: TemplateVersion]

    /// Retires `name`: it stops being current (no longer in `currentVersions` or in what
    /// `recordBuiltIn` returns, and a built-in source never brings it back), while its versions stay
    /// readable for the documents issued with them. Retiring twice is harmless.
    /// - Returns: false when `name` has no version.
    func retire(_ name: String) async throws(StorageError) -> Bool
}
