import ArgumentParser
import DocCommandLine
import DocEngine
import DocPipeline
import DocServer
import DocStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `docengine serve`: the document service over HTTP (Hummingbird 2), on a data folder or, as one
/// node of a cluster, on a shared PostgreSQL store.
///
/// Runs until a signal stops it (SIGTERM/SIGINT, through the service lifecycle).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Runs the document service over HTTP.",
        discussion: """
            Create keys with `docengine keys create` (the same --data or --database); routes are described \
            in openapi.yaml. Several nodes share one --database (and --blobs): see docs/deployment.md.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var store: StoreOptions

    @Option(help: "The interface to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The TCP port (0: any free port, printed at startup).")
    var port: Int = 8080

    @Option(help: "Folder of brand folders recorded as version 1 of brands the service does not have yet.")
    var brands: String = "SampleData/brands"

    @Option(help: "Folder of sample data the studio's gallery renders each template with (skipped when missing).")
    var samples: String = "SampleData"

    @Option(help: "Hours a studio session lasts after sign-in.")
    var sessionHours: Double = 8

    @Flag(help: "Mark studio session cookies Secure always (serve behind HTTPS).")
    var secureCookies = false

    @Option(help: "Concurrent renders (default: the number of cores).")
    var renderers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Batch items in progress at once (default: twice --renderers, so one renders while another waits for the disk).")
    var batchItems: Int?

    @Option(help: "Requests that may wait for a renderer before the service answers 503.")
    var queueLimit: Int = 64

    @Option(help: "Seconds one render may take before its request is answered 503 and the render cancelled.")
    var renderTimeLimit: Double = 30

    @Option(help: "The largest request body accepted, in bytes.")
    var maxBodySize: Int = ServiceConfiguration.defaultMaxRequestBodySize

    @Option(help: "This node's name in a cluster: in logs, metrics, answers and batch leases (default: host-pid).")
    var nodeID: String?

    @Option(help: "Seconds a batch item claimed by a node that stops renewing it stays claimed (--database).")
    var batchLease: Double = 30

    @Option(help: "Seconds between reads of what other nodes changed, besides notifications (--database).")
    var changePoll: Double = 5

    @Option(help: "Seconds /readyz answers 503 before the listener closes, on SIGTERM (for active health checks).")
    var drainSeconds: Double = 0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive") }
        guard renderers > 0 else { throw ValidationError("--renderers must be positive") }
        if let batchItems, batchItems <= 0 { throw ValidationError("--batch-items must be positive") }
        guard queueLimit >= 0 else { throw ValidationError("--queue-limit must be 0 or more") }
        guard renderTimeLimit > 0 else { throw ValidationError("--render-time-limit must be positive") }
        guard sessionHours > 0 else { throw ValidationError("--session-hours must be positive") }
        guard common.brand == nil else { throw ValidationError("serve loads every brand from --brands; drop --brand") }
        guard batchLease >= 1 else { throw ValidationError("--batch-lease must be at least 1 second") }
        guard changePoll > 0 else { throw ValidationError("--change-poll must be positive") }
        guard drainSeconds >= 0 else { throw ValidationError("--drain-seconds must be 0 or more") }
        if let nodeID, nodeID.isEmpty || nodeID.count > 100 { throw ValidationError("--node-id: 1 to 100 characters") }
    }

    func run() async throws {
        let location = try store.location()
        let nodeID = self.nodeID ?? StoreOptions.defaultNodeID()
        var logger = Logger(label: "docengine.serve")
        logger.logLevel = .info
        logger[metadataKey: "node.id"] = .string(nodeID)
        // A node of a cluster labels its metrics; a single machine's stay as they were.
        let isCluster: Bool
        if case .postgres = location { isCluster = true } else { isCluster = false }
        let metrics = ServiceMetrics(nodeID: isCluster || self.nodeID != nil ? nodeID : nil)
        metrics.bootstrapSwiftMetrics()
        let opened = try location.open(
            nodeID: nodeID, maximumConnections: renderers * 2 + 8, lease: .milliseconds(Int(batchLease * 1000)),
            logger: logger)
        // One font book and one template library for every pipeline: faces, text already shaped
        // and compiled templates serve them all, and a pipeline more costs only its layout engine.
        let shared = try common.makePipeline()
        let pool = try RenderPool(
            size: renderers, queueLimit: queueLimit, timeLimit: .milliseconds(Int(renderTimeLimit * 1000)),
            metrics: metrics
        ) { try common.makePipeline(fonts: shared.fonts, library: shared.templates.library) }
        var configuration = ServiceConfiguration(
            host: host, port: port, maxRequestBodySize: maxBodySize, batchConcurrency: batchItems ?? renderers * 2,
            storeChangePollInterval: isCluster ? .milliseconds(Int(changePoll * 1000)) : nil)
        configuration.sessionLifetime = .milliseconds(Int(sessionHours * 3_600_000))
        configuration.secureCookies = secureCookies
        let node = NodeService(
            opened: opened, pool: pool, library: shared.templates.library,
            brandSeeds: URL(fileURLWithPath: brands), samples: try studioSamples(logger: logger), metrics: metrics,
            logger: logger, nodeID: nodeID, configuration: configuration, drain: .milliseconds(Int(drainSeconds * 1000)))
        // The store's pool first: the group stops services in reverse order, so it outlives the node.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let postgres = opened.postgres { services.append(.init(service: postgres)) }
        services.append(
            .init(service: node, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup))
        try await ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        ).run()
        if let failure = await node.failure { throw failure }
    }

    /// The studio gallery's samples from `--samples`; none (with a warning) when the folder is missing.
    private func studioSamples(logger: Logger) throws -> StudioSamples {
        guard FileManager.default.fileExists(atPath: samples) else {
            logger.warning("no sample data folder; the studio's gallery stays empty", metadata: ["samples": .string(samples)])
            return StudioSamples()
        }
        return try StudioSamples(folder: URL(fileURLWithPath: samples))
    }
}
