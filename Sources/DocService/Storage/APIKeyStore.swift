import Crypto
import Foundation
import GRDB

/// API keys: bearer tokens of which only the SHA-256 is stored.
///
/// Looking a token up by its hash needs no constant-time comparison: the secret never meets a
/// `==` on our side, only SQLite's index on a digest an attacker cannot steer.
struct APIKeyStore: Sendable {
    /// Every token starts with this, so a leaked one is easy to recognise and grep for.
    static let tokenPrefix = "dk_"
    /// Random bytes in a token (256 bits).
    static let tokenByteCount = 32

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

    /// A key just created: the plaintext token is shown once and never stored.
    struct CreatedKey: Sendable {
        /// The row id, for revoking the key later.
        var id: Int64
        /// The bearer token to hand to the caller.
        var token: String
        /// Who the token authenticates as.
        var principal: Principal
    }

    let database: ServiceDatabase

    /// Creates a key for `principal`, creating its tenant row when it is new.
    /// - Parameter principal: the tenant, role and optional client the key acts as.
    /// - Returns: the key with its plaintext token, which cannot be recovered later.
    /// - Throws: `StorageError.invalidArgument` for an empty tenant, a client on a non-client role,
    ///   or `.database`.
    func create(for principal: Principal) throws(StorageError) -> CreatedKey {
        try Self.validate(principal)
        let token = Self.makeToken()
        let now = database.clock()
        let id = try database.writeSynchronously { db in
            try TenantRow(id: principal.tenantID, name: principal.tenantID, createdAt: now).insert(
                db, onConflict: .ignore)
            var record = Record(
                id: nil, tokenSha256: Self.digest(of: token), role: principal.role, tenantId: principal.tenantID,
                clientId: principal.clientID, createdAt: now, revokedAt: nil)
            try record.insert(db)
            return record.id!
        }
        return CreatedKey(id: id, token: token, principal: principal)
    }

    /// The principal a bearer token authenticates as, or nil for an unknown or revoked token.
    /// - Throws: `StorageError.database` when the database cannot be read.
    func authenticate(_ token: String) async throws(StorageError) -> Principal? {
        guard token.hasPrefix(Self.tokenPrefix) else { return nil }
        let digest = Self.digest(of: token)
        let record = try await database.read { db in
            try Record.filter(Column("token_sha256") == digest && Column("revoked_at") == nil).fetchOne(db)
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

    /// Hex SHA-256 of the token's UTF-8 bytes, as stored in `api_keys.token_sha256`.
    static func digest(of token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }

    /// `dk_` followed by 32 random bytes in unpadded base64url.
    static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<tokenByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64url = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return tokenPrefix + base64url
    }

    private static func validate(_ principal: Principal) throws(StorageError) {
        guard !principal.tenantID.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidArgument("a key needs a tenant")
        }
        if principal.clientID != nil && principal.role != .client {
            throw .invalidArgument(
                "only a `client` key can be limited to a client (got role `\(principal.role.rawValue)`)")
        }
    }
}
