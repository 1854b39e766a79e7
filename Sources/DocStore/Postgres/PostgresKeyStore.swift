import Foundation
import PostgresNIO

/// `KeyStore` on PostgreSQL: bearer tokens of which only the SHA-256 is stored (see `SQLiteKeyStore`).
struct PostgresKeyStore: KeyStore {
    let database: PostgresDatabase

    func create(for principal: Principal) async throws(StorageError) -> CreatedKey {
        try APIToken.validate(principal)
        let token = APIToken.make()
        let now = database.clock()
        let digest = APIToken.digest(of: token)
        let id = try await database.transaction { (connection: PostgresConnection) async throws -> Int64 in
            try await connection.query(
                """
                INSERT INTO tenants (id, name, created_at) VALUES (\(principal.tenantID), \(principal.tenantID), \(now))
                ON CONFLICT (id) DO NOTHING
                """, logger: database.logger)
            let rows = try await connection.query(
                """
                INSERT INTO api_keys (token_sha256, role, tenant_id, client_id, created_at)
                VALUES (\(digest), \(principal.role.rawValue), \(principal.tenantID), \(principal.clientID), \(now))
                RETURNING id
                """, logger: database.logger)
            for try await id in rows.decode(Int64.self) { return id }
            throw StorageError.database("the new API key got no id")
        }
        return CreatedKey(id: id, token: token, principal: principal)
    }

    func authenticate(_ token: String) async throws(StorageError) -> Principal? {
        guard token.hasPrefix(APIToken.prefix) else { return nil }
        let digest = APIToken.digest(of: token)
        let rows = try await database.rows(
            "SELECT role, tenant_id, client_id FROM api_keys WHERE token_sha256 = \(digest) AND revoked_at IS NULL")
        guard let row = rows.first else { return nil }
        do {
            let (role, tenant, client) = try row.decode((String, String, String?).self)
            guard let role = Role(rawValue: role) else { throw StorageError.database("API key with unknown role `\(role)`") }
            return Principal(tenantID: tenant, role: role, clientID: client)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }

    func revoke(id: Int64) async throws(StorageError) {
        let now = database.clock()
        let rows = try await database.rows(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(now)) WHERE id = \(id) RETURNING id")
        if rows.isEmpty { throw .notFound("API key \(id)") }
    }
}
