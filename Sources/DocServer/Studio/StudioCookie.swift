import Crypto
package import DocStore
import Foundation
package import HTTPTypes
package import Hummingbird

/// The studio's session cookie and its CSRF token.
///
/// The cookie's value is 32 random bytes only the browser holds (HttpOnly: no script reads it);
/// the store keeps its SHA-256. The CSRF token is derived from the value (a second SHA-256 with
/// its own prefix), so nothing more is stored, the page learns it from `GET /v1/session`, and a
/// site that cannot read our responses cannot know it. SameSite=Strict already keeps other
/// sites' requests from carrying the cookie; the token is the second lock.
package enum StudioCookie {
    /// The cookie's name.
    package static let name = "docengine_session"
    /// Where browsers send it: the API only, not the static pages.
    package static let path = "/v1"
    /// The header state-changing requests of a session must carry.
    package static let csrfHeader = HTTPField.Name("X-CSRF-Token")!
    /// Random bytes in a session value (256 bits).
    package static let byteCount = 32

    /// A new cookie value: `ds_` and 32 random bytes in unpadded base64url.
    package static func makeValue() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "ds_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps of a cookie value: its SHA-256 in hex.
    package static func digest(of value: String) -> String {
        SHA256Hex.digest(Data(value.utf8))
    }

    /// The CSRF token of the session whose cookie holds `value`.
    package static func csrfToken(for value: String) -> String {
        String(SHA256Hex.digest(Data(("csrf\u{0}" + value).utf8)).prefix(43))
    }

    /// Compares two tokens in time independent of where they differ.
    package static func tokensMatch(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The session cookie sent with `request`, if any.
    package static func value(in request: Request) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty else { return nil }
        return value
    }

    /// `Set-Cookie` for a new session: HttpOnly, SameSite=Strict, limited to the API's path, and
    /// Secure when the request came over HTTPS (directly or through a proxy that says so).
    package static func setCookie(_ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// `Set-Cookie` that removes the session cookie.
    package static func clearCookie(secure: Bool) -> String {
        setCookie("", maxAge: 0, secure: secure)
    }

    /// Whether the browser reached us over HTTPS (`X-Forwarded-Proto: https` from a TLS proxy).
    package static func isSecure(_ request: Request, configuration: ServiceConfiguration) -> Bool {
        configuration.secureCookies
            || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}

/// How the caller of a request was authenticated through a studio session.
package struct SessionCredentials: Sendable {
    /// The SHA-256 of the cookie value (the session's key in the store).
    package var digest: String
    /// The token state-changing requests must echo in `X-CSRF-Token`.
    package var csrfToken: String
    /// The session as stored.
    package var session: StudioSession
}
