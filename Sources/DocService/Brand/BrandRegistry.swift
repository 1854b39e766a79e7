import Foundation
import GRDB
import Synchronization

/// A brand as the service issues it: the loaded brand, its version number in the database, and its tenant.
struct BrandVersion: Sendable {
    var brand: Brand
    /// 1, 2, 3 … per brand id.
    var version: Int
    /// Who owns it: the brand id itself (a reseller tenant is named like its brand).
    var tenantID: String
}

/// One row of a brand's history, for listings.
struct BrandVersionSummary: Sendable, Equatable {
    var version: Int
    /// The `Brand.version` fingerprint of that version's files.
    var fingerprint: String
    var createdAt: Date
}

/// The service's brands: every version's files kept under `DATA/brands/<id>/v<N>/`, recorded in
/// `brands` and `brand_versions`, the latest version of each brand current.
///
/// A version's files sit in `DATA/brands/<id>/v<N>/<id>/`: `BrandLoader` requires the folder to be
/// named like the brand (a copied folder must not issue under another brand), so the `v<N>` level
/// holds that folder. Old versions stay on disk forever: a stored document records its brand
/// version and must re-render byte for byte with it.
final class BrandRegistry: Sendable {
    /// The folder inside the data folder that holds every brand version.
    static let folderName = "brands"
    /// Prefix of the folders a publish writes before it knows its version number.
    static let incomingPrefix = ".incoming-"
    /// How many older brand versions stay loaded (each holds its decoded images).
    static let olderVersionsKept = 32

    let database: ServiceDatabase
    /// `DATA/brands`.
    let root: URL
    private let state: Mutex<State>

    private struct State {
        /// The latest version of each brand.
        var current: [String: BrandVersion] = [:]
        /// Older versions loaded on demand, by `id#number`: the most recently used few, since a
        /// batch or dry run over years of documents may touch every version of every brand.
        var older = RecentlyUsedCache<BrandVersion>(capacity: BrandRegistry.olderVersionsKept)
    }

    /// A brand loaded from a publish's temporary folder, not yet numbered.
    private struct Staged: Sendable {
        var brand: Brand
        /// `DATA/brands/<id>/.incoming-<uuid>`, renamed to `v<N>` when recorded.
        var folder: URL
        var manifest: String
    }

    /// Opens the registry: loads every brand's latest stored version, then records each brand of
    /// `seedFolder` whose id is not stored yet as its version 1 (a stored id is never re-imported:
    /// uploads win over the seed).
    /// - Parameters:
    ///   - database: the opened service database; versions go to `database.directory/brands`.
    ///   - seedFolder: a folder of brand folders (e.g. `SampleData/brands`), or nil.
    /// - Throws: `BrandError` naming the brand folder that does not load; `StorageError` when the
    ///   database or the file system fails.
    init(database: ServiceDatabase, seedFolder: URL?) throws {
        self.database = database
        root = database.directory.appendingPathComponent(Self.folderName, isDirectory: true)
        state = Mutex(State())
        try Self.createDirectory(root)
        Self.removeIncomingFolders(in: root)
        let latest = try Self.readSynchronously(database) { db in try Self.latestRows(in: db) }
        var current: [String: BrandVersion] = [:]
        for row in latest {
            current[row.id] = try loadStored(id: row.id, version: row.version, fingerprint: row.fingerprint, tenantID: row.tenantID)
        }
        state.withLock { $0.current = current }
        guard let seedFolder else { return }
        for (name, url) in try Self.brandFolders(in: seedFolder) where current[name] == nil {
            do {
                _ = try BrandLoader.load(from: url)
            } catch {
                throw BrandError.invalid(error.problems.map { "\(seedFolder.lastPathComponent)/\(name)/\($0)" })
            }
            let staged = try stage(id: name, files: BrandFolder(reading: url).files)
            let now = database.clock()
            let recorded = try Self.withCleanup(of: staged) {
                try database.writeSynchronously { db in try Self.record(staged, root: self.root, at: now, in: db) }
            }
            remember(staged, recorded)
        }
    }

