import Foundation
import GRDB

/// `TemplateVersionStore` on SQLite: `templates` names them, `template_versions` keeps every source.
struct SQLiteTemplateVersionStore: TemplateVersionStore {
    let database: SQLiteDatabase

    func recordBuiltIn(_ sources: [(name: String, source: String)]) async throws(StorageError)
        -> (current: [String: TemplateVersion], changes: [BuiltInTemplateChange])
    {
        let now = database.clock()
        return try await database.write { db in
            var changes: [BuiltInTemplateChange] = []
            for (name, source) in sources {
                // A retired template stays retired, whatever the engine ships.
                if try Self.isRetired(name, in: db) { continue }
                guard let latest = try Self.latest(name, in: db) else {
                    try Self.insert(name: name, source: source, version: 1, origin: .builtIn, tenantID: nil, at: now, in: db)
                    continue
                }
                guard latest.sha256 != SHA256Hex.digest(Data(source.utf8)) else { continue }
                if latest.origin == .builtIn {
                    let next = try Self.insert(
                        name: name, source: source, version: latest.version + 1, origin: .builtIn, tenantID: nil,
                        at: now, in: db)
                    changes.append(.adopted(name: name, version: next.version))
                } else {
                    changes.append(.keptPublished(name: name, currentVersion: latest.version))
                }
            }
            return (try Self.latestVersions(in: db), changes)
        }
    }

    func publish(name: String, source: String, tenantID: String?) async throws(StorageError)
        -> (version: TemplateVersion, isNew: Bool)
    {
        let now = database.clock()
        let sha256 = SHA256Hex.digest(Data(source.utf8))
        return try await database.write { db -> (version: TemplateVersion, isNew: Bool) in
            let latest = try Self.latest(name, in: db)
            if let latest, latest.sha256 == sha256 { return (latest, false) }
            let version = try Self.insert(
                name: name, source: source, version: (latest?.version ?? 0) + 1, origin: .published, tenantID: tenantID,
                at: now, in: db)
            return (version, true)
        }
    }

    func version(_ name: String, _ number: Int) async throws(StorageError) -> TemplateVersion? {
        try await database.read { db in try Self.fetch(name, version: number, in: db) }
    }

    func versions(of name: String) async throws(StorageError) -> [TemplateVersion] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM template_versions WHERE template_name = ? ORDER BY version", arguments: [name]
            ).map(Self.version(from:))
        }
    }

    func currentVersions() async throws(StorageError) -> [String: TemplateVersion] {
        try await database.read { db in try Self.latestVersions(in: db) }
    }

    func retire(_ name: String) async throws(StorageError) -> Bool {
        let now = database.clock()
        return try await database.write { db in
            try db.execute(
                sql: "UPDATE templates SET retired_at = COALESCE(retired_at, ?) WHERE name = ?", arguments: [now, name])
            return db.changesCount > 0
        }
    }

    private static func isRetired(_ name: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT retired_at IS NOT NULL FROM templates WHERE name = ?", arguments: [name]) ?? false
    }

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
        try db.execute(
            sql: """
                INSERT INTO template_versions (template_name, version, source, sha256, created_at, origin)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [name, version, source, SHA256Hex.digest(Data(source.utf8)), now, origin.rawValue])
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
                JOIN templates t ON t.name = v.template_name
                WHERE t.retired_at IS NULL
                """)
        return Dictionary(uniqueKeysWithValues: rows.map(version(from:)).map { ($0.name, $0) })
    }

    private static func version(from row: Row) -> TemplateVersion {
        TemplateVersion(
            name: row["template_name"], version: row["version"], source: row["source"], sha256: row["sha256"],
            createdAt: row["created_at"], origin: TemplateVersion.Origin(rawValue: row["origin"]) ?? .published)
    }
}
