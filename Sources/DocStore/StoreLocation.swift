package import Foundation
package import Logging

/// Which store a command opens: a data folder (SQLite and files, the default), or a PostgreSQL
/// database shared by a cluster, with blobs in it or in an S3-compatible bucket.
package enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case folder(URL)
    case postgres(PostgresLocation, blobs: PostgresStore.BlobPlacement)

    /// From the command line's `--data DIR`, `--database postgresql://…` and `--blobs s3://…`.
    /// - Throws: `StorageError.invalidArgument` for a malformed URL, or `--blobs` without `--database`.
    package init(data: String, database: String?, blobs: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StorageError)
    {
        guard let database else {
            guard blobs == nil else {
                throw .invalidArgument("--blobs needs --database: a data folder keeps its blobs beside its database")
            }
            self = .folder(URL(fileURLWithPath: data))
            return
        }
        let location = try PostgresLocation(url: database, environment: environment)
        guard let blobs else {
            self = .postgres(location, blobs: .database)
            return
        }
        guard S3Location.isS3URL(blobs) else {
            throw .invalidArgument("--blobs: expected s3://BUCKET?endpoint=URL&region=REGION, found `\(blobs)`")
        }
        self = .postgres(location, blobs: .objectStore(try S3Location(url: blobs, environment: environment)))
    }

    package var description: String {
        switch self {
        case .folder(let url): "data folder \(url.path)"
        case .postgres(let location, .database): "\(location), blobs in the database"
        case .postgres(let location, .objectStore(let bucket)): "\(location), blobs in \(bucket)"
        }
    }

    /// The opened store; a PostgreSQL store must also run (see `PostgresStore`).
    package struct Opened: Sendable {
        package var store: any Store
        /// The cluster store, whose `run()` and `prepare()` are the caller's to call.
        package var postgres: PostgresStore?
    }

    /// Opens the store (for PostgreSQL, without connecting yet).
    /// - Parameters:
    ///   - nodeID: this process among a cluster's nodes.
    ///   - maximumConnections: the PostgreSQL pool's size.
    ///   - lease: how long a batch claim holds without renewal (PostgreSQL).
    ///   - clock: the source of timestamps written.
    ///   - logger: where the store logs.
    /// - Throws: `StorageError.cannotOpen` for a data folder that cannot be used.
    package func open(
        nodeID: String, maximumConnections: Int = 16, lease: Duration = PostgresStore.defaultLease,
        clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) throws(StorageError) -> Opened {
        switch self {
        case .folder(let url):
            return Opened(store: try SQLiteStore(directory: url, clock: clock), postgres: nil)
        case .postgres(let location, let blobs):
            let store = PostgresStore(
                location: location, blobs: blobs, nodeID: nodeID, maximumConnections: maximumConnections, lease: lease,
                clock: clock, logger: logger)
            return Opened(store: store, postgres: store)
        }
    }

    /// Runs `body` with the store open: for PostgreSQL, its pool runs around `body` and the schema is
    /// migrated first; it stops when `body` returns. For short commands (`keys create`, `store copy`).
    /// - Throws: what opening, migrating or `body` throws.
    package func withStore<T: Sendable>(
        nodeID: String, logger: Logger, _ body: @Sendable (any Store) async throws -> T
    ) async throws -> T {
        let opened = try open(nodeID: nodeID, logger: logger)
        guard let postgres = opened.postgres else { return try await body(opened.store) }
        return try await Self.running(postgres) { store in
            try await store.prepare()
            return try await body(store)
        }
    }

    /// Runs `body` while `store` runs, then stops it.
    package static func running<T: Sendable>(
        _ store: PostgresStore, _ body: @Sendable (PostgresStore) async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await store.run() }
            do {
                let result = try await body(store)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}
