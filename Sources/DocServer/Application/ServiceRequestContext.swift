import DocPipeline
package import DocStore
package import Hummingbird

/// The request context of the document service: Hummingbird's core storage plus the caller.
package struct ServiceRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// Who is calling; set by `BearerAuthMiddleware`, nil on routes without authentication.
    package var principal: Principal?
    /// The studio session the caller came with; nil for a bearer key.
    package var session: SessionCredentials?

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        principal = nil
        session = nil
    }

    /// The authenticated caller.
    /// - Throws: `ServiceError.unauthorized` on a route that was not behind the auth middleware.
    package func requirePrincipal() throws(ServiceError) -> Principal {
        guard let principal else { throw ServiceError.unauthorized }
        return principal
    }
}
