import DocPipeline
package import DocStore
import Foundation
package import Hummingbird
import Logging

/// Authenticates `Authorization: Bearer dk_…` through `APIKeyStore` and puts the `Principal` in
/// the request context; answers 401 JSON when the header is missing or the key is unknown or revoked.
package struct BearerAuthMiddleware: RouterMiddleware {
    package typealias Context = ServiceRequestContext

    /// The keys to check tokens against.
    package let keys: any KeyStore

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw ServiceError.unauthorized }
        let scheme = "bearer "
        guard header.count > scheme.count, header.prefix(scheme.count).lowercased() == scheme else {
            throw ServiceError.unauthorized
        }
        let token = header.dropFirst(scheme.count).trimmingCharacters(in: .whitespaces)
        guard let principal = try await keys.authenticate(token) else { throw ServiceError.unauthorized }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "tenant.id"] = .string(principal.tenantID)
        context.logger[metadataKey: "principal.role"] = .string(principal.role.rawValue)
        return try await next(request, context)
    }
}
