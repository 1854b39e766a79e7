import DocPipeline
import ArgumentParser
import DocEngine
import DocServer
import DocStore
import Foundation
import Hummingbird
import Logging

/// `docengine serve`: the document service over HTTP (Hummingbird 2).
///
/// Runs until a signal stops it (SIGTERM/SIGINT, through Hummingbird's service lifecycle).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Runs the document service over HTTP.",
        discussion: "Create keys with `docengine keys create --data DIR`; routes are described in openapi.yaml.")

    @OptionGroup var common: CommonOptions

    @Option(help: "The interface to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The TCP port (0: any free port, printed at startup).")
    var port: Int = 8080

    @Option(help: "The service's data folder (database and stored PDFs).")
    var data: String = "./var"

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

    @Option(help: "Requests that may wait for a renderer before the service answers 503.")
    var queueLimit: Int = 64

    @Option(help: "Seconds one render may take before its request is answered 503 and the render cancelled.")
    var renderTimeLimit: Double = 30

    @Option(help: "The largest request body accepted, in bytes.")
    var maxBodySize: Int = ServiceConfiguration.defaultMaxRequestBodySize

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive") }
        guard renderers > 0 else { throw ValidationError("--renderers must be positive") }
        guard queueLimit >= 0 else { throw ValidationError("--queue-limit must be 0 or more") }
        guard renderTimeLimit > 0 else { throw ValidationError("--render-time-limit must be positive") }
        guard sessionHours > 0 else { throw ValidationError("--session-hours must be positive") }
        guard common.brand == nil else { throw ValidationError("serve loads every brand from --brands; drop --brand") }
    }

    func run() async throws {
        var logger = Logger(label: "docengine.serve")
        logger.logLevel = .info
        let metrics = ServiceMetrics()
        metrics.bootstrapSwiftMetrics()
        let store = try SQLiteStore(directory: URL(fileURLWithPath: data))
        // One font book and one template library for every pipeline: faces, text already shaped
        // and compiled templates serve them all, and a pipeline more costs only its layout engine.
        let shared = try common.makePipeline()
        let pool = try RenderPool(
            size: renderers, queueLimit: queueLimit, timeLimit: .milliseconds(Int(renderTimeLimit * 1000)),
            metrics: metrics
        ) { try common.makePipeline(fonts: shared.fonts, library: shared.templates.library) }
        let dependencies = try await ServiceDependencies(
            pool: pool, store: store, library: shared.templates.library,
            brandSeeds: URL(fileURLWithPath: brands), metrics: metrics, logger: logger,
            samples: try studioSamples(logger: logger))
        var configuration = ServiceConfiguration(
            host: host, port: port, maxRequestBodySize: maxBodySize, batchConcurrency: renderers)
        configuration.sessionLifetime = .milliseconds(Int(sessionHours * 3_600_000))
        configuration.secureCookies = secureCookies
        try await Self.serve(configuration: configuration, dependencies: dependencies)
    }

    /// The studio gallery's samples from `--samples`; none (with a warning) when the folder is missing.
    private func studioSamples(logger: Logger) throws -> StudioSamples {
        guard FileManager.default.fileExists(atPath: samples) else {
            logger.warning("no sample data folder; the studio's gallery stays empty", metadata: ["samples": .string(samples)])
            return StudioSamples()
        }
        return try StudioSamples(folder: URL(fileURLWithPath: samples))
    }

    /// Startup recovery, then the server (and the batch worker beside it) until a signal stops it.
    private static func serve(configuration: ServiceConfiguration, dependencies: ServiceDependencies) async throws {
        let recovery = try await dependencies.store.recover()
        dependencies.logger.info(
            "starting",
            metadata: [
                "brands": .string(dependencies.brands.all.map(\.brand.id).joined(separator: ",")),
                "templates": .string(dependencies.templates.names.joined(separator: ",")),
                "renderers": .stringConvertible(dependencies.pool.size),
                "files.swept": .stringConvertible(recovery.sweptBlobs),
                "batches.requeued": .stringConvertible(recovery.requeuedItems),
            ])
        try await buildApplication(configuration: configuration, dependencies: dependencies) { port in
            // On stdout, for scripts and tests that started the server on port 0.
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            FileHandle.standardOutput.write(Data("docengine listening on http://\(host):\(port ?? configuration.port)\n".utf8))
        }.runService()
    }
}