    /// The current version of `id`, or nil for an unknown brand.
    func current(_ id: String) -> BrandVersion? {
        state.withLock { $0.current[id] }
    }

    /// A stored version of `id` (older or current), loaded from its folder on first use, so a
    /// document can be re-rendered with the brand it was issued with.
    /// - Returns: nil when `id` has no such version.
    /// - Throws: `BrandError` when the stored folder no longer loads; `StorageError.file` when its
    ///   files no longer match the recorded fingerprint; `StorageError.database`.
    func version(_ id: String, _ number: Int) throws -> BrandVersion? {
        let key = "\(id)#\(number)"
        let cached = state.withLock { state in
            state.current[id].flatMap { $0.version == number ? $0 : nil } ?? state.older.value(for: key)
        }
        if let cached { return cached }
        let row = try Self.readSynchronously(database) { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT v.sha256, b.tenant_id FROM brand_versions v JOIN brands b ON b.id = v.brand_id
                    WHERE v.brand_id = ? AND v.version = ?
                    """,
                arguments: [id, number])
        }
        guard let row else { return nil }
        let loaded = try loadStored(id: id, version: number, fingerprint: row["sha256"], tenantID: row["tenant_id"])
        state.withLock { $0.older.store(loaded, for: key) }
        return loaded
    }

    /// The current version of every brand, sorted by id.
    var all: [BrandVersion] {
        state.withLock { $0.current.values.sorted { $0.brand.id < $1.brand.id } }
    }

    /// The current brand whose `isPlatform` is true, if any (the first by id if several are).
    var platformBrand: Brand? {
        all.first { $0.brand.isPlatform }?.brand
    }

    /// Every version of `id`, oldest first; empty for an unknown brand.
    /// - Throws: `StorageError.database`.
    func history(_ id: String) async throws(StorageError) -> [BrandVersionSummary] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT version, sha256, created_at FROM brand_versions WHERE brand_id = ? ORDER BY version",
                arguments: [id]
            ).map { BrandVersionSummary(version: $0["version"], fingerprint: $0["sha256"], createdAt: $0["created_at"]) }
        }
    }

    /// Validates and stores a new version of `id`, which becomes current.
    ///
    /// The files are written to a temporary folder inside `DATA/brands/<id>/` and loaded with
    /// `BrandLoader` (every check, including that brand.json's `id` equals `id`). The version number
    /// is allocated, the row inserted and the folder renamed to `v<N>` in one write transaction, so
    /// concurrent publishes get consecutive numbers. Files identical to the current version's (same
    /// fingerprint) are not a new version. On any failure nothing is left behind.
    /// - Parameters:
    ///   - id: the brand id.
    ///   - files: file name (brand.json, logo.png, stamp.svg, signature.json, …) to bytes, exactly
    ///     the files of a brand folder; README files and `.DS_Store` are ignored.
    /// - Returns: the new version, or the current one when nothing changed.
    /// - Throws: `BrandError` listing every problem, each naming its file and field; `StorageError`.
    func publish(id: String, files: [String: Data]) async throws -> BrandVersion {
        try await publishReportingChange(id: id, files: files).version
    }

    /// `publish(id:files:)`, also telling whether a new version was recorded.
    /// - Throws: `BrandError` listing every problem; `StorageError`.
    func publishReportingChange(id: String, files: [String: Data]) async throws -> (version: BrandVersion, isNew: Bool) {
        let staged = try stage(id: id, files: files)
        let now = database.clock()
        let root = self.root
        let recorded = try await Self.withCleanup(of: staged) {
            try await database.write { db in try Self.record(staged, root: root, at: now, in: db) }
        }
        if recorded.isNew { return (remember(staged, recorded), true) }
        guard let existing = try version(id, recorded.version) else {
            throw StorageError.notFound("brand `\(id)` version \(recorded.version)")
        }
        return (existing, false)
    }

    // MARK: - Folders

    /// `DATA/brands/<id>/v<N>`, the folder renamed into place by a publish.
    func versionFolder(_ id: String, _ number: Int) -> URL {
        Self.versionFolder(root: root, id, number)
    }

    /// `DATA/brands/<id>/v<N>/<id>`, the brand folder `BrandLoader` reads.
    func brandFolder(_ id: String, _ number: Int) -> URL {
        versionFolder(id, number).appendingPathComponent(id, isDirectory: true)
    }

    private static func versionFolder(root: URL, _ id: String, _ number: Int) -> URL {
        root.appendingPathComponent(id, isDirectory: true).appendingPathComponent("v\(number)", isDirectory: true)
    }

    /// Writes `files` to a fresh temporary folder and loads it; removes the folder when it does not load.
    private func stage(id: String, files: [String: Data]) throws -> Staged {
        guard BrandSchema.brandID.matches(id) else {
            throw BrandError.invalid(["id: expected \(BrandSchema.brandID.expected), found \(JSONRule.quote(id))"])
        }
        let unsafe = files.keys.sorted().filter { !Self.isPlainFileName($0) }
        guard unsafe.isEmpty else {
            throw BrandError.invalid(unsafe.map { "\(JSONRule.quote($0)): not a plain file name (no folders, no leading dot)" })
        }
        let incoming = root.appendingPathComponent(id, isDirectory: true)
            .appendingPathComponent(Self.incomingPrefix + UUID().uuidString, isDirectory: true)
        let folder = incoming.appendingPathComponent(id, isDirectory: true)
        do {
            try Self.createDirectory(folder)
            for (name, data) in files where !BrandFolder.isIgnored(name) {
                let url = folder.appendingPathComponent(name)
                do {
                    try data.write(to: url)
                } catch {
                    throw StorageError.file(path: url.path, reason: error.localizedDescription)
                }
            }
            let brand = try BrandLoader.load(from: folder)
            let manifest = String(decoding: files["brand.json"] ?? Data(), as: UTF8.self)
            return Staged(brand: brand, folder: incoming, manifest: manifest)
        } catch {
            try? FileManager.default.removeItem(at: incoming)
            throw error
        }
    }

    /// Runs `body`, removing the staged folder if it is still there afterwards (unchanged brand or failure).
    private static func withCleanup<T>(of staged: Staged, _ body: () async throws -> T) async throws -> T {
        defer { try? FileManager.default.removeItem(at: staged.folder) }
        return try await body()
    }

    private static func withCleanup<T>(of staged: Staged, _ body: () throws -> T) throws -> T {
        defer { try? FileManager.default.removeItem(at: staged.folder) }
        return try body()
    }

    /// A name that stays inside the brand folder: no separators, no `.`/`..`, no hidden files
    /// (except `.DS_Store`, which is ignored like README files).
    static func isPlainFileName(_ name: String) -> Bool {
        if BrandFolder.isIgnored(name) && !name.contains("/") && !name.contains("\\") { return true }
        return !name.isEmpty && name.utf8.count <= 255 && !name.hasPrefix(".")
            && !name.contains { $0 == "/" || $0 == "\\" || $0 == "\0" }
    }

    // MARK: - Database

    /// Numbers and records a staged brand, renaming its folder to `v<N>`; runs inside a write
    /// transaction, so a failure rolls the row back and the folder stays where `withCleanup` removes it.
    private static func record(
        _ staged: Staged, root: URL, at now: Date, in db: Database
    ) throws -> (version: Int, isNew: Bool, tenantID: String) {
        let id = staged.brand.id
        let latest = try Row.fetchOne(
            db, sql: "SELECT version, sha256 FROM brand_versions WHERE brand_id = ? ORDER BY version DESC LIMIT 1",
            arguments: [id])
        let tenantID =
            try String.fetchOne(db, sql: "SELECT tenant_id FROM brands WHERE id = ?", arguments: [id]) ?? id
        if let latest, latest["sha256"] == staged.brand.version {
            return (latest["version"], false, tenantID)
        }
        let number = (latest?["version"] ?? 0) + 1
        try db.execute(
            sql: "INSERT OR IGNORE INTO tenants (id, name, created_at) VALUES (?, ?, ?)",
            arguments: [tenantID, staged.brand.displayName, now])
        try db.execute(
            sql: "INSERT OR IGNORE INTO brands (id, tenant_id, created_at) VALUES (?, ?, ?)",
            arguments: [id, tenantID, now])
        try db.execute(
            sql: "INSERT INTO brand_versions (brand_id, version, brand_json, sha256, created_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, number, staged.manifest, staged.brand.version, now])
        let target = versionFolder(root: root, id, number)
        let manager = FileManager.default
        do {
            // No row names this number, so a folder already there is what a crash between rename and
            // commit left behind.
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.moveItem(at: staged.folder, to: target)
        } catch {
            throw StorageError.file(path: target.path, reason: error.localizedDescription)
        }
        return (number, true, tenantID)
    }

    /// Makes a freshly recorded version current (unless a concurrent publish already made a later one current).
    @discardableResult
    private func remember(_ staged: Staged, _ recorded: (version: Int, isNew: Bool, tenantID: String)) -> BrandVersion {
        let version = BrandVersion(brand: staged.brand, version: recorded.version, tenantID: recorded.tenantID)
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

    private struct LatestRow {
        var id: String
        var version: Int
        var fingerprint: String
        var tenantID: String
    }

    private static func latestRows(in db: Database) throws -> [LatestRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT v.brand_id, v.version, v.sha256, b.tenant_id FROM brand_versions v
                JOIN brands b ON b.id = v.brand_id
                JOIN (SELECT brand_id, MAX(version) AS version FROM brand_versions GROUP BY brand_id) m
                ON v.brand_id = m.brand_id AND v.version = m.version
                ORDER BY v.brand_id
                """
        ).map { LatestRow(id: $0["brand_id"], version: $0["version"], fingerprint: $0["sha256"], tenantID: $0["tenant_id"]) }
    }

