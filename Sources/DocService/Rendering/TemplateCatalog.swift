import Crypto
import Foundation
import GRDB
import Synchronization
import Templates

/// One stored version of a template: its `.doc` source, numbered 1, 2, 3… per name.
struct TemplateVersion: Sendable, Equatable {
    var name: String
    var version: Int
    /// The `.doc` text; includes and labels come from the library it compiles against.
    var source: String
    /// SHA-256 of `source`.
    var sha256: String
    var createdAt: Date
    var origin: Origin

    /// Who made a version: the engine's built-in templates, or a platform user's `PUT`.
    enum Origin: String, Sendable {
        case builtIn = "built-in"
        case published
    }
}

/// What starting the catalog did with a built-in template whose source changed.
enum BuiltInTemplateChange: Sendable, Equatable {
    /// The changed built-in source became the current version (the previous one was built in too).
    case adopted(name: String, version: Int)
    /// A published version stays current; the changed built-in is there to adopt with `PUT`.
    case keptPublished(name: String, currentVersion: Int)
}

/// The service's templates: every version kept in the database, the latest one current.
///
/// On first start each built-in template is recorded as version 1. When a later engine ships a
/// changed built-in template, it becomes the next version at start, unless the current version
/// was published by a user: that one stays (see `builtInChanges`). `publish` accepts a new
/// version only if it compiles (against the built-in partials, string tables and data schema), so
/// the current version of every template always renders. Compiled templates are cached by
/// name and version; `CompiledTemplate` is immutable and shared by every pipeline.
final class TemplateCatalog: Sendable {
    let database: ServiceDatabase
    /// Partials, string tables and schema that every version compiles against.
    let library: TemplateLibrary
    private let current: Mutex<[String: TemplateVersion]>
    private let compiled = Mutex<[String: CompiledTemplate]>([:])
    /// Built-in templates whose source differed from the current version at start.
    let builtInChanges: [BuiltInTemplateChange]

