import DocPipeline
import DocStore
import Foundation
import Logging
package import Hummingbird

/// `POST /v1/session` (sign in with an API key; answers with the session cookie), `GET
/// /v1/session` (who is signed in, and the CSRF token), `DELETE /v1/session` (sign out).
///
/// Registered behind `BearerAuthMiddleware(isOptional: true)`: a page without a session learns
/// so from a 200 `{"signedIn": false}`, not from an error.
package struct SessionRoutes: Sendable {
    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the routes on a `/v1` group whose authentication is optional.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("session", use: signIn)
        group.get("session", use: show)
        group.delete("session", use: signOut)
    }

    /// Opens a session for the API key in `Authorization`: 201 with `SessionAnswer` and the
    /// HttpOnly, SameSite=Strict cookie. The key itself is not kept anywhere.
    @Sendable package func signIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.session == nil, let header = request.headers[.authorization],
            let token = BearerAuthMiddleware.bearerToken(header)
        else {
            throw ServiceError(
                status: .unauthorized, message: "sign in with the API key: Authorization: Bearer dk_…",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        let principal = try context.requirePrincipal()
        guard principal.role != .client else {
            throw ServiceError.forbidden("the studio is for platform and reseller keys; client keys download documents")
        }
        let value = StudioCookie.makeValue()
        let lifetime = configuration.sessionLifetime
        let expiresAt = dependencies.clock().addingTimeInterval(lifetime.seconds)
        // Sessions that ran out are swept here rather than by a timer: sign-ins are rare and cheap.
        try await dependencies.sessions.removeExpired()
        guard
            let session = try await dependencies.sessions.open(
                withKey: token, sessionDigest: StudioCookie.digest(of: value), expiresAt: expiresAt)
        else { throw ServiceError.unauthorized }
        context.logger.info("studio session opened", metadata: ["session.expires": .string("\(expiresAt)")])
        let credentials = SessionCredentials(
            digest: StudioCookie.digest(of: value), csrfToken: StudioCookie.csrfToken(for: value), session: session)
        let secure = StudioCookie.isSecure(request, configuration: configuration)
        return try JSONResponse.make(
            answer(credentials), status: .created,
            headers: [.setCookie: StudioCookie.setCookie(value, maxAge: Int(lifetime.seconds), secure: secure)])
    }

    /// The signed-in session, or `{"signedIn": false}` (clearing a cookie that no longer works).
    @Sendable package func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let credentials = context.session else {
            let secure = StudioCookie.isSecure(request, configuration: configuration)
            let headers: HTTPFields =
                StudioCookie.value(in: request) == nil ? [:] : [.setCookie: StudioCookie.clearCookie(secure: secure)]
            return try JSONResponse.make(SessionAnswer.signedOut, headers: headers)
        }
        return try JSONResponse.make(answer(credentials), headers: [.cacheControl: "no-store"])
    }

    /// Closes the session and removes its cookie.
    @Sendable package func signOut(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let credentials = context.session { try await dependencies.sessions.close(credentials.digest) }
        let secure = StudioCookie.isSecure(request, configuration: configuration)
        return try JSONResponse.make(SessionAnswer.signedOut, headers: [.setCookie: StudioCookie.clearCookie(secure: secure)])
    }

    private func answer(_ credentials: SessionCredentials) -> SessionAnswer {
        let principal = credentials.session.principal
        let brands = dependencies.brands.all.filter { principal.role == .platform || $0.brand.id == principal.tenantID }
        return SessionAnswer(
            signedIn: true, tenant: principal.tenantID, role: principal.role.rawValue, csrfToken: credentials.csrfToken,
            expiresAt: ISO8601DateFormatter().string(from: credentials.session.expiresAt),
            brands: brands.map {
                SessionAnswer.BrandEntry(id: $0.brand.id, displayName: $0.brand.displayName, isPlatform: $0.brand.isPlatform)
            })
    }
}

/// `{signedIn, tenant?, role?, csrfToken?, expiresAt?, brands?}`: who the studio acts as, the token
/// its state-changing requests echo in `X-CSRF-Token`, and the brands it may open.
package struct SessionAnswer: Codable, Sendable, Equatable {
    /// A brand the session may open in the studio.
    package struct BrandEntry: Codable, Sendable, Equatable {
        package var id: String
        package var displayName: String
        package var isPlatform: Bool
    }

    package var signedIn: Bool
    package var tenant: String?
    package var role: String?
    package var csrfToken: String?
    /// ISO 8601.
    package var expiresAt: String?
    package var brands: [BrandEntry]?

    /// No session.
    package static let signedOut = SessionAnswer(signedIn: false)

    package init(
        signedIn: Bool, tenant: String? = nil, role: String? = nil, csrfToken: String? = nil, expiresAt: String? = nil,
        brands: [BrandEntry]? = nil
    ) {
        self.signedIn = signedIn
        self.tenant = tenant
        self.role = role
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
        self.brands = brands
    }
}
