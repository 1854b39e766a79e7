import Foundation
import Logging

/// What the HTTP service works with, opened once at startup and shared by every request.
struct ServiceDependencies: Sendable {
    /// Recorded with each document as the version of the engine that rendered it.
    static let engineVersion = "0.5.0"

    /// Fonts, layout and templates, one render at a time.
    var pipeline: SharedPipeline
    /// The metadata database.
    var database: ServiceDatabase
    /// API keys, for the bearer middleware.
    var keys: APIKeyStore
    /// Document records, numbering and idempotency.
    var documents: DocumentStore
    /// The content-addressed PDF files.
    var files: FileStore
    /// The loaded brand folders, by brand id.
    var brands: [String: Brand]
    /// Knows the platform's marks (the platform brand's names included), for reseller renders.
    var whiteLabelGuard: WhiteLabelGuard
    /// The source of "now" (the year of a number when the data has no date).
    var clock: @Sendable () -> Date
    /// The service's logger; requests add their own metadata.
    var logger: Logger

    /// Builds the stores on `database`; PDFs go to `database.directory/files`.
    /// - Parameters:
    ///   - pipeline: the shared render pipeline.
    ///   - database: the opened service database.
    ///   - brands: brands by id (see `loadBrands(from:)`).
    ///   - clock: the source of timestamps and years.
    ///   - logger: the service's logger.
    init(
        pipeline: SharedPipeline, database: ServiceDatabase, brands: [String: Brand],
        clock: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.pipeline = pipeline
        self.database = database
        self.keys = APIKeyStore(database: database)
        self.documents = DocumentStore(database: database)
        self.files = FileStore(directory: database.directory)
        self.brands = brands
        self.whiteLabelGuard = WhiteLabelGuard(platformBrand: brands.values.sorted { $0.id < $1.id }.first(where: \.isPlatform))
        self.clock = clock
        self.logger = logger
    }

    /// Loads every brand folder inside `folder`.
    /// - Returns: the brands by id.
    /// - Throws: `BrandError` for the first folder that does not load, its message prefixed by the folder.
    static func loadBrands(from folder: URL) throws -> [String: Brand] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var brands: [String: Brand] = [:]
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            do {
                let brand = try BrandLoader.load(from: url)
                brands[brand.id] = brand
            } catch {
                throw BrandError.invalid(error.problems.map { "\(name)/\($0)" })
            }
        }
        return brands
    }
}
