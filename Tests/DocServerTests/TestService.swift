import DocEngine
import DocPipeline
import DocServer
@testable import DocStore
import DocTestSupport
import Foundation
import GRDB
import Logging
import Templates

/// What the service tests share: one render pool (fonts load once), a fresh store per test.
enum TestService {
    /// The service's metrics for the shared pool; tests that count metrics make their own.
    static let metrics = ServiceMetrics()

    /// Two pipelines, as on the 2-core machines CI runs on; a long queue, since tests wait rather than shed load.
    static let pool: RenderPool = {
        do {
            return try RenderPool(size: 2, queueLimit: 10_000, metrics: metrics) { try makePipeline() }
        } catch {
            fatalError("cannot load the render pipelines: \(error)")
        }
    }()

    /// The built-in templates, as the service records them.
    static let library: TemplateLibrary = {
        do {
            return try TemplateLibrary.builtIn()
        } catch {
            fatalError("cannot load the built-in templates: \(error)")
        }
    }()

    /// 2026-11-22 12:00 UTC, so numbers without a date fall in 2026.
    static let now = Date(timeIntervalSince1970: 1_795_348_800)

    static func makePipeline() throws -> DocumentPipeline {
        DocumentPipeline(
            fonts: try FontBook(directory: repositoryFile("Fonts")), templates: try TemplateLookup(directory: nil))
    }

    /// Dependencies on a new store in a temporary folder, brands seeded from SampleData/brands.
    /// - Parameters:
    ///   - directory: the data folder (a new temporary one when nil).
    ///   - pool: the render pool (the shared one when nil).
    ///   - metrics: where the service's metrics go (the shared pool's when nil).
    static func makeDependencies(
        directory: URL? = nil, pool: RenderPool? = nil, metrics: ServiceMetrics? = nil
    ) async throws -> ServiceDependencies {
        let store = try SQLiteStore(directory: try directory ?? makeTemporaryDirectory(), clock: { now })
        var logger = Logger(label: "docengine.tests")
        logger.logLevel = .warning
        return try await ServiceDependencies(
            pool: pool ?? Self.pool, store: store, library: library, brandSeeds: repositoryFile("SampleData/brands"),
            metrics: metrics ?? Self.metrics, logger: logger)
    }

    /// The SQLite database under `dependencies`, for tests that inspect or sabotage it.
    static func database(of dependencies: ServiceDependencies) -> DatabasePool {
        guard let store = dependencies.store as? SQLiteStore else { fatalError("the tests run on SQLiteStore") }
        return store.database.pool
    }
}
