import Foundation
import PostgresNIO

/// `BrandStore` on PostgreSQL: `brands` (id → tenant) and `brand_versions` (numbered, with
/// brand.json's text, the fingerprint and each file's blob address in `files`, a JSON object).
///
/// Recording a version locks the brand's row, so concurrent publishes on several nodes number
/// their versions one after the other; each new version bumps the `brands` revision and notifies
/// the other nodes, whose registries load it as current.
struct PostgresBrandStore: BrandStore {
    let database: PostgresDatabase

    private static let columns = "v.brand_id, v.version, b.tenant_id, v.sha256, v.files::text AS files, v.created_at"

    func currentVersions() async throws(StorageError) -> [BrandVersionRecord] {
        try await database.rows(
            """
            SELECT DISTINCT ON (v.brand_id) \(unescaped: Self.columns)
            FROM brand_versions v JOIN brands b ON b.id = v.brand_id
            ORDER BY v.brand_id, v.version DESC
            """
        ).map(Self.record(from:))
    }

    func version(_ brandID: String, _ number: Int) async throws(StorageError) -> BrandVersionRecord? {
        try await Self.fetch(brandID, number, with: PostgresQuerier(database))
    }

    func history(_ brandID: String) async throws(StorageError) -> [BrandVersionSummary] {
        let rows = try await database.rows(
            "SELECT version, sha256, created_at FROM brand_versions WHERE brand_id = \(brandID) ORDER BY version")
        var history: [BrandVersionSummary] = []
        for row in rows {
            do {
                let (version, sha256, createdAt) = try row.decode((Int, String, Date).self)
                history.append(BrandVersionSummary(version: version, fingerprint: sha256, createdAt: createdAt))
            } catch {
                throw PostgresDatabase.storageError(error)
            }
        }
        return history
    }

    func record(_ brand: NewBrandVersion) async throws(StorageError) -> (version: BrandVersionRecord, isNew: Bool) {
        let now = database.clock()
        let files = try SQLiteBrandStore.encode(brand.files)
        let database = self.database
        let recorded = try await database.transaction {
            (connection: PostgresConnection) async throws -> UncheckedBox<(BrandVersionRecord, Bool)> in
            let querier = PostgresQuerier(database, connection)
            // A new brand's tenant is the brand id; its rows are created first so the lock has a row.
            _ = try await querier.rows(
                """
                INSERT INTO tenants (id, name, created_at)
                SELECT \(brand.brandID), \(brand.displayName), \(now)
                WHERE NOT EXISTS (SELECT 1 FROM brands WHERE id = \(brand.brandID))
                ON CONFLICT (id) DO NOTHING
                """)
            _ = try await querier.rows(
                """
                INSERT INTO brands (id, tenant_id, created_at) VALUES (\(brand.brandID), \(brand.brandID), \(now))
                ON CONFLICT (id) DO NOTHING
                """)
            _ = try await querier.rows("SELECT id FROM brands WHERE id = \(brand.brandID) FOR UPDATE")
            let latest = try await querier.rows(
                "SELECT version, sha256 FROM brand_versions WHERE brand_id = \(brand.brandID) ORDER BY version DESC LIMIT 1"
            ).first.map { row throws(StorageError) in
                do { return try row.decode((Int, String).self) } catch { throw PostgresDatabase.storageError(error) }
            }
            if let latest, latest.1 == brand.fingerprint,
                let current = try await Self.fetch(brand.brandID, latest.0, with: querier)
            {
                return UncheckedBox((current, false))
            }
            let number = (latest?.0 ?? 0) + 1
            _ = try await querier.rows(
                """
                INSERT INTO brand_versions (brand_id, version, brand_json, sha256, files, created_at)
                VALUES (\(brand.brandID), \(number), \(brand.manifest), \(brand.fingerprint), \(files)::jsonb, \(now))
                """)
            try await PostgresChangeFeed.announce(.brands, with: querier)
            guard let stored = try await Self.fetch(brand.brandID, number, with: querier) else {
                throw StorageError.database("brand \(brand.brandID) version \(number) vanished after insert")
            }
            return UncheckedBox((stored, true))
        }
        return (recorded.value.0, recorded.value.1)
    }

    private static func fetch(
        _ brandID: String, _ number: Int, with querier: PostgresQuerier
    ) async throws(StorageError) -> BrandVersionRecord? {
        try await querier.rows(
            """
            SELECT \(unescaped: columns) FROM brand_versions v JOIN brands b ON b.id = v.brand_id
            WHERE v.brand_id = \(brandID) AND v.version = \(number)
            """
        ).first.map(record(from:))
    }

    private static func record(from row: PostgresRow) throws(StorageError) -> BrandVersionRecord {
        do {
            let r = row.makeRandomAccess()
            return BrandVersionRecord(
                brandID: try r.value("brand_id"), version: try r.value("version"), tenantID: try r.value("tenant_id"),
                fingerprint: try r.value("sha256"), files: try SQLiteBrandStore.decode(try r.value("files", as: String?.self)),
                createdAt: try r.value("created_at"))
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }
}
