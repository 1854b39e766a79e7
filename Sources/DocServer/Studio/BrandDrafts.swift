package import DocPipeline
package import DocStore
package import Foundation
import Synchronization
package import Templates

/// The studio's drafts of brands: what a reseller edits, previews and then publishes.
///
/// A draft is a complete set of brand files kept in the store (`BrandDraftStore`, files as blobs),
/// never used to issue documents. Its brand.json is always the current version's with the draft's
/// look (accent colour, footer note, terms): identity fields come from the current version each
/// time the draft is saved, previewed or published, so a requisite the platform changed meanwhile
/// is never reverted by an old draft. Every save is validated like an upload (`BrandLoader`: the
/// brand contract, image checks) and against the white-label guard before anything is stored.
package final class BrandDrafts: Sendable {
    /// What an image upload is for, and the file names it may take.
    package enum ImageRole: String, Sendable, CaseIterable {
        case logo, stamp, signature

        /// The brand file name for an upload of `mediaType`, or nil when this role cannot take it.
        package func fileName(for mediaType: String) -> String? {
            switch (self, mediaType) {
            case (_, "image/png"): "\(rawValue).png"
            case (.logo, "image/jpeg"): "logo.jpg"
            case (.logo, "image/svg+xml"), (.stamp, "image/svg+xml"): "\(rawValue).svg"
            case (.signature, "application/json"): "signature.json"
            default: nil
            }
        }

        /// The media types this role takes, for the error message.
        package var mediaTypes: [String] {
            switch self {
            case .logo: ["image/png", "image/jpeg", "image/svg+xml"]
            case .stamp: ["image/png", "image/svg+xml"]
            case .signature: ["application/json (strokes, signature.schema.json)", "image/png"]
            }
        }

        /// Whether `fileName` is this role's file.
        package func owns(_ fileName: String) -> Bool {
            BrandFolder.knownFiles.contains { $0.name == fileName && $0.role.rawValue == rawValue }
        }
    }

    /// The brand as the studio shows it: its current version and its draft, if any.
    package struct Working: Sendable {
        package var current: BrandVersion
        /// The stored draft; nil when the studio shows the current version.
        package var draft: BrandDraftRecord?
        /// The files previews use: the draft's, recomposed over the current identity, or the current version's.
        package var files: [String: Data]
        /// Those files, loaded.
        package var brand: Brand
    }

    /// How many loaded drafts stay in memory (each holds its decoded images).
    package static let loadedDraftsKept = 32

    package let registry: BrandRegistry
    package let store: any BrandDraftStore
    package let blobs: any BlobStore
    package let clock: @Sendable () -> Date
    /// Loaded drafts by their files' fingerprint, so a preview does not decode images again.
    private let loaded = Mutex(RecentlyUsedCache<Brand>(capacity: BrandDrafts.loadedDraftsKept))

    package init(registry: BrandRegistry, store: any BrandDraftStore, blobs: any BlobStore, clock: @escaping @Sendable () -> Date) {
        self.registry = registry
        self.store = store
        self.blobs = blobs
        self.clock = clock
    }

    /// The current version of `id` and its draft, loaded; nil for an unknown brand.
    /// - Throws: `StorageError` when a blob is missing, `BrandError` when stored files no longer load.
    package func working(_ id: String) async throws -> Working? {
        guard let current = registry.current(id) else { return nil }
        guard let draft = try await store.draft(of: id) else {
            return Working(current: current, draft: nil, files: try await currentFiles(id), brand: current.brand)
        }
        var files: [String: Data] = [:]
        for (name, sha256) in draft.files { files[name] = try await blobs.read(sha256, kind: .brandFile) }
        if draft.baseVersion != current.version {
            files["brand.json"] = try Self.compose(identityOf: try await currentFiles(id), lookOf: files)
        }
        return Working(current: current, draft: draft, files: files, brand: try load(files, id: id))
    }

    /// The brand previews of `id` render with: its draft when it has one, else its current version.
    /// Cheap when the draft is already loaded: one read of the draft's record.
    package func previewBrand(_ id: String) async throws -> Brand? {
        guard let current = registry.current(id) else { return nil }
        guard let draft = try await store.draft(of: id) else { return current.brand }
        if draft.baseVersion == current.version, let brand = loaded.withLock({ $0.value(for: draft.fingerprint) }) {
            return brand
        }
        return try await working(id)?.brand
    }

    /// Changes the draft's look: `patch` sets `accentColor`, `footerNote`, `terms` (null removes
    /// the last two); any other member is refused by `StudioIdentityRule`.
    /// - Parameters:
    ///   - whiteLabelGuard: knows the platform's marks, which a reseller's texts may not name.
    /// - Returns: the saved draft.
    /// - Throws: `StudioIdentityRule.Refusal` (403), `BrandError` (422, every problem with its field).
    package func changeLook(
        of id: String, patch: JSONObject, author: BrandAuthor, whiteLabelGuard: WhiteLabelGuard
    ) async throws -> Working? {
        guard let working = try await working(id) else { return nil }
        let currentManifest = try Self.manifest(try await currentFiles(id))
        var proposed = try Self.manifest(working.files)
        for (key, value) in patch { proposed[key] = value == .null ? nil : value }
        try StudioIdentityRule.check(current: currentManifest, proposed: proposed)
        if !working.current.brand.isPlatform {
            let problems = Self.platformMarks(in: proposed, whiteLabelGuard: whiteLabelGuard)
            guard problems.isEmpty else { throw BrandError.invalid(problems) }
        }
        var files = working.files
        files["brand.json"] = Data(JSONValue.object(proposed).jsonText.utf8)
        return try await save(files, working: working, author: author)
    }

    /// Puts `data` as the draft's `role` file (replacing the role's earlier file, whatever its type).
    /// - Throws: `BrandError` (422) when the image or strokes do not load.
    package func setImage(
        of id: String, role: ImageRole, fileName: String, data: Data, author: BrandAuthor
    ) async throws -> Working? {
        guard let working = try await working(id) else { return nil }
        var files = working.files.filter { !role.owns($0.key) }
        files[fileName] = data
        return try await save(files, working: working, author: author)
    }

    /// Removes the draft's `role` file.
    package func removeImage(of id: String, role: ImageRole, author: BrandAuthor) async throws -> Working? {
        guard let working = try await working(id) else { return nil }
        return try await save(working.files.filter { !role.owns($0.key) }, working: working, author: author)
    }

    /// Publishes the draft as the brand's next version (identity from the current version) and
    /// discards it. With no draft, nothing changes.
    /// - Returns: the version, whether it is new; nil for an unknown brand or a brand without a draft.
    package func publish(_ id: String, author: BrandAuthor) async throws -> (version: BrandVersion, isNew: Bool)? {
        guard let working = try await working(id), working.draft != nil else { return nil }
        var files = working.files
        files["brand.json"] = try Self.compose(identityOf: try await currentFiles(id), lookOf: files)
        // Identity comes from the current version above; BrandIdentity checks it again for non-platform authors.
        let published = try await registry.publishReportingChange(
            id: id, files: files, mayChangeIdentity: author.role == .platform, author: author)
        // After the version: a crash in between leaves the draft, whose publish is then "unchanged".
        try await store.discard(id)
        return published
    }

    /// Forgets the draft; previews show the current version again.
    /// - Returns: whether there was one.
    package func discard(_ id: String) async throws -> Bool {
        try await store.discard(id)
    }

    // MARK: Files

    /// Validates `files`, writes them as blobs and records them as the draft.
    private func save(_ files: [String: Data], working: Working, author: BrandAuthor) async throws -> Working {
        let brand = try BrandLoader.load(files: files, id: working.current.brand.id)
        var addresses: [String: String] = [:]
        for (name, data) in files { addresses[name] = try await blobs.write(data, kind: .brandFile) }
        let record = BrandDraftRecord(
            brandID: brand.id, baseVersion: working.current.version, fingerprint: brand.version, files: addresses,
            updatedAt: clock(), updatedBy: author)
        try await store.save(record)
        loaded.withLock { $0.store(brand, for: brand.version) }
        return Working(current: working.current, draft: record, files: files, brand: brand)
    }

    /// Loads draft files, or takes them from memory when already loaded.
    private func load(_ files: [String: Data], id: String) throws -> Brand {
        var fingerprint = BrandFingerprint()
        for name in files.keys.sorted() { fingerprint.add(name: name, contents: files[name] ?? Data()) }
        if let brand = loaded.withLock({ $0.value(for: fingerprint.version) }) { return brand }
        let brand = try BrandLoader.load(files: files, id: id)
        loaded.withLock { $0.store(brand, for: brand.version) }
        return brand
    }

    private func currentFiles(_ id: String) async throws -> [String: Data] {
        guard let (_, files) = try await registry.currentFiles(id) else { throw StorageError.notFound("brand `\(id)`") }
        return files
    }

    /// brand.json of `files` as an object.
    /// - Throws: `BrandError` when it is missing or not an object.
    package static func manifest(_ files: [String: Data]) throws -> JSONObject {
        guard let data = files["brand.json"], let object = (try? JSONParser.parse(data))?.objectValue else {
            throw BrandError.invalid(["brand.json: missing or not a JSON object"])
        }
        return object
    }

    /// brand.json with the identity of `identityOf`'s and the look members of `lookOf`'s.
    package static func compose(identityOf current: [String: Data], lookOf draft: [String: Data]) throws -> Data {
        var manifest = try Self.manifest(current)
        let look = try Self.manifest(draft)
        for key in StudioIdentityRule.lookMembers { manifest[key] = look[key] }
        return Data(JSONValue.object(manifest).jsonText.utf8)
    }

    /// One problem per footer or terms text of `manifest` that names the platform, e.g.
    /// `brand.json: footerNote.ky: names the platform ("Track.com") …`.
    package static func platformMarks(in manifest: JSONObject, whiteLabelGuard: WhiteLabelGuard) -> [String] {
        var problems: [String] = []
        for key in ["footerNote", "terms"] {
            var texts: [(String, String)] = []
            switch manifest[key] {
            case .string(let text)?: texts = [(key, text)]
            case .object(let members)?: texts = members.compactMap { m in m.value.stringValue.map { ("\(key).\(m.key)", $0) } }
            default: break
            }
            for (path, text) in texts {
                if let mark = whiteLabelGuard.marks.first(where: { WhiteLabelGuard.contains(text, $0) }) {
                    problems.append(
                        "brand.json: \(path): names the platform (\(JSONRule.quote(mark))); a reseller's documents must not carry the platform's name")
                }
            }
        }
        return problems
    }
}
