import Foundation
import PostgresNIO

/// `SessionStore` on PostgreSQL: `studio_sessions` rows keyed by the SHA-256 of the cookie value and
/// joined to `api_keys` (as on SQLite), so a session opened on one node signs in on every node, and
/// revoking the key ends its sessions everywhere at once.
struct PostgresSessionStore: SessionStore {
    let database: PostgresDatabase

    func open(withKey keyToken: String, sessionDigest: String, expiresAt: Date) async throws(StorageError)
        -> StudioSession?
    {
        guard SHA256Hex.isValid(sessionDigest) else { throw .invalidArgument("a session digest is 64 hex digits") }
        guard keyToken.hasPrefix(APIToken.prefix) else { return nil }
        let keyDigest = APIToken.digest(of: keyToken)
        let now = database.clock()
        // One statement: the key is checked and the session inserted atomically.
        let rows = try await database.rows(
            """
            WITH live_key AS (
                SELECT id, tenant_id, role, client_id FROM api_keys
                WHERE token_sha256 = \(keyDigest) AND revoked_at IS NULL
            ), opened AS (
                INSERT INTO studio_sessions (token_sha256, key_id, created_at, expires_at)
                SELECT \(sessionDigest), id, \(now), \(expiresAt) FROM live_key
                RETURNING key_id
            )
            SELECT k.id, k.tenant_id, k.role, k.client_id FROM live_key k JOIN opened ON opened.key_id = k.id
            """)
        guard let row = rows.first else { return nil }
        let (keyID, tenant, role, client) = try Self.decode(row, as: (Int64, String, String, String?).self)
        guard let role = Role(rawValue: role) else { return nil }
        return StudioSession(
            principal: Principal(tenantID: tenant, role: role, clientID: client), keyID: keyID, createdAt: now, expiresAt: expiresAt)
    }

    func session(_ digest: String) async throws(StorageError) -> StudioSession? {
        guard SHA256Hex.isValid(digest) else { return nil }
        let now = database.clock()
        let rows = try await database.rows(
            """
            SELECT s.key_id, s.created_at, s.expires_at, k.tenant_id, k.role, k.client_id
            FROM studio_sessions s JOIN api_keys k ON k.id = s.key_id
            WHERE s.token_sha256 = \(digest) AND s.expires_at > \(now) AND k.revoked_at IS NULL
            """)
        guard let row = rows.first else { return nil }
        let (keyID, createdAt, expiresAt, tenant, role, client) = try Self.decode(
            row, as: (Int64, Date, Date, String, String, String?).self)
        guard let role = Role(rawValue: role) else { return nil }
        return StudioSession(
            principal: Principal(tenantID: tenant, role: role, clientID: client), keyID: keyID, createdAt: createdAt,
            expiresAt: expiresAt)
    }

    func close(_ digest: String) async throws(StorageError) {
        try await database.execute("DELETE FROM studio_sessions WHERE token_sha256 = \(digest)")
    }

    func removeExpired() async throws(StorageError) -> Int {
        let now = database.clock()
        return try await database.rows("DELETE FROM studio_sessions WHERE expires_at <= \(now) RETURNING 1").count
    }

    private static func decode<each T: PostgresDecodable>(
        _ row: PostgresRow, as type: (repeat each T).Type
    ) throws(StorageError) -> (repeat each T) {
        do {
            return try row.decode(type)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }
}
