import ArgumentParser
import DocCommandLine
import DocStore
import Foundation

/// `docengine store …`: moving an installation into a cluster's store, and keeping that store.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Copies a data folder into a shared store, migrates and sweeps a shared store.",
        subcommands: [Copy.self, Migrate.self, Sweep.self])

    /// `docengine store copy --from DIR --to postgresql://… [--blobs s3://…]`.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copies a data folder (SQLite and files) into a PostgreSQL store, keeping every id, number and version.",
            discussion: """
                Idempotent: run it again to copy what is missing. Every blob's SHA-256 is checked. A row that \
                is already in the target with other contents stops the copy: copy into an empty database.
                """)

        @Option(help: "The data folder to copy.")
        var from: String

        @Option(help: ArgumentHelp("The PostgreSQL database to copy into.", valueName: "postgresql-url"))
        var to: String

        @Option(help: ArgumentHelp("The bucket the cluster keeps its blobs in, if not the database.", valueName: "s3-url"))
        var blobs: String?

        func run() async throws {
            let location = try StoreLocation(data: from, database: to, blobs: blobs)
            guard FileManager.default.fileExists(atPath: URL(fileURLWithPath: from).appendingPathComponent("docengine.sqlite").path)
            else { throw ValidationError("--from \(from): no docengine.sqlite in that folder") }
            let source = try SQLiteStore(directory: URL(fileURLWithPath: from))
            let report = try await location.withStore(nodeID: "store-copy", logger: StoreOptions.quietLogger()) { store in
                guard let target = store as? PostgresStore else { throw CLIError("--to must name a PostgreSQL database") }
                return try await StoreCopy(from: source, to: target).run { step in
                    FileHandle.standardError.write(Data("copied \(step)\n".utf8))
                }
            }
            print(report)
        }
    }

    /// `docengine store migrate --database …`: applies the schema's migrations and exits.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Applies pending schema migrations to a PostgreSQL store (nodes also do it at start).")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard case .postgres = try store.location() else { throw ValidationError("store migrate needs --database") }
            let opened = try store.location().open(nodeID: "store-migrate", logger: StoreOptions.quietLogger())
            guard let postgres = opened.postgres else { return }
            let (applied, unknown) = try await StoreLocation.running(postgres) { try await $0.prepare() }
            print(applied.isEmpty ? "schema up to date" : "applied: \(applied.joined(separator: ", "))")
            if !unknown.isEmpty { print("newer than this build: \(unknown.joined(separator: ", "))") }
        }
    }

    /// `docengine store sweep --database … --blobs …`: removes objects no record names.
    struct Sweep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Removes blobs no record names from a cluster's bucket (nodes also sweep every 6 hours).")

        @OptionGroup var store: StoreOptions

        @Option(help: "Only objects older than this many seconds (an object a transaction is about to name is younger).")
        var minimumAge: Int = 3600

        func run() async throws {
            guard minimumAge >= 0 else { throw ValidationError("--minimum-age must be 0 or more") }
            let opened = try store.location().open(nodeID: "store-sweep", logger: StoreOptions.quietLogger())
            guard let postgres = opened.postgres else { throw ValidationError("store sweep needs --database") }
            let removed = try await StoreLocation.running(postgres) { store in
                try await store.prepare()
                return try await store.sweepBlobs(minimumAge: .seconds(minimumAge))
            }
            print(removed.map { "removed \($0) unreferenced blobs" } ?? "another node is sweeping; nothing done")
        }
    }
}
