import Foundation
package import PostgresNIO
import NIOSSL

/// Where a PostgreSQL database is, from a libpq-style URL:
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?sslmode=disable|prefer|require]`, or over a
/// Unix socket `postgresql://USER@/DBNAME?host=/run/postgresql` (the socket folder, as libpq takes it).
///
/// The password may also come from `PGPASSWORD`, which keeps it out of process listings.
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// TLS as libpq's `sslmode` names it.
    package enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    package var host: String?
    /// The folder holding the server's socket (`.s.PGSQL.PORT`), when connecting over a Unix socket.
    package var socketFolder: String?
    package var port: Int
    package var user: String
    package var password: String?
    package var database: String
    package var tls: TLSMode
    package var connectTimeout: Duration

    /// The URL's parameters this parser understands; any other is an error, not silently ignored.
    static let knownParameters: Set<String> = ["host", "port", "sslmode", "connect_timeout", "user", "password", "dbname"]

    /// Parses `url`.
    /// - Parameter environment: where `PGPASSWORD` and the default user come from.
    /// - Throws: `StorageError.invalidArgument` naming what is wrong with the URL.
    package init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StorageError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            ["postgresql", "postgres"].contains(scheme)
        else {
            throw .invalidArgument("--database: expected postgresql://USER@HOST:PORT/DBNAME, found `\(Self.redacted(url))`")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.knownParameters.contains(item.name) else {
                throw .invalidArgument(
                    "--database: unknown parameter `\(item.name)` (known: \(Self.knownParameters.sorted().joined(separator: ", ")))")
            }
            parameters[item.name] = item.value ?? ""
        }
        let hostPart = parameters["host"] ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        if hostPart.hasPrefix("/") {
            socketFolder = hostPart
            host = nil
        } else {
            host = hostPart.isEmpty ? nil : hostPart
            socketFolder = host == nil ? "/var/run/postgresql" : nil
        }
        if let text = parameters["port"] {
            guard let value = Int(text), (1...65535).contains(value) else { throw .invalidArgument("--database: bad port `\(text)`") }
            port = value
        } else {
            port = components.port ?? 5432
        }
        user = parameters["user"] ?? components.user.flatMap { $0.removingPercentEncoding }
            ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = parameters["password"] ?? components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = parameters["dbname"] ?? (path.isEmpty ? user : (path.removingPercentEncoding ?? path))
        guard let mode = TLSMode(rawValue: parameters["sslmode"] ?? "prefer") else {
            throw .invalidArgument("--database: sslmode must be disable, prefer or require")
        }
        tls = socketFolder != nil ? .disable : mode
        if let text = parameters["connect_timeout"] {
            guard let seconds = Int(text), seconds > 0 else { throw .invalidArgument("--database: bad connect_timeout `\(text)`") }
            connectTimeout = .seconds(seconds)
        } else {
            connectTimeout = .seconds(10)
        }
    }

    /// Whether `text` names a PostgreSQL database rather than a folder.
    package static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The same server, another database (tests make one database per test).
    package func database(_ name: String) -> PostgresLocation {
        var copy = self
        copy.database = name
        return copy
    }

    /// The location without its password, for logs and errors.
    package var description: String {
        let server = socketFolder.map { "socket \($0)/.s.PGSQL.\(port)" } ?? "\(host ?? "localhost"):\(port)"
        return "postgresql \(user)@\(server)/\(database)"
    }

    /// The client configuration for postgres-nio.
    /// - Parameter maximumConnections: the pool's size.
    package func clientConfiguration(maximumConnections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketFolder {
            configuration = PostgresClient.Configuration(
                unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS =
                switch self.tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = PostgresClient.Configuration(
                host: host ?? "localhost", port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = connectTimeout
        configuration.options.additionalStartupParameters = [("application_name", "docengine")]
        return configuration
    }

    /// `url` with any password replaced by `***`.
    static func redacted(_ url: String) -> String {
        url.replacing(/:\/\/([^:@\/]*):[^@\/]*@/, with: { "://\($0.1):***@" })
    }
}
