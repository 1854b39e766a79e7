import Hummingbird

/// The request context of the document service: Hummingbird's core storage plus the caller.
struct ServiceRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Who is calling; set by `BearerAuthMiddleware`, nil on routes without authentication.
    var principal: Principal?

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        principal = nil
    }

    /// The authenticated caller.
    /// - Throws: `ServiceError.unauthorized` on a route that was not behind the auth middleware.
    func requirePrincipal() throws(ServiceError) -> Principal {
        guard let principal else { throw ServiceError.unauthorized }
        return principal
    }
}
