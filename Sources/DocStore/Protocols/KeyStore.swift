/// API keys: bearer tokens of which only a hash is stored.
package protocol KeyStore: Sendable {
    /// Creates a key for `principal`, creating its tenant when it is new.
    /// - Returns: the key with its plaintext token, which cannot be recovered later.
    /// - Throws: `StorageError.invalidArgument` for an empty tenant or a client on a non-client role.
    func create(for principal: Principal) async throws(StorageError) -> CreatedKey

    /// The principal a bearer token authenticates as, or nil for an unknown or revoked token.
    func authenticate(_ token: String) async throws(StorageError) -> Principal?

    /// Revokes a key; its token stops authenticating at once. Revoking twice is harmless.
    /// - Throws: `StorageError.notFound` for an unknown id.
    func revoke(id: Int64) async throws(StorageError)
}

/// A key just created: the plaintext token is shown once and never stored.
package struct CreatedKey: Sendable {
    /// The key's id, for revoking it later.
    package var id: Int64
    /// The bearer token to hand to the caller.
    package var token: String
    /// Who the token authenticates as.
    package var principal: Principal
}
