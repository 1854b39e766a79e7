import Crypto
import Foundation

/// The shape of API keys' bearer tokens, shared by every `KeyStore`.
package enum APIToken {
    /// Every token starts with this, so a leaked one is easy to recognise and grep for.
    package static let prefix = "dk_"
    /// Random bytes in a token (256 bits).
    package static let byteCount = 32

    /// Hex SHA-256 of the token's UTF-8 bytes, which is all a store keeps.
    package static func digest(of token: String) -> String {
        SHA256Hex.digest(Data(token.utf8))
    }

    /// `dk_` followed by 32 random bytes in unpadded base64url.
    package static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64url = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64url
    }

    /// Refuses an empty tenant, and a client on a key that is not a client key.
    /// - Throws: `StorageError.invalidArgument`.
    package static func validate(_ principal: Principal) throws(StorageError) {
        guard !principal.tenantID.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidArgument("a key needs a tenant")
        }
        if principal.clientID != nil && principal.role != .client {
            throw .invalidArgument(
                "only a `client` key can be limited to a client (got role `\(principal.role.rawValue)`)")
        }
    }
}
