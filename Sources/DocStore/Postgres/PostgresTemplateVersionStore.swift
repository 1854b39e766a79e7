import Foundation
import PostgresNIO

/// `TemplateVersionStore` on PostgreSQL: `templates` names them, `template_versions` keeps every source.
///
/// Recording a version locks its name's row in `templates` first, so two nodes publishing (or
/// starting with a changed built-in template) at once number their versions one after the other.
/// Every recorded version bumps the `templates` revision and notifies the other nodes, whose
/// catalogs then make it current (see `PostgresChangeFeed`).
struct PostgresTemplateVersionStore: TemplateVersionStore {
    let database: PostgresDatabase

    func recordBuiltIn(_ sources: [(name: String, source: String)]) async throws(StorageError)
        -> (current: [String: TemplateVersion], changes: [BuiltInTemplateChange])
    {
        let now = database.clock()
        let sources = sources.map { TemplateSource(name: $0.name, source: $0.source) }
        let database = self.database
        let recorded = try await database.transaction {
            (connection: PostgresConnection) async throws -> UncheckedBox<([String: TemplateVersion], [BuiltInTemplateChange])> in
            let querier = PostgresQuerier(database, connection)
            var changes: [BuiltInTemplateChange] = []
            var recorded = false
            for item in sources {
                try await Self.lock(item.name, tenantID: nil, at: now, with: querier)
                // A retired template stays retired, whatever the engine ships.
                if try await Self.isRetired(item.name, with: querier) { continue }
                guard let latest = try await Self.latest(item.name, with: querier) else {
                    try await Self.insert(item.name, item.source, version: 1, origin: .builtIn, at: now, with: querier)
                    recorded = true
                    continue
                }
                guard latest.sha256 != SHA256Hex.digest(Data(item.source.utf8)) else { continue }
                if latest.origin == .builtIn {
                    let next = try await Self.insert(
                        item.name, item.source, version: latest.version + 1, origin: .builtIn, at: now, with: querier)
                    changes.append(.adopted(name: item.name, version: next.version))
                    recorded = true
                } else {
                    changes.append(.keptPublished(name: item.name, currentVersion: latest.version))
                }
            }
            if recorded { try await PostgresChangeFeed.announce(.templates, with: querier) }
            return UncheckedBox((try await Self.latestVersions(with: querier), changes))
        }
        return (recorded.value.0, recorded.value.1)
    }

    func publish(name: String, source: String, tenantID: String?) async throws(StorageError)
        -> (version: TemplateVersion, isNew: Bool)
    {
        let now = database.clock()
        let sha256 = SHA256Hex.digest(Data(source.utf8))
        let database = self.database
        let published = try await database.transaction {
            (connection: PostgresConnection) async throws -> UncheckedBox<(TemplateVersion, Bool)> in
            let querier = PostgresQuerier(database, connection)
            try await Self.lock(name, tenantID: tenantID, at: now, with: querier)
            let latest = try await Self.latest(name, with: querier)
            if let latest, latest.sha256 == sha256 { return UncheckedBox((latest, false)) }
            let version = try await Self.insert(
                name, source, version: (latest?.version ?? 0) + 1, origin: .published, at: now, with: querier)
            try await PostgresChangeFeed.announce(.templates, with: querier)
            return UncheckedBox((version, true))
        }
        return (published.value.0, published.value.1)
    }

    func version(_ name: String, _ number: Int) async throws(StorageError) -> TemplateVersion? {
        let rows = try await database.rows(
            "SELECT \(unescaped: Self.columns) FROM template_versions WHERE template_name = \(name) AND version = \(number)")
        return try rows.first.map(Self.decodeVersion(from:))
    }

    func versions(of name: String) async throws(StorageError) -> [TemplateVersion] {
        try await database.rows(
            "SELECT \(unescaped: Self.columns) FROM template_versions WHERE template_name = \(name) ORDER BY version"
        ).map(Self.decodeVersion(from:))
    }

