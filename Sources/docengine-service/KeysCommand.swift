import ArgumentParser
import DocStore
import Foundation

/// `docengine keys …`: manage the service's API keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manages API keys of the document service.",
        subcommands: [Create.self]
    )

    /// `docengine keys create`: prints a new bearer token, alone on stdout.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Creates an API key and prints it; only its SHA-256 is stored, so save it now.",
            discussion: """
                A reseller's client: --role client --tenant RESELLER --client CLIENT. With --database, the key \
                is stored in the cluster's PostgreSQL database and works on every node.
                """
        )

        @Option(help: "The tenant the key belongs to (created if new).")
        var tenant: String

        @Option(help: "What the key may do: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: Role

        @Option(help: "Limit a `client` key to one client of the tenant (a reseller's client).")
        var client: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if tenant.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--tenant must not be empty")
            }
            if client != nil && role != .client {
                throw ValidationError("--client is only for --role client (got --role \(role.rawValue))")
            }
            if let client, client.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--client must not be empty")
            }
        }

        func run() async throws {
            let principal = Principal(tenantID: tenant, role: role, clientID: client)
            let key = try await store.location().withStore(nodeID: "keys-create", logger: StoreOptions.quietLogger()) {
                try await $0.keys.create(for: principal)
            }
            print(key.token)
        }
    }
}

extension Role: ExpressibleByArgument {}
