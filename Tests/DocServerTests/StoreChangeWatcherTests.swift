import DocServer
import DocStore
import DocTestSupport
import Foundation
import Testing

/// Two nodes on one store: what one publishes becomes current on the other when its watcher
/// refreshes (on a cluster it is woken by the store's notifications, or its poll).
@Suite struct StoreChangeWatcherTests {
    @Test func templatesBrandsAndJobsOfAnotherNodeAreSeenHere() async throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try await TestService.makeDependencies(directory: folder)
        let second = try await TestService.makeDependencies(directory: folder)
        let watcher = StoreChangeWatcher(dependencies: second)
        var seen = try await second.store.changes.revisions()

        _ = try await first.templates.publish(name: "note", source: Self.note("v1"), tenantID: nil)
        #expect(throws: (any Error).self) { try second.templates.current("note") }
        seen = await watcher.refresh(since: seen)
        #expect(try second.templates.current("note").version == 1)

        // A version this engine cannot compile (a newer node's, in a rolling upgrade) stays not current.
        _ = try await first.store.templates.publish(name: "note", source: "{% no-such-tag %}", tenantID: nil)
        let (changed, incompatible) = try await second.templates.refresh()
        #expect(changed.isEmpty && incompatible == ["note"])
        #expect(try second.templates.current("note").version == 1)

        var manifest = try String(contentsOf: repositoryFile("SampleData/brands/alatoo/brand.json"), encoding: .utf8)
        manifest = manifest.replacingOccurrences(of: "#1B7F5A", with: "#224466")
        _ = try await first.brands.publish(id: "alatoo", files: ["brand.json": Data(manifest.utf8)])
        #expect(second.brands.current("alatoo")?.version == 1)
        var signals = second.batchSignal.signals().makeAsyncIterator()
        _ = try await first.batches.create(
            items: [NewBatchItem(key: "k", payload: "p")], for: Principal(tenantID: "alatoo", role: .reseller))
        seen = await watcher.refresh(since: seen)
        #expect(second.brands.current("alatoo")?.version == 2)
        _ = await signals.next()  // the new job woke the batch worker
        let unchanged = await watcher.refresh(since: seen)
        #expect(unchanged == seen)
    }

    static func note(_ mark: String) -> String {
        """
        {% page size="A5" margin=[15mm, 15mm, 15mm, 15mm] fontSize=10pt %}
        {% p %}{{ document.number }} · \(mark){% endp %}
        """
    }
}
