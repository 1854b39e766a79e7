package import Hummingbird
import Logging
import ServiceLifecycle

/// The document service's application, shared by `docengine serve` and the tests.
///
/// Besides the HTTP server, its service group runs the batch worker when the configuration asks for
/// one, so the worker starts and stops with the server (a graceful shutdown lets items in progress
/// finish; unfinished items resume on the next start).
/// - Parameters:
///   - configuration: where to listen, the body limit, the batch worker's concurrency.
///   - dependencies: the opened store, registries, pipelines and metrics.
///   - onServerRunning: told the port once the server listens.
/// - Returns: the application, ready for `runService()` or `test(_:)`.
package func buildApplication(
    configuration: ServiceConfiguration, dependencies: ServiceDependencies,
    onServerRunning: @escaping @Sendable (_ port: Int?) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var services: [any Service] = []
    if let interval = configuration.storeChangePollInterval {
        services.append(StoreChangeWatcher(dependencies: dependencies, pollInterval: interval))
    }
    if let concurrency = configuration.batchConcurrency {
        services.append(BatchWorker(dependencies: dependencies, concurrency: concurrency))
    }
    return Application(
        router: buildRouter(configuration: configuration, dependencies: dependencies),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "docengine"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port) },
        logger: dependencies.logger)
}

/// The service's routes: `/healthz`, `/readyz` and `/metrics` without authentication, everything
/// under `/v1` behind a bearer key. Every error is answered as JSON (`ErrorJSONMiddleware`); every
/// answer names the node that gave it (`X-DocEngine-Node`).
/// - Parameters:
///   - configuration: the body limit.
///   - dependencies: what the handlers use.
/// - Returns: the router, whose `routes` the OpenAPI test compares with `openapi.yaml`.
package func buildRouter(
    configuration: ServiceConfiguration, dependencies: ServiceDependencies
) -> Router<ServiceRequestContext> {
    let router = Router(context: ServiceRequestContext.self)
    // Outermost, so they see the status ErrorJSONMiddleware maps every error to.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMetricsMiddleware(metrics: dependencies.metrics))
    router.add(middleware: NodeHeaderMiddleware(nodeID: dependencies.nodeID))
    router.add(middleware: ErrorJSONMiddleware())
    HealthRoutes(dependencies: dependencies).register(on: router)
    MetricsRoutes(metrics: dependencies.metrics).register(on: router)
    StudioRoutes().register(on: router)
    // Signing in and out must work without credentials; everything else under /v1 needs a key or a session.
    let sessions = router.group("v1")
        .add(middleware: BearerAuthMiddleware(keys: dependencies.keys, sessions: dependencies.sessions, isOptional: true))
    SessionRoutes(configuration: configuration, dependencies: dependencies).register(on: sessions)
    let v1 = router.group("v1").add(middleware: BearerAuthMiddleware(keys: dependencies.keys, sessions: dependencies.sessions))
    DocumentRoutes(configuration: configuration, dependencies: dependencies).register(on: v1)
    PreviewRoutes(configuration: configuration, dependencies: dependencies).register(on: v1)
    SignatureRoutes(configuration: configuration).register(on: v1)
    TemplateRoutes(configuration: configuration, dependencies: dependencies).register(on: v1)
    BrandRoutes(configuration: configuration, dependencies: dependencies).register(on: v1)
    BrandDraftRoutes(configuration: configuration, dependencies: dependencies).register(on: v1)
    OrderEventRoutes(configuration: configuration, dependencies: dependencies).register(on: v1)
    BatchRoutes(configuration: configuration, dependencies: dependencies).register(on: v1)
    // After every route: it wraps only the "no such route" answer, turning a known path with the
    // wrong method into 405.
    router.add(
        middleware: MethodNotAllowedMiddleware(routes: router.routes.map { (method: $0.method, path: $0.path.description) }))
    return router
}
