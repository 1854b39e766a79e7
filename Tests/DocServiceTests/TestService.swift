import DocEngine
import Foundation
import Logging
import Templates

@testable import DocService

/// What the service tests share: one render pool (fonts load once), a fresh database per test.
enum TestService {
    /// Two pipelines, as on the 2-core machines CI runs on; a long queue, since tests wait rather than shed load.
    static let pool: RenderPool = {
        do {
            return try RenderPool(size: 2, queueLimit: 10_000) { try makePipeline() }
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
            fonts: try FontBook(directory: repositoryRoot.appendingPathComponent("Fonts")),
            templates: try TemplateStore(directory: nil))
    }

    /// Dependencies on a new database in a temporary folder, brands seeded from SampleData/brands.
    /// - Parameters:
    ///   - directory: the data folder (a new temporary one when nil).
    ///   - pool: the render pool (the shared one when nil).
    static func makeDependencies(directory: URL? = nil, pool: RenderPool? = nil) throws -> ServiceDependencies {
        let database = try ServiceDatabase(directory: try directory ?? makeTemporaryDirectory(), clock: { now })
        var logger = Logger(label: "docengine.tests")
        logger.logLevel = .warning
        return try ServiceDependencies(
            pool: pool ?? Self.pool, database: database, library: library,
            brandSeeds: repositoryRoot.appendingPathComponent("SampleData/brands"), clock: { now }, logger: logger)
    }
}
