package import DocPipeline
package import DocStore
package import Foundation
import Synchronization
import Templates

/// A brand as the service issues it: the loaded brand, its version number, and its tenant.
package struct BrandVersion: Sendable {
    package var brand: Brand
    /// 1, 2, 3 … per brand id.
    package var version: Int
    /// Who owns it: the brand id itself (a reseller tenant is named like its brand).
    package var tenantID: String
}

/// The service's brands, loaded: every version's files are blobs, every version is recorded in the
/// store, the latest version of each brand is current and kept loaded.
///
/// A publish loads the uploaded files with `BrandLoader` (every check), writes each file to the blob
/// store (before the row that names it, so a crash leaves at worst an unreferenced blob), then
/// records the version. Old versions are never deleted: a stored document records its brand
/// version and must re-render byte for byte with it.
package final class BrandRegistry: Sendable {
    /// How many older brand versions stay loaded (each holds its decoded images).
    package static let olderVersionsKept = 32

    package let store: any BrandStore
    package let blobs: any BlobStore
    private let state: Mutex<State>

    private struct State {
        /// The latest version of each brand.
        var current: [String: BrandVersion] = [:]
        /// Older versions loaded on demand, by `id#number`: the most recently used few, since a
        /// batch or dry run over years of documents may touch every version of every brand.
        var older = RecentlyUsedCache<BrandVersion>(capacity: BrandRegistry.olderVersionsKept)
    }

    /// Opens the registry: loads every brand's latest stored version, then records each brand of
    /// `seedFolder` whose id is not stored yet as its version 1 (a stored id is never re-imported:
    /// uploads win over the seed).
    /// - Parameters:
    ///   - store: where versions are recorded.
    ///   - blobs: where brand files are kept.
    ///   - seedFolder: a folder of brand folders (e.g. `SampleData/brands`), or nil.
    /// - Throws: `BrandError` naming the brand folder that does not load; `StorageError`.
    package init(store: any BrandStore, blobs: any BlobStore, seedFolder: URL?) async throws {
        self.store = store
        self.blobs = blobs
        state = Mutex(State())
        var current: [String: BrandVersion] = [:]
        for record in try await store.currentVersions() {
            current[record.brandID] = try await load(record)
        }
        state.withLock { $0.current = current }
        guard let seedFolder else { return }
        for (name, url) in try Self.brandFolders(in: seedFolder) where current[name] == nil {
            let folder = BrandFolder(reading: url)
            do {
                _ = try BrandLoader.load(from: url)
            } catch {
                throw BrandError.invalid(error.problems.map { "\(seedFolder.lastPathComponent)/\(name)/\($0)" })
            }
            _ = try await publishReportingChange(id: name, files: folder.files)
        }
    }

    /// Makes current what other nodes recorded since: each brand whose latest stored version is
    /// newer than the loaded one is loaded. Called when the store announces a brand change.
    /// - Returns: the brands that changed.
    /// - Throws: `StorageError`, or `BrandError` when a stored version no longer loads.
    @discardableResult
    package func refresh() async throws -> [String] {
        let known = state.withLock { $0.current.mapValues(\.version) }
        var changed: [String] = []
        for record in try await store.currentVersions() where record.version > known[record.brandID, default: 0] {
            remember(try await load(record))
            changed.append(record.brandID)
        }
        return changed
    }

    /// The current version of `id`, or nil for an unknown brand.
    package func current(_ id: String) -> BrandVersion? {
        state.withLock { $0.current[id] }
    }

    /// A stored version of `id` (older or current), loaded on first use, so a document can be
    /// re-rendered with the brand it was issued with.
    /// - Returns: nil when `id` has no such version.
    /// - Throws: `BrandError` when the stored files no longer load; `StorageError` when they are
    ///   missing or no longer match the recorded fingerprint.
    package func version(_ id: String, _ number: Int) async throws -> BrandVersion? {
        let key = "\(id)#\(number)"
        let cached = state.withLock { state in
            state.current[id].flatMap { $0.version == number ? $0 : nil } ?? state.older.value(for: key)
        }
        if let cached { return cached }
        guard let record = try await store.version(id, number) else { return nil }
        let loaded = try await load(record)
        state.withLock { $0.older.store(loaded, for: key) }
        return loaded
    }

    /// The current version of every brand, sorted by id.
    package var all: [BrandVersion] {
        state.withLock { $0.current.values.sorted { $0.brand.id < $1.brand.id } }
    }

    /// The current brand whose `isPlatform` is true, if any (the first by id if several are).
    package var platformBrand: Brand? {
        all.first { $0.brand.isPlatform }?.brand
    }

    /// The files of the current version of `id` (name → bytes); nil for an unknown brand.
    /// - Throws: `StorageError` when a file is missing from the blob store.
    package func currentFiles(_ id: String) async throws -> (version: BrandVersion, files: [String: Data])? {
        guard let current = self.current(id), let record = try await store.version(id, current.version) else { return nil }
        var files: [String: Data] = [:]
        for (name, sha256) in record.files { files[name] = try await blobs.read(sha256, kind: .brandFile) }
        return (current, files)
    }

    /// Every version of `id`, oldest first; empty for an unknown brand.
    package func history(_ id: String) async throws(StorageError) -> [BrandVersionSummary] {
        try await store.history(id)
    }

    /// Validates and stores a new version of `id`, which becomes current.
    /// - Returns: the new version, or the current one when nothing changed.
    /// - Throws: `BrandError` listing every problem, each naming its file and field; `StorageError`.
    package func publish(id: String, files: [String: Data]) async throws -> BrandVersion {
        try await publishReportingChange(id: id, files: files).version
    }

    /// Validates `files` as brand `id` and, unless they equal the current version's (same
    /// fingerprint), records them as its next version, which becomes current. Nothing is written
    /// for files that do not load.
    /// - Parameters:
    ///   - id: the brand id; brand.json's `id` must equal it.
    ///   - files: file name (brand.json, logo.png, stamp.svg, signature.json, …) to bytes, exactly the
    ///     files of a brand folder; README files and `.DS_Store` are ignored.
    ///   - author: who publishes it, recorded with the version; nil for a seed.
    /// - Returns: the version and whether it is new.
    /// - Throws: `BrandError` listing every problem; `StorageError`.
    package func publishReportingChange(
        id: String, files: [String: Data], mayChangeIdentity: Bool = true, author: BrandAuthor? = nil
    ) async throws
        -> (version: BrandVersion, isNew: Bool)
    {
        guard BrandSchema.brandID.matches(id) else {
            throw BrandError.invalid(["id: expected \(BrandSchema.brandID.expected), found \(JSONRule.quote(id))"])
        }
        let unsafe = files.keys.sorted().filter { !Self.isPlainFileName($0) }
        guard unsafe.isEmpty else {
            throw BrandError.invalid(unsafe.map { "\(JSONRule.quote($0)): not a plain file name (no folders, no leading dot)" })
        }
        let kept = files.filter { !BrandFolder.isIgnored($0.key) }
        let brand = try BrandLoader.load(files: kept, id: id)
        // Checked before a byte is written: a refused upload leaves nothing behind.
        if !mayChangeIdentity { try BrandIdentity.checkResellerChange(from: current(id)?.brand, to: brand) }
        try checkIdentityIsOwn(brand)
        var addresses: [String: String] = [:]
        for (name, data) in kept { addresses[name] = try await blobs.write(data, kind: .brandFile) }
        let manifest = String(decoding: kept["brand.json"] ?? Data(), as: UTF8.self)
        let (record, isNew) = try await store.record(
            NewBrandVersion(
                brandID: id, displayName: brand.displayName, fingerprint: brand.version, manifest: manifest,
                files: addresses, numberPrefixKey: BrandIdentity.numberPrefixKey(brand),
                taxIDKey: BrandIdentity.taxIDKey(brand), publishedBy: author))
        if isNew { return (remember(BrandVersion(brand: brand, version: record.version, tenantID: record.tenantID)), true) }
        guard let existing = try await version(id, record.version) else {
            throw StorageError.notFound("brand `\(id)` version \(record.version)")
        }
        return (existing, false)
    }

    /// Refuses a brand whose number prefix or tax id another current brand has (the store checks
    /// again in the version's transaction).
    /// - Throws: `StorageError.identityTaken`.
    private func checkIdentityIsOwn(_ brand: Brand) throws(StorageError) {
        for other in all where other.brand.id != brand.id {
            if let key = BrandIdentity.numberPrefixKey(brand), key == BrandIdentity.numberPrefixKey(other.brand) {
                throw .identityTaken(field: "numberPrefix", value: brand.numberPrefix ?? key, brandID: other.brand.id)
            }
            if let key = BrandIdentity.taxIDKey(brand), key == BrandIdentity.taxIDKey(other.brand) {
                throw .identityTaken(field: "legal.inn", value: brand.legal?["inn"]?.stringValue ?? key, brandID: other.brand.id)
            }
        }
    }

    /// A name that stays inside the brand folder: no separators, no `.`/`..`, no hidden files
    /// (except `.DS_Store`, which is ignored like README files).
    package static func isPlainFileName(_ name: String) -> Bool {
        if BrandFolder.isIgnored(name) && !name.contains("/") && !name.contains("\\") { return true }
        return !name.isEmpty && name.unicodeScalars.count <= 255 && !name.hasPrefix(".")
            && !name.contains { $0 == "/" || $0 == "\\" || $0 == "\0" }
    }

    /// Makes a freshly recorded version current (unless a concurrent publish already made a later one current).
    @discardableResult
    private func remember(_ version: BrandVersion) -> BrandVersion {
        state.withLock { state in
            if (state.current[version.brand.id]?.version ?? 0) < version.version {
                if let previous = state.current[version.brand.id] {
                    state.older.store(previous, for: "\(previous.brand.id)#\(previous.version)")
                }
                state.current[version.brand.id] = version
            } else {
                state.older.store(version, for: "\(version.brand.id)#\(version.version)")
            }
        }
        return version
    }

    /// Loads a recorded version from its blobs and checks it still has the recorded fingerprint.
    private func load(_ record: BrandVersionRecord) async throws -> BrandVersion {
        var files: [String: Data] = [:]
        for (name, sha256) in record.files { files[name] = try await blobs.read(sha256, kind: .brandFile) }
        let brand: Brand
        do {
            brand = try BrandLoader.load(files: files, id: record.brandID)
        } catch {
            throw BrandError.invalid(error.problems.map { "brand \(record.brandID) version \(record.version): \($0)" })
        }
        guard brand.version == record.fingerprint else {
            throw StorageError.file(
                path: "brand \(record.brandID) version \(record.version)",
                reason: "the files' fingerprint \(brand.version) differs from the recorded \(record.fingerprint)")
        }
        return BrandVersion(brand: brand, version: record.version, tenantID: record.tenantID)
    }

    /// The brand folders inside `folder` (its non-hidden subfolders), by name.
    private static func brandFolders(in folder: URL) throws -> [(name: String, url: URL)] {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw StorageError.file(path: folder.path, reason: "cannot list the brand seed folder: \(error.localizedDescription)")
        }
        return names.filter { !$0.hasPrefix(".") }.compactMap { name in
            let url = folder.appendingPathComponent(name, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
            return (name, url)
        }
    }
}
