import Foundation
import Logging
import PostgresNIO

/// The store's PostgreSQL database: postgres-nio's connection pool, with the queries and
/// transactions every `Postgres…Store` runs, and errors mapped to `StorageError`.
///
/// The pool (`PostgresClient`) only connects while its `run()` runs: `PostgresStore` is a
/// service-lifecycle `Service` that runs it, so open the store inside a service group (`serve`) or
/// around the work (`StoreLocation.withStore`).
final class PostgresDatabase: Sendable {
    /// The pool.
    let client: PostgresClient
    /// Where the database is (no password), for messages.
    let location: PostgresLocation
    /// The source of created/updated timestamps (tests pin it). Leases use the database's clock,
    /// which every node shares.
    let clock: @Sendable () -> Date
    /// This process, as lease holder of batch items.
    let nodeID: String
    let logger: Logger

    /// - Parameters:
    ///   - location: the database.
    ///   - maximumConnections: the pool's size: each render thread may hold one for the length of
    ///     a render (the document's transaction), and requests, the batch worker and the change
    ///     listener need a few more.
    init(
        location: PostgresLocation, maximumConnections: Int, nodeID: String, clock: @escaping @Sendable () -> Date,
        logger: Logger
    ) {
        self.location = location
        self.clock = clock
        self.nodeID = nodeID
        self.logger = logger
        client = PostgresClient(
            configuration: location.clientConfiguration(maximumConnections: maximumConnections), backgroundLogger: logger)
    }

    /// Runs `query` outside any transaction and returns every row.
    /// - Throws: `StorageError.database` with the server's message.
    func rows(_ query: PostgresQuery) async throws(StorageError) -> [PostgresRow] {
        do {
            return try await client.query(query, logger: logger).collect()
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Runs `query` outside any transaction, ignoring its rows.
    /// - Throws: `StorageError.database`.
    func execute(_ query: PostgresQuery) async throws(StorageError) {
        _ = try await rows(query)
    }

    /// Runs `body` in one transaction (`READ COMMITTED`): committed when it returns, rolled back
    /// when it throws.
    /// - Throws: the `StorageError` `body` throws, or `.database` for PostgreSQL failures.
    func transaction<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws(StorageError) -> T {
        do {
            return try await rawTransaction(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    /// `transaction`, its errors as postgres-nio threw them (a caller that tells constraint
    /// violations apart).
    func rawTransaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.withTransaction(logger: logger) { connection in
                UncheckedBox(try await body(connection))
            }
        }.value
    }

    /// Our own errors pass through (also from inside a transaction); anything else becomes
    /// `.database` with the server's message and SQLSTATE.
    static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError { return storageError(inner) }
            if let inner = error.beginError ?? error.commitError { return storageError(inner) }
            return .database("transaction failed: \(String(reflecting: error))")
        }
        if let error = error as? PSQLError {
            if let server = error.serverInfo {
                let state = server[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                let detail = server[.detail].map { ": \($0)" } ?? ""
                return .database("\(server[.message] ?? "PostgreSQL error")\(detail)\(state)")
            }
            return .database("PostgreSQL \(error.code): \(error.underlying.map { "\($0)" } ?? "no details")")
        }
        return .database(String(describing: error))
    }

    /// Whether `error` is a unique violation of `constraint` (any unique constraint when nil).
    static func isUniqueViolation(_ error: any Error, constraint: String? = nil) -> Bool {
        var error = error
        if let transaction = error as? PostgresTransactionError, let inner = transaction.closureError ?? transaction.commitError {
            error = inner
        }
        guard let psql = error as? PSQLError, let server = psql.serverInfo, server[.sqlState] == "23505" else {
            return false
        }
        return constraint == nil || server[.constraintName] == constraint
    }
}

extension PostgresRandomAccessRow {
    /// The value of the column `name`.
    /// - Throws: a decoding error naming the column when its value does not decode as `T`.
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name].decode(T.self)
    }
}