    /// Loads the current versions, recording the library's templates as version 1 where a name
    /// has none, and a changed built-in source as the next version where the current one is built in.
    /// - Throws: `StorageError` when the database fails, `TemplateError` when a built-in source is unreadable.
    init(database: ServiceDatabase, library: TemplateLibrary) throws {
        self.database = database
        self.library = library
        let builtIn = try library.templateNames.map { name in
            let url = library.directory.appendingPathComponent(name + ".doc")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TemplateError.notFound(name: name, known: library.templateNames)
            }
            return (name, String(decoding: data, as: UTF8.self))
        }
        let now = database.clock()
        let (latest, changes) = try database.writeSynchronously { db in
            var changes: [BuiltInTemplateChange] = []
            for (name, source) in builtIn {
                guard let latest = try Self.latest(name, in: db) else {
                    try Self.insert(name: name, source: source, version: 1, origin: .builtIn, tenantID: nil, at: now, in: db)
                    continue
                }
                guard latest.sha256 != Self.sha256(source) else { continue }
                if latest.origin == .builtIn {
                    let next = try Self.insert(
                        name: name, source: source, version: latest.version + 1, origin: .builtIn, tenantID: nil, at: now,
                        in: db)
                    changes.append(.adopted(name: name, version: next.version))
                } else {
                    changes.append(.keptPublished(name: name, currentVersion: latest.version))
                }
            }
            return (try Self.latestVersions(in: db), changes)
        }
        current = Mutex(latest)
        builtInChanges = changes
    }

    /// Names with a current version, sorted.
    var names: [String] { current.withLock { $0.keys.sorted() } }

    /// The current version of `name`.
    /// - Throws: `TemplateError.notFound` naming the known templates.
    func current(_ name: String) throws(TemplateError) -> TemplateVersion {
        guard let version = current.withLock({ $0[name] }) else {
            throw TemplateError.notFound(name: name, known: names)
        }
        return version
    }

    /// A stored version of `name`, or nil when there is no such version.
    /// - Throws: `StorageError.database`.
    func version(_ name: String, _ number: Int) async throws(StorageError) -> TemplateVersion? {
        try await database.read { db in try Self.fetch(name, version: number, in: db) }
    }

    /// Every version of `name`, oldest first; empty for an unknown name.
    func versions(of name: String) async throws(StorageError) -> [TemplateVersion] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM template_versions WHERE template_name = ? ORDER BY version", arguments: [name]
            ).map(Self.version(from:))
        }
    }

    /// The compiled form of `version`, compiled once per name and version.
    /// - Throws: `TemplateError` (a stored version always compiled when it was published, but the
    ///   library may have changed since).
    func compiled(_ version: TemplateVersion) throws(TemplateError) -> CompiledTemplate {
        let key = "\(version.name)#\(version.version)"
        if let hit = compiled.withLock({ $0[key] }) { return hit }
        let template = try library.compile(text: version.source, fileName: version.name + ".doc")
        compiled.withLock { $0[key] = template }
        return template
    }

    /// Records `source` as the next version of `name` if it compiles, and makes it current.
    /// The same source as the current version is not a new version.
    /// - Returns: the version and whether it is new.
    /// - Throws: `TemplateError.compile` with every diagnostic; `StorageError`.
    func publish(name: String, source: String, tenantID: String?) async throws -> (TemplateVersion, isNew: Bool) {
        let template = try library.compile(text: source, fileName: name + ".doc")
        let now = database.clock()
        let sha256 = Self.sha256(source)
        let (version, isNew) = try await database.write { db -> (TemplateVersion, Bool) in
            let latest = try Self.latest(name, in: db)
            if let latest, latest.sha256 == sha256 { return (latest, false) }
            let version = try Self.insert(
                name: name, source: source, version: (latest?.version ?? 0) + 1, origin: .published, tenantID: tenantID,
                at: now, in: db)
            return (version, true)
        }
        compiled.withLock { $0["\(name)#\(version.version)"] = template }
        current.withLock { versions in
            if (versions[name]?.version ?? 0) < version.version { versions[name] = version }
        }
        return (version, isNew)
    }

    static func sha256(_ source: String) -> String { SHA256.hash(data: Data(source.utf8)).hexString }

    @discardableResult
    private static func insert(
        name: String, source: String, version: Int, origin: TemplateVersion.Origin, tenantID: String?, at now: Date,
        in db: Database
    ) throws -> TemplateVersion {
        if version == 1 {
            try db.execute(
                sql: "INSERT OR IGNORE INTO templates (name, tenant_id, created_at) VALUES (?, ?, ?)",
                arguments: [name, tenantID, now])
        }
        let sha256 = sha256(source)
        try db.execute(
            sql: """
                INSERT INTO template_versions (template_name, version, source, sha256, created_at, origin)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [name, version, source, sha256, now, origin.rawValue])
        guard let stored = try fetch(name, version: version, in: db) else {
            throw StorageError.database("template \(name) version \(version) vanished after insert")
        }
        return stored
    }

    private static func latest(_ name: String, in db: Database) throws -> TemplateVersion? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM template_versions WHERE template_name = ? ORDER BY version DESC LIMIT 1",
            arguments: [name]
        ).map(version(from:))
    }

    private static func fetch(_ name: String, version: Int, in db: Database) throws -> TemplateVersion? {
        try Row.fetchOne(
            db, sql: "SELECT * FROM template_versions WHERE template_name = ? AND version = ?",
            arguments: [name, version]
        ).map(Self.version(from:))
    }

    private static func latestVersions(in db: Database) throws -> [String: TemplateVersion] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT v.* FROM template_versions v
                JOIN (SELECT template_name, MAX(version) AS version FROM template_versions GROUP BY template_name) m
                ON v.template_name = m.template_name AND v.version = m.version
                """)
        return Dictionary(uniqueKeysWithValues: rows.map(version(from:)).map { ($0.name, $0) })
    }

    private static func version(from row: Row) -> TemplateVersion {
        TemplateVersion(
            name: row["template_name"], version: row["version"], source: row["source"], sha256: row["sha256"],
            createdAt: row["created_at"], origin: TemplateVersion.Origin(rawValue: row["origin"]) ?? .published)
    }
}
