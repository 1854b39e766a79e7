import DocEngine
import DocPipeline
import DocServer
import DocStore
import DocTestSupport
import Foundation
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

    /// The studio gallery's samples, read once.
    static let samples: StudioSamples = {
        do {
            return try StudioSamples(folder: repositoryFile("SampleData"))
        } catch {
            fatalError("cannot read the studio's samples: \(error)")
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
        return try await makeDependencies(store: store, pool: pool, metrics: metrics)
    }

    /// Dependencies on `store` (a cluster's, say), brands seeded from SampleData/brands.
    static func makeDependencies(
        store: any Store, pool: RenderPool? = nil, metrics: ServiceMetrics? = nil
    ) async throws -> ServiceDependencies {
        var logger = Logger(label: "docengine.tests")
        logger.logLevel = .warning
        return try await ServiceDependencies(
            pool: pool ?? Self.pool, store: store, library: library, brandSeeds: repositoryFile("SampleData/brands"),
            metrics: metrics ?? Self.metrics, logger: logger, samples: samples)
    }

    /// Every stored document, oldest first, as the platform sees them (through the store's protocol).
    static func allDocuments(in dependencies: ServiceDependencies) async throws -> [DocumentRecord] {
        let platform = Principal(tenantID: "platform", role: .platform)
        var query = DocumentQuery(limit: DocumentQuery.maximumLimit)
        var documents: [DocumentRecord] = []
        while true {
            let page = try await dependencies.documents.documents(matching: query, visibleTo: platform)
            documents += page.documents
            guard let next = page.nextCursor else { return documents }
            query.after = next
        }
    }
}
