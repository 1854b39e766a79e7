import Foundation
import GRDB

/// `BrandStore` on SQLite: `brands` (id → tenant) and `brand_versions` (numbered, with brand.json's
/// text, the fingerprint and each file's blob address as a JSON object in `files`).
struct SQLiteBrandStore: BrandStore {
    let database: SQLiteDatabase

    func currentVersions() async throws(StorageError) -> [BrandVersionRecord] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.*, b.tenant_id FROM brand_versions v
                    JOIN brands b ON b.id = v.brand_id
                    JOIN (SELECT brand_id, MAX(version) AS version FROM brand_versions GROUP BY brand_id) m
                    ON v.brand_id = m.brand_id AND v.version = m.version
                    ORDER BY v.brand_id
                    """
            ).map(Self.record(from:))
        }
    }

    func version(_ brandID: String, _ number: Int) async throws(StorageError) -> BrandVersionRecord? {
        try await database.read { db in try Self.fetch(brandID, number, in: db) }
    }

    func history(_ brandID: String) async throws(StorageError) -> [BrandVersionSummary] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT version, sha256, created_at, published_by_tenant, published_by_role, published_via
                    FROM brand_versions WHERE brand_id = ? ORDER BY version
                    """,
                arguments: [brandID]
            ).map { row in
                BrandVersionSummary(
                    version: row["version"], fingerprint: row["sha256"], createdAt: row["created_at"],
                    publishedBy: Self.author(row, tenant: "published_by_tenant", role: "published_by_role", channel: "published_via"))
            }
        }
    }

    func record(_ brand: NewBrandVersion) async throws(StorageError) -> (version: BrandVersionRecord, isNew: Bool) {
        let now = database.clock()
        let files = try Self.encode(brand.files)
        return try await database.write { db -> (version: BrandVersionRecord, isNew: Bool) in
            let latest = try Row.fetchOne(
                db, sql: "SELECT version, sha256 FROM brand_versions WHERE brand_id = ? ORDER BY version DESC LIMIT 1",
                arguments: [brand.brandID])
            if let latest, latest["sha256"] == brand.fingerprint,
                let current = try Self.fetch(brand.brandID, latest["version"], in: db)
            {
                return (current, false)
            }
            let tenantID =
                try String.fetchOne(db, sql: "SELECT tenant_id FROM brands WHERE id = ?", arguments: [brand.brandID])
                ?? brand.brandID
            let number = (latest?["version"] ?? 0) + 1
            try db.execute(
                sql: "INSERT OR IGNORE INTO tenants (id, name, created_at) VALUES (?, ?, ?)",
                arguments: [tenantID, brand.displayName, now])
            try db.execute(
                sql: "INSERT OR IGNORE INTO brands (id, tenant_id, created_at) VALUES (?, ?, ?)",
                arguments: [brand.brandID, tenantID, now])
            try Self.claimIdentity(of: brand, in: db)
            try db.execute(
                sql: """
                    INSERT INTO brand_versions (brand_id, version, brand_json, sha256, files, created_at,
                        published_by_tenant, published_by_role, published_via)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    brand.brandID, number, brand.manifest, brand.fingerprint, files, now, brand.publishedBy?.tenantID,
                    brand.publishedBy?.role.rawValue, brand.publishedBy?.channel.rawValue,
                ])
            guard let stored = try Self.fetch(brand.brandID, number, in: db) else {
                throw StorageError.database("brand \(brand.brandID) version \(number) vanished after insert")
            }
            return (stored, true)
        }
    }

    /// Makes the brand's number prefix and tax id its own; the unique indexes of v7 back this check
    /// up against a concurrent writer.
    private static func claimIdentity(of brand: NewBrandVersion, in db: Database) throws {
        let keys = [
            ("number_prefix_key", "numberPrefix", brand.numberPrefixKey), ("tax_id_key", "legal.inn", brand.taxIDKey),
        ]
        for (column, field, value) in keys {
            guard let value else { continue }
            if let other = try String.fetchOne(
                db, sql: "SELECT id FROM brands WHERE \(column) = ? AND id != ?", arguments: [value, brand.brandID])
            {
                throw StorageError.identityTaken(field: field, value: value, brandID: other)
            }
        }
        try db.execute(
            sql: "UPDATE brands SET number_prefix_key = ?, tax_id_key = ? WHERE id = ?",
            arguments: [brand.numberPrefixKey, brand.taxIDKey, brand.brandID])
    }

    private static func fetch(_ brandID: String, _ number: Int, in db: Database) throws -> BrandVersionRecord? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT v.*, b.tenant_id FROM brand_versions v JOIN brands b ON b.id = v.brand_id
                WHERE v.brand_id = ? AND v.version = ?
                """,
            arguments: [brandID, number]
        ).map(record(from:))
    }

    private static func record(from row: Row) throws -> BrandVersionRecord {
        BrandVersionRecord(
            brandID: row["brand_id"], version: row["version"], tenantID: row["tenant_id"], fingerprint: row["sha256"],
            files: try decode(row["files"]), createdAt: row["created_at"])
    }

    /// The author stored in three columns of `row`; nil when any of them is empty or unknown.
    static func author(_ row: Row, tenant: String, role: String, channel: String) -> BrandAuthor? {
        guard let tenantID: String = row[tenant], let roleName: String = row[role], let channelName: String = row[channel],
            let role = Role(rawValue: roleName), let channel = BrandAuthor.Channel(rawValue: channelName)
        else { return nil }
        return BrandAuthor(tenantID: tenantID, role: role, channel: channel)
    }

    /// The `files` column: a JSON object of file name → blob SHA-256, keys sorted.
    static func encode(_ files: [String: String]) throws(StorageError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(files), as: UTF8.self)
        } catch {
            throw .invalidArgument("brand files: \(error)")
        }
    }

    static func decode(_ text: String?) throws -> [String: String] {
        guard let text else { throw StorageError.database("a brand version has no file list") }
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw StorageError.database("a brand version's file list is not readable: \(error)")
        }
    }
}
