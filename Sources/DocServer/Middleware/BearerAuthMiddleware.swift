import DocPipeline
package import DocStore
import Foundation
package import Hummingbird
import Logging

/// Authenticates `Authorization: Bearer dk_…` through `KeyStore`, or a studio session cookie
/// through `SessionStore`, and puts the `Principal` in the request context; answers 401 JSON when
/// neither is given or valid.
///
/// A request authenticated by its cookie that may change something (any method but GET and HEAD)
/// must also carry the session's `X-CSRF-Token`, else 403: the cookie travels by itself, the
/// token only with pages that could read our answers. Bearer requests need no token (no browser
/// attaches a bearer key on its own).
package struct BearerAuthMiddleware: RouterMiddleware {
    package typealias Context = ServiceRequestContext

    /// The keys to check tokens against.
    package let keys: any KeyStore
    /// Studio sessions; nil accepts bearer keys only.
    package let sessions: (any SessionStore)?
    /// Whether a request without credentials passes with no principal (the session routes, which
    /// answer "signed out" themselves) instead of 401.
    package let isOptional: Bool

    /// - Parameters:
    ///   - keys: the API keys.
    ///   - sessions: the studio sessions, or nil for bearer keys only.
    ///   - isOptional: let requests without credentials through, unauthenticated.
    package init(keys: any KeyStore, sessions: (any SessionStore)? = nil, isOptional: Bool = false) {
        self.keys = keys
        self.sessions = sessions
        self.isOptional = isOptional
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            context.principal = try await Self.principal(bearer: header, keys: keys)
        } else if let sessions, let value = StudioCookie.value(in: request) {
            let digest = StudioCookie.digest(of: value)
            if let session = try await sessions.session(digest) {
                let credentials = SessionCredentials(
                    digest: digest, csrfToken: StudioCookie.csrfToken(for: value), session: session)
                if request.method != .get && request.method != .head {
                    let given = request.headers[StudioCookie.csrfHeader] ?? ""
                    guard StudioCookie.tokensMatch(given, credentials.csrfToken) else {
                        throw ServiceError.forbidden("a session's request that changes something needs its X-CSRF-Token header")
                    }
                }
                context.principal = session.principal
                context.session = credentials
            } else if !isOptional {
                throw ServiceError(
                    status: .unauthorized, message: "the studio session has expired or was closed; sign in again",
                    headers: [.wwwAuthenticate: "Bearer"])
            }
        } else if !isOptional {
            throw ServiceError.unauthorized
        }
        if let principal = context.principal {
            context.logger[metadataKey: "tenant.id"] = .string(principal.tenantID)
            context.logger[metadataKey: "principal.role"] = .string(principal.role.rawValue)
        }
        return try await next(request, context)
    }

    /// The principal of an `Authorization` header's bearer key.
    /// - Throws: `ServiceError.unauthorized` for another scheme or an unknown or revoked key.
    package static func principal(bearer header: String, keys: any KeyStore) async throws -> Principal {
        guard let token = bearerToken(header) else { throw ServiceError.unauthorized }
        guard let principal = try await keys.authenticate(token) else { throw ServiceError.unauthorized }
        return principal
    }

    /// The token of `Bearer <token>` (scheme in any case), or nil for another scheme.
    package static func bearerToken(_ header: String) -> String? {
        let scheme = "bearer "
        guard header.count > scheme.count, header.prefix(scheme.count).lowercased() == scheme else { return nil }
        return header.dropFirst(scheme.count).trimmingCharacters(in: .whitespaces)
    }
}
