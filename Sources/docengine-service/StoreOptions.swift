import ArgumentParser
import DocStore
import Foundation
import Logging

/// Where the service's records are: every command that touches the store takes these.
struct StoreOptions: ParsableArguments {
    @Option(help: "The service's data folder (SQLite database and files; default ./var), when no --database is given.")
    var data: String?

    @Option(
        help: ArgumentHelp(
            "A PostgreSQL database shared by several nodes instead of the data folder.",
            discussion: "postgresql://USER@HOST:PORT/DB, or postgresql://USER@/DB?host=/socket/folder; PGPASSWORD is read.",
            valueName: "postgresql-url"))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "Keep blobs (PDFs, data, brand files) in an S3-compatible bucket instead of the database.",
            discussion: "s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION, with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set.",
            valueName: "s3-url"))
    var blobs: String?

    func validate() throws {
        do {
            _ = try location()
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The store these options name.
    /// - Throws: `StorageError.invalidArgument` for a malformed URL, or both a folder and a database.
    func location() throws(StorageError) -> StoreLocation {
        if data != nil && database != nil {
            throw .invalidArgument("--data and --database name two different stores; give one of them")
        }
        return try StoreLocation(data: data ?? "./var", database: database, blobs: blobs)
    }

    /// A logger for commands that open a store (warnings only: stdout is for their answer).
    static func quietLogger() -> Logger {
        var logger = Logger(label: "docengine.store")
        logger.logLevel = .warning
        return logger
    }

    /// This process's name among a cluster's nodes when none is given: the host and the process id.
    static func defaultNodeID() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
}
