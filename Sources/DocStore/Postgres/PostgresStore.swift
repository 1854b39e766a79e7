package import Foundation
package import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The cluster's `Store`: every node of a cluster opens one on the same PostgreSQL database, with
/// blobs in its `blobs` table or in an S3-compatible bucket.
///
/// A service-lifecycle `Service`: `run()` runs postgres-nio's connection pool, listens for other
/// nodes' changes (`LISTEN`), renews this node's batch leases and sweeps the bucket now and then.
/// Nothing works until it runs: put it in a service group before the services that use it (`serve`),
/// or use `StoreLocation.withStore` around a short command. `prepare()` (migrations) comes first.
package final class PostgresStore: Store, Service {
    package let keys: any KeyStore
    package let documents: any DocumentStore
    package let templates: any TemplateVersionStore
    package let brands: any BrandStore
    package let batches: any BatchStore
    package let blobs: any BlobStore
    package let sessions: any SessionStore
    package let drafts: any BrandDraftStore
    package let changes: any ChangeFeed
    package let clock: @Sendable () -> Date
    /// This process, as the holder of batch leases (`--node-id`).
    package let nodeID: String

    let database: PostgresDatabase
    private let batchStore: PostgresBatchStore
    let blobStore: any TransactionalBlobStore
    private let changeFeed: PostgresChangeFeed
    private let sweepInterval: Duration?
    /// Set by `prepare()`: until the schema is there, there are no leases to renew.
    private let isPrepared = Atomic<Bool>(false)

    /// How long a batch claim holds without renewal, by default.
    package static let defaultLease: Duration = .seconds(30)
    /// How old an unreferenced object must be before a sweep removes it: older than any
    /// transaction could be, so a row about to name it has long committed or failed.
    package static let sweepMinimumAge: Duration = .seconds(3600)

    /// Where blobs go.
    package enum BlobPlacement: Sendable, Equatable {
        /// In the database's `blobs` table, written in the transaction of the document that names them.
        case database
        /// In an S3-compatible bucket, each object before the row that names it.
        case objectStore(S3Location)
    }

    /// Opens (does not connect: see `run()` and `prepare()`) the store.
    /// - Parameters:
    ///   - location: the database.
    ///   - blobs: where blobs go.
    ///   - nodeID: this process among the cluster's nodes; stable across restarts if possible.
    ///   - maximumConnections: the pool's size (renderers × 2 + a few is plenty).
    ///   - lease: how long a batch claim holds without renewal.
    ///   - sweepInterval: how often to sweep the bucket for unreferenced objects; nil never.
    ///   - clock: the source of timestamps written.
    ///   - logger: where the pool and the listener log.
    package init(
        location: PostgresLocation, blobs placement: BlobPlacement = .database, nodeID: String,
        maximumConnections: Int = 16, lease: Duration = PostgresStore.defaultLease,
        sweepInterval: Duration? = .seconds(6 * 3600), clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        let database = PostgresDatabase(
            location: location, maximumConnections: maximumConnections, nodeID: nodeID, clock: clock, logger: logger)
        self.database = database
        self.nodeID = nodeID
        self.clock = clock
        self.sweepInterval = sweepInterval
        switch placement {
        case .database: blobStore = PostgresBlobStore(database: database)
        case .objectStore(let bucket): blobStore = S3BlobStore(location: bucket)
        }
        blobs = blobStore
        batchStore = PostgresBatchStore(database: database, lease: lease)
        batches = batchStore
        changeFeed = PostgresChangeFeed(database: database)
        changes = changeFeed
        keys = PostgresKeyStore(database: database)
        documents = PostgresDocumentStore(database: database, blobs: blobStore)
        templates = PostgresTemplateVersionStore(database: database)
        brands = PostgresBrandStore(database: database)
        sessions = PostgresSessionStore(database: database)
        drafts = PostgresBrandDraftStore(database: database)
    }

    /// Runs the pool and the store's background work until cancelled or a graceful shutdown.
    package func run() async {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.database.client.run() }
                group.addTask { await self.changeFeed.listen() }
                group.addTask { await self.renewLeases() }
                if let interval = self.sweepInterval { group.addTask { await self.sweepPeriodically(every: interval) } }
            }
        }
    }

    /// Applies pending schema migrations (under an advisory lock: safe when nodes start at once).
    /// - Returns: the migrations applied now, and those in the database this build does not know.
    /// - Throws: `StorageError.cannotOpen` when the database cannot be reached or migrated.
    @discardableResult
    package func prepare() async throws(StorageError) -> (applied: [String], unknown: [String]) {
        do {
            let outcome = try await database.migrate()
            isPrepared.store(true, ordering: .relaxed)
            return outcome
        } catch {
            throw .cannotOpen(path: database.location.description, reason: error.description)
        }
    }

    package func ping() async throws(StorageError) {
        try await database.execute("SELECT 1")
    }

    package func recover() async throws(StorageError) -> StoreRecovery {
        StoreRecovery(sweptBlobs: 0, requeuedItems: try await batches.requeueInterrupted())
    }

    /// Removes unreferenced objects older than `minimumAge` from the bucket (nothing for blobs in
    /// the database), unless another node is sweeping now.
    /// - Returns: how many were removed, or nil when another node holds the sweep.
    package func sweepBlobs(minimumAge: Duration = PostgresStore.sweepMinimumAge) async throws(StorageError) -> Int? {
        let blobStore = self.blobStore
        let references = PostgresBlobReferences(database: database)
        return try await database.transaction { (connection: PostgresConnection) async throws -> UncheckedBox<Int?> in
            let querier = PostgresQuerier(database, connection)
            let rows = try await querier.rows("SELECT pg_try_advisory_xact_lock(\(Self.sweepLockKey.0), \(Self.sweepLockKey.1))")
            guard let row = rows.first, try row.decode(Bool.self) else { return UncheckedBox<Int?>(nil) }
            return UncheckedBox<Int?>(try await blobStore.sweep(minimumAge: minimumAge, references: references))
        }.value
    }

    /// The advisory lock (two-key form, class `doce`) one sweeping node holds.
    static let sweepLockKey: (Int32, Int32) = (0x646f_6365, 3)

    /// Renews this node's leases every third of a lease, until cancelled.
    private func renewLeases() async {
        let interval = batchStore.lease / 3
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard !Task.isCancelled else { return }
            guard isPrepared.load(ordering: .relaxed) else { continue }
            do {
                _ = try await batchStore.renewLeases()
            } catch {
                database.logger.warning("store: cannot renew batch leases", metadata: ["error": "\(error)"])
            }
        }
    }

    private func sweepPeriodically(every interval: Duration) async {
        // Not at once: a fleet restarting together would all list the bucket in the same minute.
        try? await Task.sleep(for: .seconds(Int.random(in: 60...600)))
        while !Task.isCancelled {
            do {
                if let removed = try await sweepBlobs(), removed > 0 {
                    database.logger.notice("store: removed unreferenced blobs", metadata: ["blobs.swept": "\(removed)"])
                }
            } catch {
                database.logger.warning("store: blob sweep failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
