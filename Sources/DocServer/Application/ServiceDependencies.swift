package import DocPipeline
package import DocStore
package import Foundation
package import Logging
package import Templates

/// What the HTTP service works with, opened once at startup and shared by every request.
package struct ServiceDependencies: Sendable {
    /// Recorded with each document as the version of the engine that rendered it.
    package static let engineVersion = "0.7.0"

    /// Render pipelines, one per core, with a bounded queue (503 past it).
    package var pool: RenderPool
    /// Everything kept: keys, documents, templates, brands, batches, blobs.
    package var store: any Store
    /// Every version of every template, compiled on first use; the latest is current.
    package var templates: TemplateCatalog
    /// Every version of every brand, loaded; the latest is current.
    package var brands: BrandRegistry
    /// Wakes the batch worker when a job is created.
    package var batchSignal = BatchSignal()
    /// The service's own metrics (`/metrics` shows them with Hummingbird's).
    package var metrics: ServiceMetrics
    /// The source of "now" (the year of a number when the data has no date).
    package var clock: @Sendable () -> Date
    /// The service's logger; requests add their own metadata.
    package var logger: Logger
    /// This process among the nodes sharing the store (`--node-id`), in logs, metrics and answers.
    package var nodeID = "local"
    /// Whether this node takes new work: false while it drains before stopping (`/readyz`).
    package var readiness = Readiness()
    /// How long the store may take to answer `/healthz` and `/readyz` before it counts as unreachable.
    package var storeCheckTimeout: Duration = HealthRoutes.storeTimeout
    /// The data contract of the templates' library, checked before a request waits for a renderer
    /// (every render checks it again).
    package var contract: DataContract
    /// The studio's brand drafts (in the store), loaded for previews.
    package var drafts: BrandDrafts
    /// The sample data of the studio's gallery.
    package var samples: StudioSamples
    /// Rendered previews, by everything that decides their bytes.
    package var previews = PreviewCache()

    /// API keys, for the bearer middleware.
    package var keys: any KeyStore { store.keys }
    /// Document records, numbering and idempotency.
    package var documents: any DocumentStore { store.documents }
    /// Studio sessions.
    package var sessions: any SessionStore { store.sessions }
    /// Batch jobs and their items.
    package var batches: any BatchStore { store.batches }
    /// PDFs, data and brand files.
    package var blobs: any BlobStore { store.blobs }

    /// Opens the registries on `store`: templates recorded from `library`, brands seeded from `brandSeeds`.
    /// - Parameters:
    ///   - pool: the render pipelines.
    ///   - store: the opened store.
    ///   - library: the templates recorded as version 1, and the partials every version uses.
    ///   - brandSeeds: a folder of brand folders recorded as version 1 of brands not stored yet.
    ///   - metrics: where the service's metrics go.
    ///   - logger: the service's logger.
    ///   - samples: the studio gallery's sample data (none by default).
    /// - Throws: `StorageError`, `TemplateError` or `BrandError` naming what did not load.
    package init(
        pool: RenderPool, store: any Store, library: TemplateLibrary, brandSeeds: URL?, metrics: ServiceMetrics,
        logger: Logger, samples: StudioSamples = StudioSamples()
    ) async throws {
        self.pool = pool
        self.store = store
        self.contract = try DataContract(library: library)
        self.templates = try await TemplateCatalog(store: store.templates, library: library)
        for change in templates.builtInChanges {
            switch change {
            case .adopted(let name, let version):
                logger.notice(
                    "built-in template changed: recorded as the current version",
                    metadata: ["template.name": .string(name), "template.version": .stringConvertible(version)])
            case .keptPublished(let name, let current):
                logger.warning(
                    "built-in template changed, but a published version stays current; PUT the new source to adopt it",
                    metadata: ["template.name": .string(name), "template.version": .stringConvertible(current)])
            }
        }
        self.brands = try await BrandRegistry(store: store.brands, blobs: store.blobs, seedFolder: brandSeeds)
        self.drafts = BrandDrafts(registry: brands, store: store.drafts, blobs: store.blobs, clock: store.clock)
        self.samples = samples
        self.metrics = metrics
        self.clock = store.clock
        self.logger = logger
    }

    /// Issues documents through the pool with their render records.
    package var issuer: DocumentIssuer {
        DocumentIssuer(
            pool: pool, templates: templates, documents: store.documents, blobs: store.blobs,
            engineVersion: Self.engineVersion, metrics: metrics)
    }

    /// Knows the platform's marks (the platform brand's names included), for reseller renders.
    package var whiteLabelGuard: WhiteLabelGuard { WhiteLabelGuard(platformBrand: brands.platformBrand) }
}