    func currentVersions() async throws(StorageError) -> [String: TemplateVersion] {
        try await Self.latestVersions(with: PostgresQuerier(database))
    }

    func retire(_ name: String) async throws(StorageError) -> Bool {
        let now = database.clock()
        let database = self.database
        return try await database.transaction { (connection: PostgresConnection) async throws -> Bool in
            let querier = PostgresQuerier(database, connection)
            let rows = try await querier.rows(
                "UPDATE templates SET retired_at = COALESCE(retired_at, \(now)) WHERE name = \(name) RETURNING name")
            // Other nodes drop it from their current templates when they hear of it.
            if !rows.isEmpty { try await PostgresChangeFeed.announce(.templates, with: querier) }
            return !rows.isEmpty
        }
    }

    private static func isRetired(_ name: String, with querier: PostgresQuerier) async throws(StorageError) -> Bool {
        !(try await querier.rows("SELECT 1 FROM templates WHERE name = \(name) AND retired_at IS NOT NULL").isEmpty)
    }

    /// A template's name and source (a tuple cannot cross into the transaction's task).
    private struct TemplateSource: Sendable {
        var name: String
        var source: String
    }

    private static let columns = "template_name, version, source, sha256, created_at, origin"

    /// Creates the name's row when it is new, and locks it until the transaction ends.
    private static func lock(
        _ name: String, tenantID: String?, at now: Date, with querier: PostgresQuerier
    ) async throws(StorageError) {
        _ = try await querier.rows(
            """
            INSERT INTO templates (name, tenant_id, created_at) VALUES (\(name), \(tenantID), \(now))
            ON CONFLICT (name) DO NOTHING
            """)
        _ = try await querier.rows("SELECT name FROM templates WHERE name = \(name) FOR UPDATE")
    }

    @discardableResult
    private static func insert(
        _ name: String, _ source: String, version: Int, origin: TemplateVersion.Origin, at now: Date,
        with querier: PostgresQuerier
    ) async throws(StorageError) -> TemplateVersion {
        let rows = try await querier.rows(
            """
            INSERT INTO template_versions (template_name, version, source, sha256, created_at, origin)
            VALUES (\(name), \(version), \(source), \(SHA256Hex.digest(Data(source.utf8))), \(now), \(origin.rawValue))
            RETURNING \(unescaped: columns)
            """)
        guard let row = rows.first else { throw .database("template \(name) version \(version) vanished after insert") }
        return try decodeVersion(from: row)
    }

    private static func latest(_ name: String, with querier: PostgresQuerier) async throws(StorageError) -> TemplateVersion? {
        let rows = try await querier.rows(
            """
            SELECT \(unescaped: columns) FROM template_versions WHERE template_name = \(name)
            ORDER BY version DESC LIMIT 1
            """)
        return try rows.first.map(decodeVersion(from:))
    }

    private static func latestVersions(with querier: PostgresQuerier) async throws(StorageError) -> [String: TemplateVersion] {
        let rows = try await querier.rows(
            """
            SELECT DISTINCT ON (template_name) \(unescaped: columns) FROM template_versions
            WHERE template_name IN (SELECT name FROM templates WHERE retired_at IS NULL)
            ORDER BY template_name, version DESC
            """)
        let versions = try rows.map(decodeVersion(from:))
        return Dictionary(uniqueKeysWithValues: versions.map { ($0.name, $0) })
    }

    private static func decodeVersion(from row: PostgresRow) throws(StorageError) -> TemplateVersion {
        do {
            let r = row.makeRandomAccess()
            return TemplateVersion(
                name: try r.value("template_name"), version: try r.value("version"), source: try r.value("source"),
                sha256: try r.value("sha256"), createdAt: try r.value("created_at"),
                origin: TemplateVersion.Origin(rawValue: try r.value("origin", as: String.self)) ?? .published)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }
}
