import Foundation
import GRDB

/// `KeyStore` on SQLite: bearer tokens of which only the SHA-256 is stored.
///
/// Looking a token up by its hash needs no constant-time comparison: the secret never meets a
/// `==` on our side, only SQLite's index on a digest an attacker cannot steer.
struct SQLiteKeyStore: KeyStore {
    /// A row of `api_keys`.
    struct Record: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
        static let databaseTableName = "api_keys"
        static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
        static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

        var id: Int64?
        var tokenSha256: String
        var role: Role
        var tenantId: String
        var clientId: String?
        var createdAt: Date
        var revokedAt: Date?

        mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    let database: SQLiteDatabase

    /// Creates a key for `principal`, creating its tenant row when it is new.
    /// - Parameter principal: the tenant, role and optional client the key acts as.
    /// - Returns: the key with its plaintext token, which cannot be recovered later.
    /// - Throws: `StorageError.invalidArgument` for an empty tenant, a client on a non-client role,
    ///   or `.database`.
    func create(for principal: Principal) async throws(StorageError) -> CreatedKey {
        try APIToken.validate(principal)
        let token = APIToken.make()
        let now = database.clock()
        let id = try await database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO tenants (id, name, created_at) VALUES (?, ?, ?)",
                arguments: [principal.tenantID, principal.tenantID, now])
            var record = Record(
                id: nil, tokenSha256: APIToken.digest(of: token), role: principal.role, tenantId: principal.tenantID,
                clientId: principal.clientID, createdAt: now, revokedAt: nil)
            try record.insert(db)
            return record.id!
        }
        return CreatedKey(id: id, token: token, principal: principal)
    }

    /// The principal a bearer token authenticates as, or nil for an unknown or revoked token.
    /// - Throws: `StorageError.database` when the database cannot be read.
    func authenticate(_ token: String) async throws(StorageError) -> Principal? {
        guard token.hasPrefix(APIToken.prefix) else { return nil }
        let digest = APIToken.digest(of: token)
        let record = try await database.read { db in
            // Every request asks: a statement kept by the connection, not prepared afresh.
            try Record.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM api_keys WHERE token_sha256 = ? AND revoked_at IS NULL"),
                arguments: [digest])
        }
        return record.map { Principal(tenantID: $0.tenantId, role: $0.role, clientID: $0.clientId) }
    }

    /// Revokes a key; its token stops authenticating at once. Revoking twice is harmless.
    /// - Throws: `StorageError.notFound` for an unknown id, or `.database`.
    func revoke(id: Int64) async throws(StorageError) {
        let now = database.clock()
        try await database.write { db in
            guard var record = try Record.fetchOne(db, key: id) else { throw StorageError.notFound("API key \(id)") }
            guard record.revokedAt == nil else { return }
            record.revokedAt = now
            try record.update(db)
        }
    }
}
