import ArgumentParser
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

    @Option(help: "The TCP port.")
    var port: Int = 8080

    @Option(help: "The service's data folder (database and stored PDFs).")
    var data: String = "./var"

    @Option(help: "Folder of brand folders documents may be issued under.")
    var brands: String = "SampleData/brands"

    @Option(help: "The largest request body accepted, in bytes.")
    var maxBodySize: Int = ServiceConfiguration.defaultMaxRequestBodySize

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1…65535") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive") }
        guard common.brand == nil else { throw ValidationError("serve loads every brand from --brands; drop --brand") }
    }

    func run() async throws {
        var logger = Logger(label: "docengine.serve")
        logger.logLevel = .info
        let clock: @Sendable () -> Date = { Date() }
        let database = try ServiceDatabase(directory: URL(fileURLWithPath: data), clock: clock)
        let dependencies = ServiceDependencies(
            pipeline: SharedPipeline(try common.makePipeline()), database: database,
            brands: try ServiceDependencies.loadBrands(from: URL(fileURLWithPath: brands)), clock: clock, logger: logger)
        let configuration = ServiceConfiguration(host: host, port: port, maxRequestBodySize: maxBodySize)
        try await Self.serve(configuration: configuration, dependencies: dependencies)
    }

    /// Startup recovery, then the server until a signal stops it.
    private static func serve(configuration: ServiceConfiguration, dependencies: ServiceDependencies) async throws {
        let swept = dependencies.files.removeTemporaryFiles()
        let requeued = try await BatchStore(database: dependencies.database).requeueInterrupted()
        dependencies.logger.info(
            "starting",
            metadata: [
                "brands": .string(dependencies.brands.keys.sorted().joined(separator: ",")),
                "files.swept": .stringConvertible(swept), "batches.requeued": .stringConvertible(requeued),
            ])
        try await buildApplication(configuration: configuration, dependencies: dependencies).runService()
    }
}
