import Foundation
import GRDB
import Testing

@testable import DocStore
import DocTestSupport

/// The service's storage: migrations, keys, documents, numbering, idempotency, files and batches.
@Suite struct StorageTests {
    let directory: URL
    let store: SQLiteStore

    init() throws {
        directory = try makeTemporaryDirectory()
        store = try SQLiteStore(directory: directory)
    }

    // MARK: Migrations

    @Test func migrationsCreateEveryTable() async throws {
        let tables = try await store.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in [
            "tenants", "api_keys", "brands", "brand_versions", "templates", "template_versions", "documents",
            "idempotency_keys", "number_series", "batches", "batch_items", "studio_sessions", "brand_drafts",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let journal = try await store.database.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        // Reopening the same folder applies nothing twice.
        let reopened = try SQLiteStore(directory: directory)
        let migrator = SQLiteDatabase.migrator(directory: directory)
        let applied = try await reopened.database.pool.read { db in try migrator.appliedIdentifiers(db) }
        #expect(Set(applied) == Set(migrator.migrations))
        #expect(applied.count == migrator.migrations.count && !applied.isEmpty)
    }

    // MARK: Keys

    @Test func keyAuthenticatesAndWrongTokenDoesNot() async throws {
        let keys = store.keys
        let created = try await keys.create(for: Principal(tenantID: "acme", role: .reseller, clientID: nil))
        #expect(created.token.hasPrefix("dk_"))
        #expect(
            try await keys.authenticate(created.token) == Principal(tenantID: "acme", role: .reseller, clientID: nil))
        #expect(try await keys.authenticate(created.token + "x") == nil)
        #expect(try await keys.authenticate(APIToken.make()) == nil)
        #expect(try await keys.authenticate("") == nil)

        try await keys.revoke(id: created.id)
        #expect(try await keys.authenticate(created.token) == nil)
    }

