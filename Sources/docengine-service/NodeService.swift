import DocPipeline
import DocServer
import DocStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import Templates

/// One `serve` process as a service: once the store runs, migrates it (a cluster's), opens the
/// registries, recovers what a crash left, and runs the HTTP application until a graceful shutdown.
///
/// On SIGTERM the node first says it is draining (`/readyz` answers 503) for `drain`, then stops
/// the application: the listener closes, requests in progress and batch items being rendered finish.
final class NodeService: Service, Sendable {
    private let opened: StoreLocation.Opened
    private let pool: RenderPool
    private let library: TemplateLibrary
    private let brandSeeds: URL
    private let samples: StudioSamples
    private let metrics: ServiceMetrics
    private let logger: Logger
    private let nodeID: String
    private let configuration: ServiceConfiguration
    private let drain: Duration
    private let failed = Mutex<(any Error)?>(nil)

    init(
        opened: StoreLocation.Opened, pool: RenderPool, library: TemplateLibrary, brandSeeds: URL, samples: StudioSamples, metrics: ServiceMetrics,
        logger: Logger, nodeID: String, configuration: ServiceConfiguration, drain: Duration
    ) {
        self.opened = opened
        self.pool = pool
        self.library = library
        self.brandSeeds = brandSeeds
        self.samples = samples
        self.metrics = metrics
        self.logger = logger
        self.nodeID = nodeID
        self.configuration = configuration
        self.drain = drain
    }

    /// Why the node stopped, when it failed (the group shuts down gracefully either way).
    var failure: (any Error)? { get async { failed.withLock { $0 } } }

    func run() async throws {
        do {
            try await serve()
        } catch {
            failed.withLock { $0 = error }
            throw error
        }
    }

    private func serve() async throws {
        if let postgres = opened.postgres {
            let (applied, unknown) = try await postgres.prepare()
            if !applied.isEmpty { logger.notice("store migrated", metadata: ["migrations": "\(applied.joined(separator: ","))"]) }
            if !unknown.isEmpty {
                logger.warning(
                    "the store has migrations this build does not know (a newer node ran them); running on",
                    metadata: ["migrations": "\(unknown.joined(separator: ","))"])
            }
        }
        var dependencies = try await ServiceDependencies(
            pool: pool, store: opened.store, library: library, brandSeeds: brandSeeds, metrics: metrics, logger: logger,
            samples: samples)
        dependencies.nodeID = nodeID
        let recovery = try await dependencies.store.recover()
        dependencies.logger.info(
            "starting",
            metadata: [
                "store": .string(opened.postgres == nil ? "data folder" : "postgresql"),
                "brands": .string(dependencies.brands.all.map(\.brand.id).joined(separator: ",")),
                "templates": .string(dependencies.templates.names.joined(separator: ",")),
                "renderers": .stringConvertible(dependencies.pool.size),
                "files.swept": .stringConvertible(recovery.sweptBlobs),
                "batches.requeued": .stringConvertible(recovery.requeuedItems),
            ])
        let configuration = self.configuration
        let application = buildApplication(configuration: configuration, dependencies: dependencies) { port in
            // On stdout, for scripts and tests that started the server on port 0.
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            FileHandle.standardOutput.write(Data("docengine listening on http://\(host):\(port ?? configuration.port)\n".utf8))
        }
        try await runDraining(application, readiness: dependencies.readiness)
    }

    /// Runs `application` in a group of its own, which this service shuts down itself: on the
    /// outer group's graceful shutdown, after marking the node as draining and waiting `drain`.
    private func runDraining(_ application: some ApplicationProtocol, readiness: Readiness) async throws {
        let inner = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        // Detached, so the outer group's graceful shutdown reaches the application only through us.
        let running = Task.detached { try await inner.run() }
        let drain = self.drain
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await running.value
            } onGracefulShutdown: {
                readiness.startDraining()
                Task {
                    if drain > .zero { try? await Task.sleep(for: drain) }
                    await inner.triggerGracefulShutdown()
                }
            }
        } onCancel: {
            running.cancel()
        }
    }
}
