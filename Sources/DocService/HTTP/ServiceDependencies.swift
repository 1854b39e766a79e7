import Foundation
import Logging
import Templates

/// What the HTTP service works with, opened once at startup and shared by every request.
struct ServiceDependencies: Sendable {
    /// Recorded with each document as the version of the engine that rendered it.
    static let engineVersion = "0.7.0"

    /// Render pipelines, one per core, with a bounded queue (503 past it).
    var pool: RenderPool
    /// The metadata database.
    var database: ServiceDatabase
    /// API keys, for the bearer middleware.
    var keys: APIKeyStore
    /// Document records, numbering and idempotency.
    var documents: DocumentStore
    /// The content-addressed PDF files.
    var files: FileStore
    /// The data every document was rendered from.
    var dataFiles: FileStore
    /// Every version of every template; the latest is current.
    var templates: TemplateCatalog
    /// Every version of every brand; the latest is current.
    var brands: BrandRegistry
    /// Batch jobs and their items.
    var batches: BatchStore
    /// Wakes the batch worker when a job is created.
    var batchSignal = BatchSignal()
    /// The source of "now" (the year of a number when the data has no date).
    var clock: @Sendable () -> Date
    /// The service's logger; requests add their own metadata.
    var logger: Logger

    /// Opens the stores on `database`: PDFs in `database.directory/files`, data in `…/data`,
    /// templates recorded from `library`, brands seeded from `brandSeeds`.
    /// - Parameters:
    ///   - pool: the render pipelines.
    ///   - database: the opened service database.
    ///   - library: the templates recorded as version 1, and the partials every version uses.
    ///   - brandSeeds: a folder of brand folders recorded as version 1 of brands not stored yet.
    ///   - clock: the source of timestamps and years.
    ///   - logger: the service's logger.
    /// - Throws: `StorageError`, `TemplateError` or `BrandError` naming what did not load.
    init(
        pool: RenderPool, database: ServiceDatabase, library: TemplateLibrary, brandSeeds: URL?,
        clock: @escaping @Sendable () -> Date, logger: Logger
    ) throws {
        self.pool = pool
        self.database = database
        self.keys = APIKeyStore(database: database)
        self.documents = DocumentStore(database: database)
        self.files = FileStore(directory: database.directory)
        self.dataFiles = FileStore.data(in: database.directory)
        self.templates = try TemplateCatalog(database: database, library: library)
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
        self.brands = try BrandRegistry(database: database, seedFolder: brandSeeds)
        self.batches = BatchStore(database: database)
        self.clock = clock
        self.logger = logger
    }

    /// Issues documents through the pool with their render records.
    var issuer: DocumentIssuer {
        DocumentIssuer(
            pool: pool, templates: templates, documents: documents, files: files, dataFiles: dataFiles,
            engineVersion: Self.engineVersion)
    }

    /// Knows the platform's marks (the platform brand's names included), for reseller renders.
    var whiteLabelGuard: WhiteLabelGuard { WhiteLabelGuard(platformBrand: brands.platformBrand) }
}
