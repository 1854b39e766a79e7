import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Templates
import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

/// `POST/GET/DELETE /v1/batches` and the worker: re-renders with the current template, "unchanged"
/// for identical bytes, dry runs that name the changed pages, resumption without second versions.
@Suite struct BatchTests {
    let dependencies: ServiceDependencies
    init() async throws { dependencies = try await TestService.makeDependencies() }

    @Test func reRenderAfterAnEditGivesEachDocumentOneNewVersion() async throws {
        let platform = try await dependencies.key("platform", .platform)
        let alatoo = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            let originals = try await issue(3, key: alatoo, client: client)
            // Nothing changed yet: every document is "unchanged", and no version is added.
            let first = try await runBatch(#"{"template": "invoice"}"#, key: platform, client: client)
            #expect(first.total == 3 && first.unchanged == 3 && first.done == 0 && first.status == "finished")

            try await publishEditedInvoice()
            // A dry run says which documents and pages would change, and reissues nothing.
            let dry = try await runBatch(#"{"template": "invoice", "dryRun": true}"#, key: platform, client: client)
            #expect(dry.dryRun && dry.done == 3 && dry.unchanged == 0, "\(dry)")
            #expect(dry.changes?.map(\.document).sorted() == originals.map(\.id).sorted())
            #expect(dry.changes?.allSatisfy { $0.pages == "1" } == true, "\(dry.changes ?? [])")
            #expect(try await versions(of: originals) == [1, 1, 1])

            let run = try await runBatch(#"{"template": "invoice"}"#, key: platform, client: client)
            #expect(run.done == 3 && run.failed == 0, "\(run)")
            #expect(try await versions(of: originals) == [2, 2, 2])
            let latest = try await dependencies.documents.versions(of: originals[0].id, visibleTo: platformPrincipal)
            #expect(latest.last?.templateVersion == "2" && latest.last?.number == originals[0].number)
            #expect(latest.last?.supersedes == originals[0].id)
            // The reseller sees the new versions; a second run finds nothing left to change.
            let again = try await runBatch(#"{"template": "invoice"}"#, key: alatoo, client: client)
            #expect(again.total == 3 && again.unchanged == 3)
        }
    }

    @Test func anItemInterruptedAfterItsNewVersionIsNotRenderedTwice() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        let owner = Principal(tenantID: "alatoo", role: .reseller, clientID: nil)
        try await app().test(.router) { client in
            let originals = try await issue(2, key: alatoo, client: client)
            try await publishEditedInvoice()
            let job = try await dependencies.batches.create(
                items: originals.map { .init(key: $0.id, payload: $0.id) }, for: owner, template: "invoice", dryRun: false)
            // The process renders and stores item 0's new version, then dies before finishing it.
            let header = try await dependencies.batches.header(of: job)
            let claimed = try #require(try await dependencies.batches.claimNext(in: job))
            _ = await BatchWorker.process(claimed, of: header, dependencies: dependencies)
            #expect(try await versions(of: originals) == [2, 1])
            // The next start requeues it; the worker finishes the job.
            #expect(try await dependencies.batches.requeueInterrupted() == 1)
            await BatchWorker(dependencies: dependencies, concurrency: 2).drain()
            #expect(try await versions(of: originals) == [2, 2], "exactly one new version each")
            let progress = try #require(try await dependencies.batches.progress(of: job, visibleTo: owner))
            #expect(progress.isFinished && progress.done == 2)
        }
    }

    @Test func jobsAreVisibleOnlyToTheirOwnersAndCanBeCancelled() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        let silkway = try await dependencies.key("silkway", .reseller)
        let shop = try await dependencies.key("alatoo", .client, client: "shop-1")
        try await app().test(.router) { client in
            _ = try await issue(2, key: alatoo, client: client)
            let job = try await client.execute(
                uri: "/v1/batches", method: .post, headers: bearer(alatoo), body: ByteBuffer(string: #"{"template": "invoice"}"#)
            ) { response in
                #expect(response.status == .accepted)
                return try decode(BatchJSON.self, response)
            }
            #expect(job.total == 2 && job.pending == 2 && job.status == "running")
            for key in [silkway, shop] {
                try await client.execute(uri: job.url, method: .get, headers: bearer(key)) { #expect($0.status == .notFound) }
                try await client.execute(uri: job.url, method: .delete, headers: bearer(key)) { #expect($0.status == .notFound) }
            }
            // silkway has no invoices of its own.
            try await client.execute(
                uri: "/v1/batches", method: .post, headers: bearer(silkway), body: ByteBuffer(string: #"{"template": "invoice"}"#)
            ) { #expect($0.status == .notFound) }
            let cancelled = try await client.execute(uri: job.url, method: .delete, headers: bearer(alatoo)) {
                try decode(BatchJSON.self, $0)
            }
            #expect(cancelled.status == "cancelled")
            await BatchWorker(dependencies: dependencies, concurrency: 2).drain()
            let after = try await client.execute(uri: job.url, method: .get, headers: bearer(alatoo)) {
                try decode(BatchJSON.self, $0)
            }
            #expect(after.pending == 2 && after.done == 0, "a cancelled job renders nothing more")
            for body in [#"{"template": 3}"#, #"{"template": "invoice", "dryRun": "yes"}"#, #"{"template": "invoice", "belowVersion": 0}"#] {
                try await client.execute(
                    uri: "/v1/batches", method: .post, headers: bearer(alatoo), body: ByteBuffer(string: body)
                ) { #expect($0.status == .badRequest, "\(body)") }
            }
        }
    }

    // MARK: Helpers

    /// A database that fails to record an item's end must not leave it claimed: the worker retries,
    /// then releases the claim, and the next pass finishes the item without a second version.
    @Test func anOutcomeTheDatabaseRefusesIsRetriedThenReleased() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        let owner = Principal(tenantID: "alatoo", role: .reseller, clientID: nil)
        try await app().test(.router) { client in
            let originals = try await issue(1, key: alatoo, client: client)
            try await publishEditedInvoice()
            let job = try await dependencies.batches.create(
                items: originals.map { .init(key: $0.id, payload: $0.id) }, for: owner, template: "invoice", dryRun: false)
            // The next four attempts to end an item fail, as a briefly broken database would.
            let failures = Instruments(failures: BatchWorker.recordRetryDelays.count + 1)
            var faulty = dependencies
            faulty.store = InstrumentedStore(base: dependencies.store, instruments: failures)
            // Every attempt fails: the item goes back to pending and the job is not finished.
            await BatchWorker(dependencies: faulty, concurrency: 1).drain()
            #expect(failures.remaining.withLock { $0 } == 0)
            var progress = try #require(try await dependencies.batches.progress(of: job, visibleTo: owner))
            #expect(progress.pending == 1 && progress.claimed == 0, "\(progress)")
            #expect(try await versions(of: originals) == [2], "the new version was stored before the bookkeeping failed")
            // The next pass records it, finding the stored version by its key instead of issuing another.
            await BatchWorker(dependencies: dependencies, concurrency: 1).drain()
            progress = try #require(try await dependencies.batches.progress(of: job, visibleTo: owner))
            #expect(progress.done == 1 && progress.pending == 0 && progress.claimed == 0, "\(progress)")
            #expect(try await versions(of: originals) == [2])
        }
    }

    /// Once a job has woken it, the worker waits for the next job or its poll: it does not go
    /// round reading the database (it did, with every wake-up ending the next wait at once).
    @Test func theWorkerRestsBetweenJobs() async throws {
        let instruments = Instruments(failures: 0)
        var counted = dependencies
        counted.store = InstrumentedStore(base: dependencies.store, instruments: instruments)
        let worker = BatchWorker(dependencies: counted, concurrency: 1)
        let work = Task { await worker.work() }
        defer { work.cancel() }
        func reads() -> Int { instruments.jobReads.withLock { $0 } }
        // Waits as long as a loaded machine may need (the whole suite runs in parallel).
        let deadline = ContinuousClock.now + .seconds(60)
        while reads() == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let before = reads()
        #expect(before >= 1, "the first pass reads the jobs")
        counted.batchSignal.notify()  // as a new job does
        while reads() == before, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(reads() > before, "the wake-up makes a pass")
        try await Task.sleep(for: .milliseconds(500))
        // A worker going round makes hundreds of passes in half a second; a resting one none, or
        // one when its 2-second poll falls in this half second.
        #expect(reads() - before <= 2, "\(reads() - before) passes after one wake-up")
    }

    private let platformPrincipal = Principal(tenantID: "platform", role: .platform, clientID: nil)

    /// Issues `count` numbered invoices under alatoo.
    private func issue(_ count: Int, key: String, client: some TestClientProtocol) async throws -> [CreatedDocument] {
        var created: [CreatedDocument] = []
        for _ in 0..<count {
            created.append(
                try await client.execute(
                    uri: "/v1/documents", method: .post, headers: bearer(key),
                    body: try documentBody("invoice-kgs", template: "invoice", brand: "alatoo", number: "")
                ) { try decode(CreatedDocument.self, $0) })
        }
        return created
    }

    /// A visible edit: the invoice's title heading in another size.
    private func publishEditedInvoice() async throws {
        let source = try dependencies.templates.current("invoice").source
        let edited = source.replacingOccurrences(of: "{% heading 1 size=14pt", with: "{% heading 1 size=15pt")
        #expect(edited != source, "the invoice template has a 14pt heading to edit")
        _ = try await dependencies.templates.publish(name: "invoice", source: edited, tenantID: nil)
    }

    /// Starts a job, drains it with a worker, and returns its final progress.
    private func runBatch(_ body: String, key: String, client: some TestClientProtocol) async throws -> BatchJSON {
        let job = try await client.execute(
            uri: "/v1/batches", method: .post, headers: bearer(key), body: ByteBuffer(string: body)
        ) { response in
            #expect(response.status == .accepted)
            return try decode(BatchJSON.self, response)
        }
        await BatchWorker(dependencies: dependencies, concurrency: 2).drain()
        return try await client.execute(uri: job.url, method: .get, headers: bearer(key)) { try decode(BatchJSON.self, $0) }
    }

    /// The latest version number of each document's lineage.
    private func versions(of documents: [CreatedDocument]) async throws -> [Int] {
        var latest: [Int] = []
        for document in documents {
            latest.append(
                try await dependencies.documents.versions(of: document.id, visibleTo: platformPrincipal).last?.version ?? 0)
        }
        return latest
    }

    private func app() -> some ApplicationProtocol {
        buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies)
    }
}

/// A store whose batches refuse to record an item's end while `instruments.failures` lasts, as a
/// briefly broken database would, and count the reads of the runnable jobs (the worker's passes);
/// everything else is the real store.
private struct InstrumentedStore: Store {
    let base: any Store
    let instruments: Instruments

    var keys: any KeyStore { base.keys }
    var documents: any DocumentStore { base.documents }
    var templates: any TemplateVersionStore { base.templates }
    var brands: any BrandStore { base.brands }
    var batches: any BatchStore { InstrumentedBatches(base: base.batches, instruments: instruments) }
    var blobs: any BlobStore { base.blobs }
    var sessions: any SessionStore { base.sessions }
    var drafts: any BrandDraftStore { base.drafts }
    var clock: @Sendable () -> Date { base.clock }
    var changes: any ChangeFeed { base.changes }
    func ping() async throws(StorageError) { try await base.ping() }
    func recover() async throws(StorageError) -> StoreRecovery { try await base.recover() }

    private struct InstrumentedBatches: BatchStore {
        let base: any BatchStore
        let instruments: Instruments

        func finish(batchID: String, position: Int, with outcome: BatchOutcome) async throws(StorageError) {
            let refuse = instruments.remaining.withLock { remaining in
                guard remaining > 0 else { return false }
                remaining -= 1
                return true
            }
            if refuse { throw .database("injected failure") }
            try await base.finish(batchID: batchID, position: position, with: outcome)
        }

        func create(items: [NewBatchItem], for principal: Principal, template: String?, dryRun: Bool)
            async throws(StorageError) -> String
        { try await base.create(items: items, for: principal, template: template, dryRun: dryRun) }
        func claimNext(in batchID: String) async throws(StorageError) -> BatchItem? { try await base.claimNext(in: batchID) }
        func release(batchID: String, position: Int) async throws(StorageError) {
            try await base.release(batchID: batchID, position: position)
        }
        func cancel(_ batchID: String) async throws(StorageError) { try await base.cancel(batchID) }
        func header(of batchID: String) async throws(StorageError) -> BatchHeader { try await base.header(of: batchID) }
        func runnableJobs() async throws(StorageError) -> [String] {
            instruments.jobReads.withLock { $0 += 1 }
            return try await base.runnableJobs()
        }
        func pendingItemCount() async throws(StorageError) -> Int { try await base.pendingItemCount() }
        func requeueInterrupted() async throws(StorageError) -> Int { try await base.requeueInterrupted() }
        func progress(of batchID: String, visibleTo principal: Principal) async throws(StorageError) -> BatchProgress? {
            try await base.progress(of: batchID, visibleTo: principal)
        }
    }
}

/// How many more times the instrumented store refuses, and how often the runnable jobs were read.
private final class Instruments: Sendable {
    let remaining: Mutex<Int>
    let jobReads = Mutex(0)
    init(failures: Int) { remaining = Mutex(failures) }
}
