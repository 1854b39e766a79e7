import Logging
import PostgresNIO

extension PostgresDatabase {
    /// One step of the schema's history: a name and its statements, applied in one transaction.
    struct Migration: Sendable {
        let name: String
        let statements: [String]
    }

    /// The key of the advisory lock that serialises migrations: when several nodes start at once,
    /// one migrates and the others wait, then find nothing left to do.
    static let migrationLockKey: Int64 = 0x646f_6365_6e67_0001  // "doceng" + 1

    /// The schema's history. Never edit a shipped migration: add a new one. Names start with `p`
    /// (PostgreSQL) and a number of their own; each says which SQLite migration it follows, so the
    /// two backends keep the same records (SQLite v1–v6 became p1 at once, since PostgreSQL starts
    /// from the current shape).
    ///
    /// Migrations must keep working for the previous release's nodes (add columns and tables;
    /// drop nothing they read): a rolling upgrade runs old and new nodes on one schema for a while.
    static let migrations: [Migration] = [
        Migration(name: "p1-schema-as-sqlite-v6", statements: PostgresSchema.version1),
        Migration(name: "p2-trust-as-sqlite-v7", statements: PostgresSchema.version2Trust),
        Migration(name: "p3-studio-as-sqlite-v8", statements: PostgresSchema.version3Studio),
        Migration(name: "p4-statements-as-sqlite-v9", statements: PostgresSchema.version4Statements),
    ]

    /// Applies the migrations this database lacks, under the migration lock, in one transaction.
    /// - Returns: the names of the migrations applied now, and of those in the database that this
    ///   build does not know (a newer node migrated it: fine during a rolling upgrade).
    /// - Throws: `StorageError.database` when a migration fails (nothing of it is kept).
    func migrate() async throws(StorageError) -> (applied: [String], unknown: [String]) {
        try await transaction { (connection: PostgresConnection) async throws -> (applied: [String], unknown: [String]) in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name TEXT PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var done: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: logger)
                .decode(String.self)
            {
                done.insert(name)
            }
            var applied: [String] = []
            for migration in Self.migrations where !done.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO schema_migrations (name) VALUES (\(migration.name))", logger: logger)
                applied.append(migration.name)
            }
            let known = Set(Self.migrations.map(\.name))
            return (applied, done.subtracting(known).sorted())
        }
    }
}
