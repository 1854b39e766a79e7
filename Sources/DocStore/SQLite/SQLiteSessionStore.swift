import Foundation
import GRDB

/// `SessionStore` on SQLite: `studio_sessions` rows keyed by the SHA-256 of the cookie value and
/// joined to `api_keys`, so revoking the key ends its sessions at once.
struct SQLiteSessionStore: SessionStore {
    let database: SQLiteDatabase

    func open(withKey keyToken: String, sessionDigest: String, expiresAt: Date) async throws(StorageError)
        -> StudioSession?
    {
        guard SHA256Hex.isValid(sessionDigest) else { throw .invalidArgument("a session digest is 64 hex digits") }
        guard keyToken.hasPrefix(APIToken.prefix) else { return nil }
        let keyDigest = APIToken.digest(of: keyToken)
        let now = database.clock()
        return try await database.write { db -> StudioSession? in
            guard
                let key = try Row.fetchOne(
                    db, sql: "SELECT id, tenant_id, role, client_id FROM api_keys WHERE token_sha256 = ? AND revoked_at IS NULL",
                    arguments: [keyDigest]),
                let principal = Self.principal(key)
            else { return nil }
            try db.execute(
                sql: "INSERT INTO studio_sessions (token_sha256, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [sessionDigest, key["id"] as Int64, now, expiresAt])
            return StudioSession(principal: principal, keyID: key["id"], createdAt: now, expiresAt: expiresAt)
        }
    }

    func session(_ digest: String) async throws(StorageError) -> StudioSession? {
        guard SHA256Hex.isValid(digest) else { return nil }
        let now = database.clock()
        return try await database.read { db -> StudioSession? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.key_id, s.created_at, s.expires_at, k.tenant_id, k.role, k.client_id
                        FROM studio_sessions s JOIN api_keys k ON k.id = s.key_id
                        WHERE s.token_sha256 = ? AND s.expires_at > ? AND k.revoked_at IS NULL
                        """,
                    arguments: [digest, now]),
                let principal = Self.principal(row)
            else { return nil }
            return StudioSession(principal: principal, keyID: row["key_id"], createdAt: row["created_at"], expiresAt: row["expires_at"])
        }
    }

    func close(_ digest: String) async throws(StorageError) {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM studio_sessions WHERE token_sha256 = ?", arguments: [digest])
        }
    }

    func removeExpired() async throws(StorageError) -> Int {
        let now = database.clock()
        return try await database.write { db in
            try db.execute(sql: "DELETE FROM studio_sessions WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    /// The principal of an `api_keys` row (`tenant_id`, `role`, `client_id`); nil for an unknown role.
    private static func principal(_ row: Row) -> Principal? {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        return Principal(tenantID: row["tenant_id"], role: role, clientID: row["client_id"])
    }
}
