import Foundation
import PostgresNIO

/// `BrandDraftStore` on PostgreSQL: one `brand_drafts` row per brand (as on SQLite), its files a
/// JSON object of file name → blob SHA-256. Every node reads the draft from here, so a reseller's
/// edits show in previews whichever node answers; a bucket sweep keeps the draft's files.
struct PostgresBrandDraftStore: BrandDraftStore {
    let database: PostgresDatabase

    func draft(of brandID: String) async throws(StorageError) -> BrandDraftRecord? {
        let rows = try await database.rows(
            """
            SELECT brand_id, base_version, sha256, files::text AS files, updated_at, updated_by_tenant, updated_by_role,
                updated_via
            FROM brand_drafts WHERE brand_id = \(brandID)
            """)
        guard let row = rows.first else { return nil }
        do {
            let r = row.makeRandomAccess()
            guard let role = Role(rawValue: try r.value("updated_by_role")),
                let channel = BrandAuthor.Channel(rawValue: try r.value("updated_via"))
            else { throw StorageError.database("the draft of brand \(brandID) names no valid author") }
            return BrandDraftRecord(
                brandID: try r.value("brand_id"), baseVersion: try r.value("base_version"), fingerprint: try r.value("sha256"),
                files: try SQLiteBrandStore.decode(try r.value("files", as: String?.self)), updatedAt: try r.value("updated_at"),
                updatedBy: BrandAuthor(tenantID: try r.value("updated_by_tenant"), role: role, channel: channel))
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }

    func save(_ draft: BrandDraftRecord) async throws(StorageError) {
        let files = try SQLiteBrandStore.encode(draft.files)
        // Inserted only when the brand exists: no row back means it does not.
        let rows = try await database.rows(
            """
            INSERT INTO brand_drafts (brand_id, base_version, sha256, files, updated_at, updated_by_tenant,
                updated_by_role, updated_via)
            SELECT \(draft.brandID), \(draft.baseVersion), \(draft.fingerprint), \(files)::jsonb, \(draft.updatedAt),
                \(draft.updatedBy.tenantID), \(draft.updatedBy.role.rawValue), \(draft.updatedBy.channel.rawValue)
            WHERE EXISTS (SELECT 1 FROM brands WHERE id = \(draft.brandID))
            ON CONFLICT (brand_id) DO UPDATE SET base_version = excluded.base_version, sha256 = excluded.sha256,
                files = excluded.files, updated_at = excluded.updated_at, updated_by_tenant = excluded.updated_by_tenant,
                updated_by_role = excluded.updated_by_role, updated_via = excluded.updated_via
            RETURNING 1
            """)
        if rows.isEmpty { throw .notFound("brand `\(draft.brandID)`") }
    }

    func discard(_ brandID: String) async throws(StorageError) -> Bool {
        try await !database.rows("DELETE FROM brand_drafts WHERE brand_id = \(brandID) RETURNING 1").isEmpty
    }
}
