package import Foundation

/// A signed-in studio session: who it acts as and until when.
///
/// Only the SHA-256 of the session's cookie value is stored, like API keys; the session ends at
/// `expiresAt`, on sign-out, or as soon as the API key it was opened with is revoked.
package struct StudioSession: Sendable, Equatable {
    /// The caller, as the API key that opened the session authenticates.
    package var principal: Principal
    /// The id of that API key.
    package var keyID: Int64
    package var createdAt: Date
    package var expiresAt: Date

    package init(principal: Principal, keyID: Int64, createdAt: Date, expiresAt: Date) {
        self.principal = principal
        self.keyID = keyID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