    /// Loads a recorded version from its folder and checks it still has the recorded fingerprint.
    private func loadStored(id: String, version: Int, fingerprint: String, tenantID: String) throws -> BrandVersion {
        let folder = brandFolder(id, version)
        let brand: Brand
        do {
            brand = try BrandLoader.load(from: folder)
        } catch {
            throw BrandError.invalid(error.problems.map { "\(Self.folderName)/\(id)/v\(version)/\($0)" })
        }
        guard brand.version == fingerprint else {
            throw StorageError.file(
                path: folder.path, reason: "the files' fingerprint \(brand.version) differs from the recorded \(fingerprint)")
        }
        return BrandVersion(brand: brand, version: version, tenantID: tenantID)
    }

    /// A read on the calling thread (startup, and loading an old version on demand).
    private static func readSynchronously<T>(_ database: ServiceDatabase, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database.pool.read(body)
        } catch let error as StorageError {
            throw error
        } catch let error as DatabaseError {
            throw StorageError.database(error.message ?? error.description)
        }
    }

    // MARK: - File system

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

    /// Removes what publishes interrupted by a crash left in `DATA/brands/<id>/`.
    private static func removeIncomingFolders(in root: URL) {
        let manager = FileManager.default
        for id in (try? manager.contentsOfDirectory(atPath: root.path)) ?? [] {
            let brand = root.appendingPathComponent(id, isDirectory: true)
            for name in (try? manager.contentsOfDirectory(atPath: brand.path)) ?? [] where name.hasPrefix(incomingPrefix) {
                try? manager.removeItem(at: brand.appendingPathComponent(name))
            }
        }
    }

    private static func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw StorageError.file(path: url.path, reason: error.localizedDescription)
        }
    }
}