    @Test func clientKeyCarriesItsClient() async throws {
        let keys = store.keys
        let created = try await keys.create(for: Principal(tenantID: "reseller-a", role: .client, clientID: "shop-1"))
        #expect(
            try await keys.authenticate(created.token)
                == Principal(tenantID: "reseller-a", role: .client, clientID: "shop-1"))
        await #expect(throws: StorageError.self) {
            try await keys.create(for: Principal(tenantID: "reseller-a", role: .reseller, clientID: "shop-1"))
        }
    }

    @Test func databaseHoldsOnlyTheTokensHash() async throws {
        let keys = store.keys
        let token = try await keys.create(for: Principal(tenantID: "acme", role: .platform, clientID: nil)).token
        let rows = try store.database.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_keys") }
        #expect(rows.count == 1)
        let secret = String(token.dropFirst(APIToken.prefix.count))
        for row in rows {
            for column in row.columnNames {
                let value = row[column].map { String(describing: $0) } ?? ""
                #expect(!value.contains(secret), "column \(column) holds the token")
            }
        }
        #expect(rows[0]["token_sha256"] as String == APIToken.digest(of: token))
        // The whole file, too: not even a WAL page may hold the plaintext.
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for file in files where file.hasPrefix(SQLiteDatabase.fileName) {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds the token")
        }
    }

    // MARK: Documents and scoping

    @Test func scopingHidesOtherClientsAndTenants() async throws {
        let documents = store.documents
        let shop1 = try await documents.create(
            draft(tenant: "reseller-a", client: "shop-1", number: "A-1", order: "order-1"), render: fakeRender
        ).document
        let shop2 = try await documents.create(
            draft(tenant: "reseller-a", client: "shop-2", number: "A-2", order: "order-1"), render: fakeRender
        ).document
        // order-1 is reseller-a's since its first document: reseller-b's cannot join it (issue 11).
        await #expect(throws: StorageError.self) {
            try await documents.create(draft(tenant: "reseller-b", client: "shop-1", number: "B-1", order: "order-1"), render: fakeRender)
        }
        let other = try await documents.create(
            draft(tenant: "reseller-b", client: "shop-1", number: "B-1", order: "order-2"), render: fakeRender
        ).document

        let client1 = Principal(tenantID: "reseller-a", role: .client, clientID: "shop-1")
        #expect(try await documents.document(id: shop1.id, visibleTo: client1) == shop1)
        #expect(try await documents.document(id: shop2.id, visibleTo: client1) == nil)
        #expect(try await documents.document(id: other.id, visibleTo: client1) == nil, "same client id, other tenant")

        let resellerA = Principal(tenantID: "reseller-a", role: .reseller, clientID: nil)
        let resellerB = Principal(tenantID: "reseller-b", role: .reseller, clientID: nil)
        #expect(try await documents.document(id: shop2.id, visibleTo: resellerA) == shop2)
        #expect(try await documents.document(id: shop1.id, visibleTo: resellerB) == nil)
        #expect(try await documents.document(id: other.id, visibleTo: resellerA) == nil)

        let platform = Principal(tenantID: "platform", role: .platform, clientID: nil)
        #expect(try await documents.document(id: other.id, visibleTo: platform) == other)

        #expect(try await documents.documents(forOrder: "order-1", visibleTo: client1).map(\.id) == [shop1.id])
        #expect(
            try await documents.documents(forOrder: "order-1", visibleTo: resellerA).map(\.id) == [shop1.id, shop2.id])
        #expect(try await documents.documents(forOrder: "order-1", visibleTo: platform).count == 2)
        #expect(try await documents.versions(of: shop1.id, visibleTo: resellerB).isEmpty)
    }

    @Test func documentKeepsItsRenderRecordAndReissueIsANewVersion() async throws {
        let documents = store.documents
        let first = try await documents.create(draft(tenant: "acme", number: "INV-7"), render: fakeRender).document
        #expect(first.version == 1 && first.lineageId == first.id && first.supersedes == nil)
        #expect(first.templateName == "invoice" && first.templateVersion == "3" && first.brandVersion == 2)
        #expect(first.dataSha256 == String(repeating: "d", count: 64) && first.engineVersion == "1.4.0")

        var reissue = draft(tenant: "acme", number: nil)
        reissue.supersedes = first.id
        reissue.dataSHA256 = String(repeating: "e", count: 64)
        let second = try await documents.create(reissue, render: fakeRender).document
        #expect(second.version == 2 && second.lineageId == first.id && second.supersedes == first.id)
        #expect(second.number == "INV-7", "a reissue keeps the number")

        let acme = Principal(tenantID: "acme", role: .reseller, clientID: nil)
        #expect(try await documents.versions(of: second.id, visibleTo: acme).map(\.id) == [first.id, second.id])
        #expect(try await documents.document(id: first.id, visibleTo: acme) == first, "the old version is untouched")

        await #expect(throws: StorageError.self) {
            try await documents.create(reissue, render: fakeRender)  // first already has a newer version
        }
        await #expect(throws: (any Error).self) {
            try await store.database.pool.write { db in
                try db.execute(sql: "UPDATE documents SET number = 'X' WHERE id = ?", arguments: [first.id])
            }
        }
        await #expect(throws: (any Error).self) {
            try await store.database.pool.write { db in try db.execute(sql: "DELETE FROM documents") }
        }
    }

    // MARK: Numbering

    @Test func numbersAreFormattedPerIssuerTypeAndYear() async throws {
        func next(_ issuer: String, _ type: String, _ year: Int, _ prefix: String) async throws -> String {
            let rule = NumberingRule(issuer: issuer, docType: type, year: year, prefix: prefix)
            return try await store.documents.create(draft(tenant: issuer, number: nil), numbering: rule, render: fakeRender)
                .document.number
        }
        #expect(try await next("acme", "invoice", 2026, "СЧ") == "СЧ-2026-000001")
        #expect(try await next("acme", "invoice", 2026, "СЧ") == "СЧ-2026-000002")
        #expect(try await next("acme", "act", 2026, "АКТ") == "АКТ-2026-000001")
        #expect(try await next("acme", "invoice", 2027, "СЧ") == "СЧ-2027-000001")
        #expect(try await next("beta", "invoice", 2026, "") == "2026-000001")
        #expect(NumberingRule(issuer: "a", docType: "b", year: 2026, prefix: "СЧ").format(43) == "СЧ-2026-000043")
    }

    @Test func supplementsAreNumberedWithinTheirContract() async throws {
        func next(contract: String) async throws -> String {
            let rule = NumberingRule(issuer: "acme", docType: "contract-supplement", scope: .contract(contract), prefix: "ДС")
            return try await store.documents.create(draft(tenant: "acme", number: nil), numbering: rule, render: fakeRender)
                .document.number
        }
        #expect(try await next(contract: "12/ТЭУ") == "1")
        #expect(try await next(contract: "12/ТЭУ") == "2")
        #expect(try await next(contract: "7/2026") == "1", "another contract has its own series")
        #expect(try await next(contract: "12/ТЭУ") == "3")
    }

    @Test func concurrentCreatesNumberGaplesslyAndFailedRenderConsumesNoNumber() async throws {
        let documents = store.documents
        let rule = NumberingRule(issuer: "acme", docType: "invoice", year: 2026, prefix: "СЧ")
        await #expect(throws: StorageError.self) {
            try await documents.create(draft(tenant: "acme", number: nil), numbering: rule) { _ in
                throw StorageError.invalidArgument("template error")
            }
        }
        let created = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await documents.create(draft(tenant: "acme", number: nil), numbering: rule, render: fakeRender)
                        .document.number
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(created) == Set((1...50).map { rule.format($0) }))
        #expect(created.count == 50)
    }

    // MARK: Idempotency

    @Test func sameIdempotencyKeyReturnsTheSameDocument() async throws {
        let documents = store.documents
        let rule = NumberingRule(issuer: "acme", docType: "invoice", year: 2026, prefix: "СЧ")
        let key = IdempotencyKey(key: "retry-1", requestSHA256: "r1")
        let first = try await documents.create(
            draft(tenant: "acme", number: nil), idempotency: key, numbering: rule, render: fakeRender)
        let renders = Counter()
        let second = try await documents.create(draft(tenant: "acme", number: nil), idempotency: key, numbering: rule) {
            number in
            renders.increment()
            return try fakeRender(number)
        }
        #expect(!first.isReplay && second.isReplay)
        #expect(second.document == first.document)
        #expect(renders.value == 0, "a replay renders nothing")
        // The replay consumed no number.
        let next = try await documents.create(draft(tenant: "acme", number: nil), numbering: rule, render: fakeRender)
        #expect(next.document.number == "СЧ-2026-000002")
        // Another tenant's identical key is its own.
        let other = try await documents.create(
            draft(tenant: "beta", number: "B-1"), idempotency: key, render: fakeRender)
        #expect(!other.isReplay && other.document.id != first.document.id)

        await #expect(throws: StorageError.self) {
            try await documents.create(
                draft(tenant: "acme", number: nil), idempotency: .init(key: "retry-1", requestSHA256: "different"),
                numbering: rule, render: fakeRender)
        }
    }

    @Test func concurrentRetriesWithOneKeyCreateOneDocument() async throws {
        let documents = store.documents
        let key = IdempotencyKey(key: "k", requestSHA256: "r")
        let rule = NumberingRule(issuer: "acme", docType: "invoice", year: 2026, prefix: "СЧ")
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await documents.create(
                        draft(tenant: "acme", number: nil), idempotency: key, numbering: rule, render: fakeRender
                    )
                    .document.id
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
    }

    // MARK: Blobs

    @Test func blobsAreContentAddressedAndAtomic() throws {
        let blobs = FileBlobStore(directory: directory)
        let bytes = Data("%PDF-1.7 test document \(UUID())".utf8)
        let sha = try blobs.write(bytes, kind: .pdf)
        let url = blobs.url(forSHA256: sha, kind: .pdf)
        let independent = try execute("sha256sum", [url.path]).stdout.split(separator: " ").first.map(String.init)
        #expect(sha == independent)
        #expect(sha == blobAddress(of: bytes))
        #expect(url.path.hasSuffix("/files/\(sha.prefix(2))/\(sha).pdf"))
        #expect(blobs.exists(sha, kind: .pdf))
        #expect(!blobs.exists(sha, kind: .data), "kinds are kept apart")
        #expect(try blobs.read(sha, kind: .pdf) == bytes)
        #expect(try blobs.write(bytes, kind: .pdf) == sha, "writing the same bytes again is a no-op")

        let leftovers = FileManager.default.enumerator(atPath: blobs.root(of: .pdf).path)?.compactMap { $0 as? String }
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(FileBlobStore.temporaryPrefix) }
        #expect(leftovers == [])

        #expect(!blobs.exists(String(repeating: "0", count: 64), kind: .pdf))
        #expect(throws: StorageError.self) { try blobs.read("../../etc/passwd", kind: .pdf) }
        #expect(!blobs.exists("../../etc/passwd", kind: .pdf))
    }

    /// A write makes the folders it needs, the data folder itself included, private to the service.
    @Test func aWriteMakesItsFoldersPrivate() throws {
        let root = directory.appendingPathComponent("not-yet/there", isDirectory: true)
        let blobs = FileBlobStore(directory: root)
        let sha = try blobs.write(Data("first".utf8), kind: .data)
        #expect(try blobs.read(sha, kind: .data) == Data("first".utf8))
        var folder = blobs.url(forSHA256: sha, kind: .data).deletingLastPathComponent()
        for _ in 0..<2 {
            let mode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
            #expect(mode.map { $0 & 0o077 } == 0, "\(folder.path) is readable by others")
            folder.deleteLastPathComponent()
        }
        #expect(folder.standardizedFileURL.path == root.standardizedFileURL.path)
    }

    /// Data folders written before the one-level layout keep their blobs in `ab/cd/`: they are
    /// read, found and never written a second time.
    @Test func blobsOfTheFormerTwoLevelLayoutAreStillFound() throws {
        let blobs = FileBlobStore(directory: directory)
        let bytes = Data("{\"written\": \"before the one-level layout\"}".utf8)
        let sha = blobAddress(of: bytes)
        let former = blobs.formerPath(forSHA256: sha, kind: .data)
        #expect(former.hasSuffix("/data/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha).json"))
        try FileManager.default.createDirectory(
            atPath: (former as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: former))

        #expect(blobs.exists(sha, kind: .data))
        #expect(!blobs.exists(sha, kind: .pdf), "kinds are kept apart")
        #expect(try blobs.read(sha, kind: .data) == bytes)
        #expect(blobs.url(forSHA256: sha, kind: .data).path == former)
        #expect(try blobs.write(bytes, kind: .data) == sha)
        #expect(
            !FileManager.default.fileExists(atPath: blobs.path(forSHA256: sha, kind: .data)),
            "a blob stored in the former layout is not written again in the new one")

        // New bytes go to the one-level layout, beside the former layout's folders.
        let fresh = try blobs.write(Data("{\"written\": \"now\"}".utf8), kind: .data)
        #expect(blobs.url(forSHA256: fresh, kind: .data).path == blobs.path(forSHA256: fresh, kind: .data))
        #expect(blobs.path(forSHA256: fresh, kind: .data).hasSuffix("/data/\(fresh.prefix(2))/\(fresh).json"))
    }

    @Test func temporaryFilesOfACrashedWriteAreSwept() throws {
        let blobs = FileBlobStore(directory: directory)
        let sha = try blobs.write(Data("kept".utf8), kind: .brandFile)
        let folder = blobs.url(forSHA256: sha, kind: .brandFile).deletingLastPathComponent()
        let leftover = folder.appendingPathComponent("\(FileBlobStore.temporaryPrefix)crashed")
        try Data("half a logo".utf8).write(to: leftover)
        #expect(blobs.removeLeftovers() == 1)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try blobs.read(sha, kind: .brandFile) == Data("kept".utf8))
    }

    // MARK: Batches

    @Test func batchResumesAfterACrash() async throws {
        let owner = Principal(tenantID: "acme", role: .client, clientID: "shop-1")
        let items = (0..<5).map { NewBatchItem(key: "order-\($0)", payload: "{\"n\":\($0)}") }
        let batchID = try await store.batches.create(items: items, for: owner)
        do {
            let batches = store.batches
            let first = try #require(try await batches.claimNext(in: batchID))
            try await batches.finish(batchID: batchID, position: first.position, with: .done(documentID: "doc-0"))
            let second = try #require(try await batches.claimNext(in: batchID))
            try await batches.finish(
                batchID: batchID, position: second.position, with: .failed(reason: "missing field `order.total`"))
            let third = try #require(try await batches.claimNext(in: batchID))
            #expect(third.position == 2 && third.attempts == 1)
            // The process dies here, with item 2 claimed.
        }

        let restarted = try SQLiteStore(directory: directory).batches
        #expect(try await restarted.requeueInterrupted() == 1)
        let before = try #require(try await restarted.progress(of: batchID, visibleTo: owner))
        #expect((before.total, before.pending, before.claimed, before.done, before.failed) == (5, 3, 0, 1, 1))
        #expect(before.failures == [.init(itemKey: "order-1", reason: "missing field `order.total`")])

        let retried = try #require(try await restarted.claimNext(in: batchID))
        #expect(retried.position == 2 && retried.attempts == 2 && retried.payload == "{\"n\":2}")
        try await restarted.finish(batchID: batchID, position: 2, with: .unchanged(documentID: "doc-2"))
        while let item = try await restarted.claimNext(in: batchID) {
            try await restarted.finish(
                batchID: batchID, position: item.position, with: .done(documentID: "doc-\(item.position)"))
        }
        let after = try #require(try await restarted.progress(of: batchID, visibleTo: owner))
        #expect((after.done, after.unchanged, after.failed, after.isFinished) == (3, 1, 1, true))

        let stranger = Principal(tenantID: "beta", role: .reseller, clientID: nil)
        #expect(try await restarted.progress(of: batchID, visibleTo: stranger) == nil)
    }

    @Test func cancelledBatchHandsOutNothing() async throws {
        let batches = store.batches
        let owner = Principal(tenantID: "acme", role: .reseller, clientID: nil)
        let batchID = try await batches.create(
            items: [.init(key: "a", payload: ""), .init(key: "b", payload: "")], for: owner)
        _ = try await batches.claimNext(in: batchID)
        try await batches.cancel(batchID)
        #expect(try await batches.claimNext(in: batchID) == nil)
        let progress = try #require(try await batches.progress(of: batchID, visibleTo: owner))
        #expect(progress.isCancelled && progress.pending == 1 && progress.claimed == 1)
        await #expect(throws: StorageError.self) { try await batches.cancel("no-such-batch") }
    }

    // MARK: CLI

    @Test func keysCreatePrintsOnlyAnAuthenticatingKey() async throws {
        let data = directory.appendingPathComponent("var")
        let result = try execute(
            docengineBinary.path,
            ["keys", "create", "--tenant", "reseller-a", "--role", "client", "--client", "shop-1", "--data", data.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "exactly one line: \(result.stdout)")
        let token = String(lines[0])
        let principal = try await SQLiteStore(directory: data).keys.authenticate(token)
        #expect(principal == Principal(tenantID: "reseller-a", role: .client, clientID: "shop-1"))

        let refused = try execute(
            docengineBinary.path,
            ["keys", "create", "--tenant", "x", "--role", "reseller", "--client", "c", "--data", data.path])
        #expect(refused.status != 0 && refused.stdout.isEmpty)
    }
}

/// A document (of `order`, else of none) rendered from fixed inputs.
private func draft(tenant: String, client: String? = nil, number: String?, order: String? = nil) -> DocumentDraft {
    DocumentDraft(
        tenantID: tenant, clientID: client, orderID: order, docType: "invoice", templateName: "invoice",
        templateVersion: "3", brandID: "brand-\(tenant)", brandVersion: 2,
        dataSHA256: String(repeating: "d", count: 64),
        fontsFingerprint: String(repeating: "f", count: 64), engineVersion: "1.4.0", number: number, supersedes: nil)
}

/// Stands in for the pipeline: a one-page PDF named after the number.
@Sendable private func fakeRender(_ number: String) throws -> RenderedDocument {
    RenderedDocument(pdfSHA256: String(repeating: "a", count: 64), pages: 1, fileName: "\(number).pdf")
}

/// A thread-safe count for callbacks that run on GRDB's queue.
private final class Counter: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
