package import Foundation

/// Studio sessions: the page signs in once with an API key and then carries an HttpOnly cookie
/// whose value only the browser knows; the store keeps its SHA-256.
///
/// Sessions live in the store, not in a process, so several service nodes share them. A session
/// authenticates only while it has not expired and the API key that opened it is not revoked.
package protocol SessionStore: Sendable {
    /// Opens a session for the holder of the API key `keyToken`.
    /// - Parameters:
    ///   - keyToken: the plaintext API key the page sent once (`dk_…`); only checked, never stored.
    ///   - sessionDigest: the SHA-256 (hex) of the new session's cookie value.
    ///   - expiresAt: when the session stops authenticating.
    /// - Returns: the session, or nil when the key is unknown or revoked.
    /// - Throws: `StorageError.invalidArgument` for a malformed digest, `.database`.
    func open(withKey keyToken: String, sessionDigest: String, expiresAt: Date) async throws(StorageError)
        -> StudioSession?

    /// The live session whose cookie value hashes to `digest`: nil when unknown, expired (by the
    /// store's clock) or opened with a key that has been revoked since.
    func session(_ digest: String) async throws(StorageError) -> StudioSession?

    /// Ends a session (sign-out); closing an unknown or closed session is harmless.
    func close(_ digest: String) async throws(StorageError)

    /// Forgets every expired session.
    /// - Returns: how many were removed.
    @discardableResult
    func removeExpired() async throws(StorageError) -> Int
}
