import Foundation
import GRDB

/// The store's SQLite database, `DIR/docengine.sqlite`, in WAL mode and migrated on open.
///
/// The pool is `Sendable`: one instance is shared by every request of the process. Write
/// transactions are `BEGIN IMMEDIATE`, so they serialise with other processes on the same file too
/// (a CLI creating a key while the server runs), waiting up to `busyTimeout` for the lock.
final class SQLiteDatabase: Sendable {
    /// The file name inside the data folder.
    static let fileName = "docengine.sqlite"
    /// How long a writer waits for another process's lock before failing.
    static let busyTimeout: TimeInterval = 10

    /// The data folder that holds the database and the file store.
    let directory: URL
    /// The clock used for created/claimed timestamps (tests pin it).
    let clock: @Sendable () -> Date
    /// The underlying GRDB pool.
    let pool: DatabasePool

    /// Opens (creating if needed) the database in `directory` and applies pending migrations.
    /// - Parameters:
    ///   - directory: the data folder; created if missing.
    ///   - clock: the source of timestamps.
    /// - Throws: `StorageError.cannotOpen` when the folder or file cannot be used, or a migration fails.
    init(directory: URL, clock: @escaping @Sendable () -> Date) throws(StorageError) {
        self.directory = directory
        self.clock = clock
        let path = directory.appendingPathComponent(Self.fileName).path
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Self.restrictPermissions(databaseAt: path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(Self.busyTimeout)
            configuration.foreignKeysEnabled = true
            configuration.prepareDatabase { db in
                // Durable commits: a crash after a commit returns never loses it.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator(directory: directory).migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// The database holds key hashes and every tenant's records: readable by its owner only.
    /// Creates the file 0600 before SQLite opens it (SQLite gives its `-wal` and `-shm` files the
    /// database's permissions) and narrows files an older version created world-readable.
    static func restrictPermissions(databaseAt path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor < 0, errno != EEXIST {
                throw StorageError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            if descriptor >= 0 { close(descriptor) }
        }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            if chmod(file, 0o600) != 0 {
                throw StorageError.cannotOpen(path: file, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Runs `body` in one write transaction; a thrown error rolls it back.
    /// - Throws: the `StorageError` thrown by `body`, or `.database` for SQLite failures.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Runs `body` in one write transaction, blocking the calling thread (for the CLI).
    /// - Throws: the `StorageError` thrown by `body`, or `.database` for SQLite failures.
    func writeSynchronously<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Runs `body` on a read-only snapshot, blocking the calling thread.
    /// - Throws: the `StorageError` thrown by `body`, or `.database` for SQLite failures.
    func readSynchronously<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Runs `body` on a read-only snapshot.
    /// - Throws: the `StorageError` thrown by `body`, or `.database` for SQLite failures.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Our own errors pass through; anything else becomes `.database` with SQLite's message.
    private static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        if let error = error as? DatabaseError {
            return .database(error.message ?? error.description)
        }
        return .database(String(describing: error))
    }
}
