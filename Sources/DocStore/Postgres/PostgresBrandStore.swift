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
            """
            SELECT version, sha256, created_at, published_by_tenant, published_by_role, published_via
            FROM brand_versions WHERE brand_id = \(brandID) ORDER BY version
            """)
        var history: [BrandVersionSummary] = []
        for row in rows {
            do {
                let (version, sha256, createdAt, tenant, role, channel) = try row.decode(
                    (Int, String, Date, String?, String?, String?).self)
                var author: BrandAuthor?
                if let tenant, let role = role.flatMap(Role.init(rawValue:)), let channel = channel.flatMap(BrandAuthor.Channel.init(rawValue:)) {
                    author = BrandAuthor(tenantID: tenant, role: role, channel: channel)
                }
                history.append(BrandVersionSummary(version: version, fingerprint: sha256, createdAt: createdAt, publishedBy: author))
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
        let recorded: UncheckedBox<(BrandVersionRecord, Bool)>
        do {
            recorded = try await database.rawTransaction {
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
                try await Self.claimIdentity(of: brand, with: querier)
                _ = try await querier.rows(
                    """
                    INSERT INTO brand_versions (brand_id, version, brand_json, sha256, files, created_at,
                        published_by_tenant, published_by_role, published_via)
                    VALUES (\(brand.brandID), \(number), \(brand.manifest), \(brand.fingerprint), \(files)::jsonb, \(now),
                        \(brand.publishedBy?.tenantID), \(brand.publishedBy?.role.rawValue), \(brand.publishedBy?.channel.rawValue))
                    """)
                try await PostgresChangeFeed.announce(.brands, with: querier)
                guard let stored = try await Self.fetch(brand.brandID, number, with: querier) else {
                    throw StorageError.database("brand \(brand.brandID) version \(number) vanished after insert")
                }
                return UncheckedBox((stored, true))
            }
        } catch {
            // Two brands claiming one prefix or tax id at once, on two nodes: the unique constraint
            // refuses the later one, told as if it had checked after the first committed.
            if PostgresDatabase.isUniqueViolation(error, constraint: "brands_number_prefix_key_key")
                || PostgresDatabase.isUniqueViolation(error, constraint: "brands_tax_id_key_key")
            {
                try await Self.checkIdentity(of: brand, with: PostgresQuerier(database))
            }
            throw PostgresDatabase.storageError(error)
        }
        return (recorded.value.0, recorded.value.1)
    }

    /// Makes the brand's number prefix and tax id its own, in the version's transaction; the
    /// unique constraints of p2 back this check up against a concurrent writer.
    /// Raw errors: the caller tells a lost race on the unique constraints apart.
    private static func claimIdentity(of brand: NewBrandVersion, with querier: PostgresQuerier) async throws {
        try await checkIdentity(of: brand, with: querier)
        _ = try await querier.rawRows(
            """
            UPDATE brands SET number_prefix_key = \(brand.numberPrefixKey), tax_id_key = \(brand.taxIDKey)
            WHERE id = \(brand.brandID)
            """)
    }

    /// Throws `identityTaken` when another brand holds the brand's number prefix or tax id.
    private static func checkIdentity(of brand: NewBrandVersion, with querier: PostgresQuerier) async throws(StorageError) {
        if let prefix = brand.numberPrefixKey,
            let other = try await otherHolder(column: "number_prefix_key", value: prefix, brandID: brand.brandID, with: querier)
        {
            throw .identityTaken(field: "numberPrefix", value: prefix, brandID: other)
        }
        if let taxID = brand.taxIDKey,
            let other = try await otherHolder(column: "tax_id_key", value: taxID, brandID: brand.brandID, with: querier)
        {
            throw .identityTaken(field: "legal.inn", value: taxID, brandID: other)
        }
    }

    private static func otherHolder(
        column: String, value: String, brandID: String, with querier: PostgresQuerier
    ) async throws(StorageError) -> String? {
        let rows = try await querier.rows(
            "SELECT id FROM brands WHERE \(unescaped: column) = \(value) AND id <> \(brandID)")
        do {
            return try rows.first?.decode(String.self)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
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
