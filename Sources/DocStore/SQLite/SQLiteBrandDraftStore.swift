import Foundation
import GRDB

/// `BrandDraftStore` on SQLite: one `brand_drafts` row per brand, its files a JSON object of
/// file name → blob SHA-256 like `brand_versions.files`.
struct SQLiteBrandDraftStore: BrandDraftStore {
    let database: SQLiteDatabase

    func draft(of brandID: String) async throws(StorageError) -> BrandDraftRecord? {
        try await database.read { db -> BrandDraftRecord? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM brand_drafts WHERE brand_id = ?", arguments: [brandID])
            else { return nil }
            guard
                let author = SQLiteBrandStore.author(
                    row, tenant: "updated_by_tenant", role: "updated_by_role", channel: "updated_via")
            else { throw StorageError.database("the draft of brand \(brandID) names no valid author") }
            return BrandDraftRecord(
                brandID: row["brand_id"], baseVersion: row["base_version"], fingerprint: row["sha256"],
                files: try SQLiteBrandStore.decode(row["files"]), updatedAt: row["updated_at"], updatedBy: author)
        }
    }

    func save(_ draft: BrandDraftRecord) async throws(StorageError) {
        let files = try SQLiteBrandStore.encode(draft.files)
        try await database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM brands WHERE id = ?", arguments: [draft.brandID]) == true else {
                throw StorageError.notFound("brand `\(draft.brandID)`")
            }
            try db.execute(
                sql: """
                    INSERT INTO brand_drafts (brand_id, base_version, sha256, files, updated_at, updated_by_tenant,
                        updated_by_role, updated_via)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (brand_id) DO UPDATE SET base_version = excluded.base_version, sha256 = excluded.sha256,
                        files = excluded.files, updated_at = excluded.updated_at,
                        updated_by_tenant = excluded.updated_by_tenant, updated_by_role = excluded.updated_by_role,
                        updated_via = excluded.updated_via
                    """,
                arguments: [
                    draft.brandID, draft.baseVersion, draft.fingerprint, files, draft.updatedAt, draft.updatedBy.tenantID,
                    draft.updatedBy.role.rawValue, draft.updatedBy.channel.rawValue,
                ])
        }
    }

    func discard(_ brandID: String) async throws(StorageError) -> Bool {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM brand_drafts WHERE brand_id = ?", arguments: [brandID])
            return db.changesCount > 0
        }
    }
}
