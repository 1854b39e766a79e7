import DocStore
import DocTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Testing

@testable import DocServer

/// `/healthz` and `/readyz` when the store does not answer: the node stays alive (restarting every
/// node during a database outage helps nobody) but tells the balancer it is not ready.
@Suite struct HealthTests {
    @Test(arguments: [StoreOutage.failing, .hanging])
    func aNodeWhoseStoreDoesNotAnswerIsAliveButNotReady(_ outage: StoreOutage) async throws {
        var dependencies = try await TestService.makeDependencies()
        dependencies.store = OutOfReachStore(base: dependencies.store, outage: outage)
        dependencies.nodeID = "node7"
        // A failing store answers at once, whatever the limit; a hanging one waits out a short one.
        dependencies.storeCheckTimeout = outage == .hanging ? .milliseconds(500) : .seconds(60)
        try await buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let health = try JSONDecoder().decode(HealthRoutes.HealthJSON.self, from: Data(buffer: response.body))
                #expect(health.status == "degraded" && health.store == "unreachable" && health.node == "node7")
                // A hanging store is given up on after storeCheckTimeout; a failing one says why.
                let reason = outage == .hanging ? "no answer within" : "connection refused"
                #expect(health.storeError?.contains(reason) == true, "\(health.storeError ?? "")")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains(#""store":"unreachable""#))
            }
        }
    }

    enum StoreOutage: Sendable, CustomStringConvertible {
        case failing, hanging
        var description: String { self == .failing ? "failing" : "hanging" }
    }

    /// The real store, but for `ping`, which fails at once or never answers.
    private struct OutOfReachStore: Store {
        let base: any Store
        let outage: StoreOutage

        var keys: any KeyStore { base.keys }
        var documents: any DocumentStore { base.documents }
        var templates: any TemplateVersionStore { base.templates }
        var brands: any BrandStore { base.brands }
        var batches: any BatchStore { base.batches }
        var blobs: any BlobStore { base.blobs }
        var sessions: any SessionStore { base.sessions }
        var drafts: any BrandDraftStore { base.drafts }
        var clock: @Sendable () -> Date { base.clock }
        var changes: any ChangeFeed { base.changes }
        func recover() async throws(StorageError) -> StoreRecovery { try await base.recover() }

        func ping() async throws(StorageError) {
            if outage == .hanging {
                // Like a connection attempt to a host that drops packets: it ends only when cancelled.
                try? await Task.sleep(for: .seconds(3600))
            }
            throw .database("connection refused (test outage)")
        }
    }
}
