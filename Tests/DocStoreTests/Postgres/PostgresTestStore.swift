import DocStore
import DocTestSupport
import Foundation
import Logging

/// Stores on a fresh database of the test PostgreSQL server (see `TestServices`), running while a
/// test uses them: several stores on one database stand for several nodes of a cluster.
enum PostgresTestStore {
    static let logger: Logger = {
        var logger = Logger(label: "docengine.tests.postgres")
        logger.logLevel = .warning
        return logger
    }()

    /// The test server.
    static func server() throws -> PostgresLocation {
        try PostgresLocation(url: TestServices.postgres ?? "")
    }

    /// A new, empty database on the test server.
    static func makeDatabase(_ purpose: String) async throws -> PostgresLocation {
        let server = try server()
        let name = TestServices.databaseName(purpose)
        try await PostgresAdministration.createDatabase(name, on: server, logger: logger)
        return server.database(name)
    }

    /// The test bucket under a prefix of its own.
    static func bucket(_ purpose: String) throws -> S3Location {
        try S3Location(url: TestServices.bucketURL(prefix: TestServices.databaseName(purpose)) ?? "")
    }

    /// Runs `body` with `nodes` stores (node ids `node0`, `node1`, …) on one new database, migrated.
    static func with<T: Sendable>(
        _ purpose: String, nodes: Int = 1, blobs: PostgresStore.BlobPlacement = .database,
        lease: Duration = PostgresStore.defaultLease, clock: @escaping @Sendable () -> Date = { Date() },
        _ body: @Sendable ([PostgresStore]) async throws -> T
    ) async throws -> T {
        let database = try await makeDatabase(purpose)
        let stores = (0..<nodes).map { index in
            PostgresStore(
                location: database, blobs: blobs, nodeID: "node\(index)", maximumConnections: 24, lease: lease,
                sweepInterval: nil, clock: clock, logger: logger)
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores { group.addTask { await store.run() } }
            do {
                for store in stores { try await store.prepare() }
                let result = try await body(stores)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}

/// A document of order-1 rendered from fixed inputs.
func testDraft(tenant: String, client: String? = nil, order: String? = "order-1", number: String?, supersedes: String? = nil)
    -> DocumentDraft
{
    DocumentDraft(
        tenantID: tenant, clientID: client, orderID: order, docType: "invoice", templateName: "invoice",
        templateVersion: "3", brandID: "brand-\(tenant)", brandVersion: 2, dataSHA256: String(repeating: "d", count: 64),
        fontsFingerprint: String(repeating: "f", count: 64), engineVersion: "1.4.0", number: number,
        supersedes: supersedes, issuedOn: "2026-11-22")
}

/// Stands in for the pipeline: a one-page PDF named after the number.
@Sendable func testRender(_ number: String) throws -> RenderedDocument {
    RenderedDocument(pdfSHA256: String(repeating: "a", count: 64), pages: 1, fileName: "\(number).pdf")
}
