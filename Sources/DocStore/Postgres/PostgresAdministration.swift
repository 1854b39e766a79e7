package import Logging
import PostgresNIO

/// Creating a database on a server: what the tests do for each test, and what a first deployment
/// could do with `createdb` instead.
package enum PostgresAdministration {
    /// Creates the database `name` on `server` (whose own database must exist, e.g. `postgres`).
    /// - Throws: `StorageError.invalidArgument` for a name that is not `[a-z0-9_]+`, `.database`.
    package static func createDatabase(_ name: String, on server: PostgresLocation, logger: Logger) async throws(StorageError) {
        guard !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else {
            throw .invalidArgument("database name `\(name)`: expected lower-case letters, digits and _")
        }
        let client = PostgresClient(configuration: server.clientConfiguration(maximumConnections: 1), backgroundLogger: logger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                // A name cannot be a bound parameter; it was checked above.
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
            }
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }
}
