import DocTestSupport
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import DocStore

/// The cluster store on a real PostgreSQL (started by `make test`): what `SQLiteStore` guarantees
/// on one machine, held by several stores on one database (the nodes of a cluster).
@Suite(.enabled(if: TestServices.postgres != nil, Comment(rawValue: TestServices.postgresMissing)))
struct PostgresStoreTests {
    // MARK: Schema

    @Test func nodesStartingAtOnceMigrateOnce() async throws {
        let database = try await PostgresTestStore.makeDatabase("migrate")
        let stores = (0..<6).map {
            PostgresStore(location: database, nodeID: "n\($0)", sweepInterval: nil, logger: PostgresTestStore.logger)
        }
        let applied = try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores { group.addTask { await store.run() } }
            defer { group.cancelAll() }
            return try await withThrowingTaskGroup(of: [String].self) { starts in
                for store in stores { starts.addTask { try await store.prepare().applied } }
                return try await starts.reduce(into: [[String]]()) { $0.append($1) }
            }
        }
        #expect(applied.filter { !$0.isEmpty } == [PostgresDatabase.migrations.map(\.name)], "one node migrated")
        #expect(applied.filter(\.isEmpty).count == 5)
    }

    // MARK: Keys

    @Test func keysAuthenticateOnEveryNodeAndRevokeEverywhere() async throws {
        try await PostgresTestStore.with("keys", nodes: 2) { stores in
            let created = try await stores[0].keys.create(for: Principal(tenantID: "acme", role: .client, clientID: "shop-1"))
            #expect(try await stores[1].keys.authenticate(created.token) == Principal(tenantID: "acme", role: .client, clientID: "shop-1"))
            #expect(try await stores[1].keys.authenticate(created.token + "x") == nil)
            #expect(try await stores[1].keys.authenticate("not-a-key") == nil)
            try await stores[1].keys.revoke(id: created.id)
            try await stores[1].keys.revoke(id: created.id)
            #expect(try await stores[0].keys.authenticate(created.token) == nil)
            await #expect(throws: StorageError.self) { try await stores[0].keys.revoke(id: 999_999) }
            await #expect(throws: StorageError.self) {
                try await stores[0].keys.create(for: Principal(tenantID: "acme", role: .reseller, clientID: "x"))
            }
        }
    }

    // MARK: Numbering

    @Test func numbersStayGaplessAcrossNodesWhenRendersFail() async throws {
        try await PostgresTestStore.with("numbering", nodes: 3) { stores in
            let rule = NumberingRule(issuer: "acme", docType: "invoice", year: 2026, prefix: "СЧ")
            let outcomes = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<150 {
                    let documents = stores[index % 3].documents
                    group.addTask {
                        do {
                            return try await documents.create(testDraft(tenant: "acme", number: nil), numbering: rule) { number in
                                // Every seventh render fails after it saw its number: that number must come back.
                                if index % 7 == 3 { throw StorageError.invalidArgument("template error for \(number)") }
                                return try testRender(number)
                            }.document.number
                        } catch StorageError.renderFailed {
                            return nil
                        } catch StorageError.invalidArgument {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            let numbers = outcomes.compactMap { $0 }
            #expect(outcomes.count - numbers.count == (0..<150).filter { $0 % 7 == 3 }.count)
            #expect(Set(numbers) == Set((1...numbers.count).map { rule.format($0) }), "consecutive from 1, none twice")
            #expect(numbers.count == Set(numbers).count)
        }
    }

    @Test func renderRunsOnTheCallingThreadInsideTheTransaction() async throws {
        try await PostgresTestStore.with("caller-thread") { stores in
            let documents = stores[0].documents
            let rule = NumberingRule(issuer: "acme", docType: "act", year: 2026, prefix: "АКТ")
            let (caller, renderer) = try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<(UInt, UInt), any Error>) in
                Thread.detachNewThread {
                    let caller = UInt(pthread_self())
                    let renderer = Mutex<UInt>(0)
                    do {
                        _ = try documents.createNow(testDraft(tenant: "acme", number: nil), idempotency: nil, numbering: rule) {
                            number in
                            renderer.withLock { $0 = UInt(pthread_self()) }
                            return try testRender(number)
                        }
                        continuation.resume(returning: (caller, renderer.withLock { $0 }))
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
            #expect(caller == renderer, "the render ran on the render thread that called createNow")
        }
    }

    @Test func aBlockingCallOnAnEventLoopIsRefusedNotDeadlocked() async throws {
        try await PostgresTestStore.with("event-loop") { stores in
            let documents = stores[0].documents
            let outcome = try await MultiThreadedEventLoopGroup.singleton.next().submit { () -> String in
                do {
                    _ = try documents.createNow(testDraft(tenant: "acme", number: "X-1"), idempotency: nil, numbering: nil, render: testRender)
                    return "created"
                } catch {
                    return "\(error)"
                }
            }.get()
            #expect(outcome.contains("event loop"), "\(outcome)")
        }
    }

    // MARK: Idempotency and reissues

    @Test func oneIdempotencyKeySentToEveryNodeMakesOneDocument() async throws {
        try await PostgresTestStore.with("idempotency", nodes: 3) { stores in
            let rule = NumberingRule(issuer: "acme", docType: "invoice", year: 2026, prefix: "СЧ")
            let key = IdempotencyKey(key: "retry-7", requestSHA256: "body-1")
            let renders = RenderCount()
            let results = try await withThrowingTaskGroup(of: CreatedDocumentRecord.self) { group in
                for index in 0..<12 {
                    let documents = stores[index % 3].documents
                    group.addTask {
                        try await documents.create(testDraft(tenant: "acme", number: nil), idempotency: key, numbering: rule) {
                            renders.increment()
                            return try testRender($0)
                        }
                    }
                }
                return try await group.reduce(into: [CreatedDocumentRecord]()) { $0.append($1) }
            }
            #expect(Set(results.map(\.document.id)).count == 1)
            #expect(results.filter { !$0.isReplay }.count == 1)
            #expect(renders.value == 1, "the duplicates waited for the first and rendered nothing")
            let next = try await stores[1].documents.create(testDraft(tenant: "acme", number: nil), numbering: rule, render: testRender)
            #expect(next.document.number == "СЧ-2026-000002", "replays consumed no number")
            await #expect(throws: StorageError.self) {
                try await stores[2].documents.create(
                    testDraft(tenant: "acme", number: nil), idempotency: IdempotencyKey(key: "retry-7", requestSHA256: "other"),
                    numbering: rule, render: testRender)
            }
        }
    }

    @Test func aDocumentIsReissuedOnceWhateverNodesTry() async throws {
        try await PostgresTestStore.with("reissue", nodes: 2) { stores in
            let first = try await stores[0].documents.create(testDraft(tenant: "acme", number: "INV-7"), render: testRender).document
            let outcomes = await withTaskGroup(of: Result<DocumentRecord, StorageError>.self) { group in
                for index in 0..<8 {
                    let documents = stores[index % 2].documents
                    group.addTask {
                        do throws(StorageError) {
                            return .success(
                                try await documents.create(
                                    testDraft(tenant: "acme", number: nil, supersedes: first.id), render: testRender
                                ).document)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                return await group.reduce(into: [Result<DocumentRecord, StorageError>]()) { $0.append($1) }
            }
            let successors = outcomes.compactMap { try? $0.get() }
            #expect(successors.count == 1)
            #expect(successors.first?.version == 2 && successors.first?.number == "INV-7")
            #expect(successors.first?.lineageId == first.id && successors.first?.supersedes == first.id)
            for case .failure(let error) in outcomes {
                guard case .alreadySuperseded = error else {
                    Issue.record("expected alreadySuperseded, got \(error)")
                    continue
                }
            }
            let platform = Principal(tenantID: "platform", role: .platform)
            #expect(try await stores[1].documents.versions(of: first.id, visibleTo: platform).map(\.version) == [1, 2])
            await #expect(throws: StorageError.self) {
                try await stores[0].documents.create(testDraft(tenant: "other", number: nil, supersedes: first.id), render: testRender)
            }
        }
    }

    // MARK: Listings

    @Test func listingsFilterPageAndHideWhatAPrincipalMayNotSee() async throws {
        try await PostgresTestStore.with("listing") { stores in
            let documents = stores[0].documents
            var ids: [String] = []
            for index in 0..<7 {
                var draft = testDraft(
                    tenant: index < 5 ? "acme" : "beta", client: index % 2 == 0 ? "shop-1" : "shop-2",
                    order: index < 3 ? "order-1" : nil, number: "N-\(index)")
                draft.issuedOn = "2026-11-2\(index)"
                draft.templateName = index == 4 ? "act" : "invoice"
                ids.append(try await documents.create(draft, render: testRender).document.id)
            }
            let platform = Principal(tenantID: "platform", role: .platform)
            let acme = Principal(tenantID: "acme", role: .reseller)
            let shop = Principal(tenantID: "acme", role: .client, clientID: "shop-1")
            func list(_ query: DocumentQuery, _ principal: Principal) async throws -> [String] {
                try await documents.documents(matching: query, visibleTo: principal).documents.map(\.id)
            }
            #expect(try await list(DocumentQuery(), platform) == ids)
            #expect(try await list(DocumentQuery(), acme) == Array(ids.prefix(5)))
            #expect(try await list(DocumentQuery(), shop) == [ids[0], ids[2], ids[4]])
            #expect(try await list(DocumentQuery(orderID: "order-1"), acme) == Array(ids.prefix(3)))
            #expect(try await list(DocumentQuery(template: "act"), platform) == [ids[4]])
            #expect(try await list(DocumentQuery(from: "2026-11-22", to: "2026-11-24"), platform) == Array(ids[2...4]))
            #expect(try await list(DocumentQuery(clientID: "shop-2"), acme) == [ids[1], ids[3]])
            var query = DocumentQuery(limit: 3)
            var pages: [[String]] = []
            while true {
                let page = try await documents.documents(matching: query, visibleTo: platform)
                pages.append(page.documents.map(\.id))
                guard let next = page.nextCursor else { break }
                query.after = next
            }
            #expect(pages == [Array(ids[0..<3]), Array(ids[3..<6]), [ids[6]]])
            #expect(try await documents.document(id: ids[5], visibleTo: acme) == nil, "another tenant's is not found")
            #expect(try await documents.document(id: ids[5], visibleTo: platform)?.number == "N-5")
            let current = try await documents.currentVersions(of: "invoice", tenantID: "acme", belowVersion: 4, visibleTo: platform)
            #expect(current.map(\.id) == [ids[0], ids[1], ids[2], ids[3]])
            #expect(try await documents.currentVersions(of: "invoice", tenantID: nil, belowVersion: 3, visibleTo: platform).isEmpty)
        }
    }

    // MARK: Templates and brands

    @Test func templateAndBrandVersionsAreNumberedOnceAcrossNodes() async throws {
        try await PostgresTestStore.with("versions", nodes: 2) { stores in
            let (current, changes) = try await stores[0].templates.recordBuiltIn([("invoice", "v1"), ("act", "a1")])
            #expect(current.mapValues(\.version) == ["invoice": 1, "act": 1] && changes.isEmpty)
            let (again, _) = try await stores[1].templates.recordBuiltIn([("invoice", "v1"), ("act", "a1")])
            #expect(again.mapValues(\.version) == ["invoice": 1, "act": 1], "the second node records nothing")
            let published = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<6 {
                    let templates = stores[index % 2].templates
                    group.addTask { try await templates.publish(name: "invoice", source: "v\(index + 2)", tenantID: nil).version.version }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(published.sorted() == [2, 3, 4, 5, 6, 7])
            let (_, builtInChanges) = try await stores[0].templates.recordBuiltIn([("invoice", "v1-new")])
            #expect(builtInChanges == [.keptPublished(name: "invoice", currentVersion: 7)])
            #expect(try await stores[1].templates.versions(of: "invoice").map(\.version) == Array(1...7))
            #expect(try await stores[1].templates.version("act", 1)?.source == "a1")

            let brand = NewBrandVersion(
                brandID: "alatoo", displayName: "Ала-Тоо", fingerprint: "sha256:1", manifest: "{}",
                files: ["brand.json": String(repeating: "b", count: 64)])
            let first = try await stores[0].brands.record(brand)
            let same = try await stores[1].brands.record(brand)
            #expect(first.isNew && !same.isNew && same.version == first.version)
            var changed = brand
            changed.fingerprint = "sha256:2"
            let second = try await stores[1].brands.record(changed)
            #expect(second.isNew && second.version.version == 2 && second.version.tenantID == "alatoo")
            #expect(try await stores[0].brands.currentVersions().map(\.version) == [2])
            #expect(try await stores[0].brands.history("alatoo").map(\.fingerprint) == ["sha256:1", "sha256:2"])
            #expect(try await stores[0].brands.version("alatoo", 1)?.files == brand.files)
        }
    }

    @Test func anotherNodeHearsOfEveryChangeAndItsRevisionsMove() async throws {
        try await PostgresTestStore.with("changes", nodes: 2) { stores in
            let before = try await stores[1].changes.revisions()
            let heard = Task {
                var topics: Set<StoreTopic> = []
                for await topic in stores[1].changes.notifications() {
                    topics.insert(topic)
                    if topics.isSuperset(of: [.templates, .brands, .batches]) { break }
                }
                return topics
            }
            // The listener's first sign of life is every topic at once; let it connect first.
            try await Task.sleep(for: .milliseconds(500))
            _ = try await stores[0].templates.publish(name: "note", source: "x", tenantID: nil)
            _ = try await stores[0].brands.record(
                NewBrandVersion(brandID: "b", displayName: "B", fingerprint: "f", manifest: "{}", files: [:]))
            _ = try await stores[0].batches.create(items: [NewBatchItem(key: "k", payload: "p")], for: Principal(tenantID: "b", role: .reseller))
            #expect(try await heard.value.isSuperset(of: [.templates, .brands, .batches]))
            let after = try await stores[1].changes.revisions()
            for topic in StoreTopic.allCases { #expect(after[topic, default: 0] == before[topic, default: 0] + 1, "\(topic)") }
        }
    }

    // MARK: Batches

    @Test func batchItemsAreClaimedOnceAndAnExpiredLeaseMovesToAnotherNode() async throws {
        // Long enough that no lease expires while both nodes claim on a loaded machine (both renew
        // theirs while alive), short enough to wait out once the doomed one is dead.
        try await PostgresTestStore.with("batches", lease: .seconds(8)) { stores in
            let survivor = stores[0]
            let doomed = PostgresStore(
                location: survivor.database.location, nodeID: "doomed", lease: .seconds(8), sweepInterval: nil,
                logger: PostgresTestStore.logger)
            let doomedRunning = Task { await doomed.run() }
            try await doomed.prepare()  // a prepared node renews its leases
            let owner = Principal(tenantID: "acme", role: .reseller)
            let items = (0..<40).map { NewBatchItem(key: "doc-\($0)", payload: "doc-\($0)") }
            let job = try await survivor.batches.create(items: items, for: owner, template: "invoice", dryRun: false)
            // Both nodes claim at once: every item once, none twice.
            let claimed = try await withThrowingTaskGroup(of: (String, [Int]).self) { group in
                for store in [survivor, doomed] {
                    group.addTask {
                        var positions: [Int] = []
                        while positions.count < 20, let item = try await store.batches.claimNext(in: job) {
                            positions.append(item.position)
                        }
                        return (store.nodeID, positions)
                    }
                }
                return try await group.reduce(into: [String: [Int]]()) { $0[$1.0] = $1.1 }
            }
            #expect(claimed.values.flatMap { $0 }.sorted() == Array(0..<40))
            #expect(try await survivor.batches.claimNext(in: job) == nil, "live leases are not taken")
            // The doomed node dies holding its claims: nothing renews them any more.
            doomedRunning.cancel()
            await doomedRunning.value
            for position in claimed[survivor.nodeID] ?? [] {
                try await survivor.batches.finish(batchID: job, position: position, with: .done(documentID: "d\(position)"))
            }
            try await Task.sleep(for: .seconds(9))
            var takenOver: [Int] = []
            while let item = try await survivor.batches.claimNext(in: job) {
                takenOver.append(item.position)
                #expect(item.attempts == 2)
                try await survivor.batches.finish(batchID: job, position: item.position, with: .done(documentID: "d\(item.position)"))
            }
            #expect(takenOver.sorted() == (claimed["doomed"] ?? []).sorted(), "every expired lease was claimed again")
            // A first holder that finishes late is accepted (it recorded the same document, by its key).
            try await survivor.batches.finish(batchID: job, position: takenOver[0], with: .done(documentID: "d\(takenOver[0])"))
            await #expect(throws: StorageError.self) {
                try await survivor.batches.finish(batchID: job, position: 999, with: .failed(reason: "x"))
            }
            let progress = try #require(try await survivor.batches.progress(of: job, visibleTo: owner))
            #expect(progress.done == 40 && progress.isFinished && progress.template == "invoice")
            #expect(try await survivor.batches.progress(of: job, visibleTo: Principal(tenantID: "beta", role: .reseller)) == nil)
            #expect(try await survivor.batches.runnableJobs().isEmpty)
        }
    }

    @Test func leasesOfALiveNodeAreRenewedAndARestartedNodeTakesItsOwnBack() async throws {
        // Renewed every lease / 3: a 6 s lease leaves a loaded machine 4 s of slack per renewal.
        try await PostgresTestStore.with("leases", nodes: 2, lease: .seconds(6)) { stores in
            let owner = Principal(tenantID: "acme", role: .reseller)
            let job = try await stores[0].batches.create(
                items: (0..<3).map { NewBatchItem(key: "k\($0)", payload: "p\($0)") }, for: owner)
            let held = try #require(try await stores[0].batches.claimNext(in: job))
            try await Task.sleep(for: .seconds(8))
            let other = try #require(try await stores[1].batches.claimNext(in: job))
            #expect(other.position != held.position, "a renewed lease holds")
            // A node starting again takes back what it held, at once, and nothing of a live node's.
            #expect(try await stores[1].batches.requeueInterrupted() == 1)
            let progress = try #require(try await stores[0].batches.progress(of: job, visibleTo: owner))
            #expect(progress.claimed == 1 && progress.pending == 2, "node 0's claim stays: \(progress)")
            #expect(try await stores[0].batches.requeueInterrupted() == 1)
            try await stores[0].batches.cancel(job)
            #expect(try await stores[1].batches.claimNext(in: job) == nil)
            #expect(try await stores[0].batches.runnableJobs().isEmpty)
            let header = try await stores[1].batches.header(of: job)
            #expect(header.template == nil && !header.isDryRun)
            await #expect(throws: StorageError.self) { try await stores[1].batches.claimNext(in: "no-such-job") }
        }
    }

    // MARK: Blobs

    @Test func blobsInTheDatabaseCommitWithTheirDocumentOrNotAtAll() async throws {
        try await PostgresTestStore.with("blobs") { stores in
            let store = stores[0]
            let bytes = Data("%PDF-1.7 \(UUID())".utf8)
            let sha = try await store.blobs.write(bytes, kind: .pdf)
            #expect(try await store.blobs.write(bytes, kind: .pdf) == sha)
            #expect(try await store.blobs.read(sha, kind: .pdf) == bytes)
            await #expect(throws: StorageError.self) { try await store.blobs.read(sha, kind: .data) }
            await #expect(throws: StorageError.self) { try await store.blobs.read("../../etc/passwd", kind: .pdf) }

            // A render's blobs go in with its document; a failed transaction keeps none of them.
            let blobs = store.blobs
            let kept = Data("kept \(UUID())".utf8)
            let lost = Data("lost \(UUID())".utf8)
            let created = try await store.documents.create(testDraft(tenant: "acme", number: "B-1")) { number in
                RenderedDocument(pdfSHA256: try blobs.write(kept, kind: .pdf), pages: 1, fileName: "\(number).pdf")
            }
            #expect(try await store.blobs.read(created.document.pdfSha256, kind: .pdf) == kept)
            let key = IdempotencyKey(key: "same", requestSHA256: "r")
            _ = try await store.documents.create(testDraft(tenant: "acme", number: "B-2"), idempotency: key, render: testRender)
            await #expect(throws: StorageError.self) {
                // Renders (the number is known), stages its blob, then fails in the transaction: a key reused.
                try await store.documents.create(
                    testDraft(tenant: "acme", number: "B-3"), idempotency: IdempotencyKey(key: "same", requestSHA256: "other")
                ) { number in
                    RenderedDocument(pdfSHA256: try blobs.write(lost, kind: .pdf), pages: 1, fileName: "\(number).pdf")
                }
            }
            let lostExists = await Task.detached { blobs.exists(blobAddress(of: lost), kind: .pdf) }.value
            #expect(!lostExists, "nothing of a rolled-back document stays")
        }
    }

    // MARK: Health

    @Test func pingAnswersAndRecoverRequeuesNothingOnAFreshStore() async throws {
        try await PostgresTestStore.with("ping") { stores in
            try await stores[0].ping()
            #expect(try await stores[0].recover() == StoreRecovery(sweptBlobs: 0, requeuedItems: 0))
        }
    }
}

/// Counts renders across tasks.
private final class RenderCount: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}
