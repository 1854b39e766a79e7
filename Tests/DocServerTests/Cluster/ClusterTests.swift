@testable import DocServer
import DocStore
import DocTestSupport
import Foundation
import Templates
import Testing

/// Issue 14's acceptance: several `docengine serve` nodes on one PostgreSQL database (and one S3
/// bucket), as real processes, against the servers `make test` starts.
@Suite(.serialized, .enabled(if: TestServices.postgres != nil, Comment(rawValue: TestServices.postgresMissing)))
struct ClusterTests {
    /// How long a whole batch may take on a loaded 2-core CI machine.
    static let batchTimeout: TimeInterval = 900

    // MARK: Three nodes, one database

    @Test func threeNodesNumberShareDownloadsKeysAndEvents() async throws {
        let cluster = try await TestCluster.make("three-nodes")
        defer { cluster.stop() }
        try await cluster.start(3)
        let key = try cluster.key("alatoo", .reseller)
        let auth = ["Authorization": "Bearer \(key)"]
        let clients = cluster.clients

        // 500 concurrent unnumbered invoices, spread over the nodes: 500 distinct, consecutive numbers.
        let body = try clusterBody("invoice-kgs", template: "invoice", brand: "alatoo", number: "")
        let created = try await withThrowingTaskGroup(of: (Int, CreatedDocument).self) { group in
            var results: [(Int, CreatedDocument)] = []
            for index in 0..<500 {
                // At most 24 in flight: the point is concurrency across nodes, not the client's sockets.
                if index >= 24, let next = try await group.next() { results.append(next) }
                group.addTask {
                    let answer = try await clients[index % 3].send("POST", "/v1/documents", headers: auth, body: body)
                    guard answer.status == 201 else {
                        throw TestFailure("node \(index % 3) answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
                    }
                    return (index % 3, try JSONDecoder().decode(CreatedDocument.self, from: answer.body))
                }
            }
            return try await group.reduce(into: results) { $0.append($1) }
        }
        let numbers = created.map(\.1.number)
        #expect(numbers.count == 500 && Set(numbers).count == 500)
        #expect(numbers.sorted() == (1...500).map { String(format: "АТЛ-СЧ-2026-%06d", $0) })
        #expect(Set(created.map(\.0)) == [0, 1, 2])

        // Issued on node 0, downloaded from node 2: the same bytes and ETag; node 1 answers 304 to it.
        let first = try #require(created.first { $0.0 == 0 }?.1)
        let fromOrigin = try await clients[0].send("GET", first.url, headers: auth)
        let fromOther = try await clients[2].send("GET", first.url, headers: auth)
        #expect(fromOrigin.status == 200 && fromOther.status == 200)
        #expect(fromOther.body == fromOrigin.body && !fromOther.body.isEmpty)
        #expect(fromOther.headers["etag"] == "\"\(first.sha256)\"" && fromOrigin.headers["etag"] == fromOther.headers["etag"])
        #expect(fromOther.headers["x-docengine-node"] == "node2")
        let unchanged = try await clients[1].send(
            "GET", first.url, headers: auth.merging(["If-None-Match": "\"\(first.sha256)\""]) { $1 })
        #expect(unchanged.status == 304)

        // One Idempotency-Key sent to two nodes at once: one document.
        let keyed = try clusterBody("invoice-kgs", template: "invoice", brand: "alatoo", number: "")
        let retries = try await withThrowingTaskGroup(of: (Int, CreatedDocument).self) { group in
            for node in [0, 1, 0, 1] {
                group.addTask {
                    let answer = try await clients[node].send(
                        "POST", "/v1/documents", headers: auth.merging(["Idempotency-Key": "order-77-invoice"]) { $1 },
                        body: keyed)
                    return (answer.status, try JSONDecoder().decode(CreatedDocument.self, from: answer.body))
                }
            }
            return try await group.reduce(into: [(Int, CreatedDocument)]()) { $0.append($1) }
        }
        #expect(Set(retries.map(\.1.id)).count == 1)
        #expect(retries.map(\.0).sorted() == [200, 200, 200, 201])
        #expect(retries.first?.1.number == "АТЛ-СЧ-2026-000501", "the retries consumed no number")

        // `assigned` sent to two nodes at once: one request and one driver assignment.
        let event = try eventBody("assigned")
        let events = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for node in [0, 2] {
                group.addTask {
                    let answer = try await clients[node].send("POST", "/v1/orders/ORD-CLUSTER-1/events", headers: auth, body: event)
                    let decoded = try JSONDecoder().decode(OrderEventRoutes.EventJSON.self, from: answer.body)
                    return (answer.status, decoded.documents.map(\.id))
                }
            }
            return try await group.reduce(into: [(Int, [String])]()) { $0.append($1) }
        }
        // Each node may have issued one of the two (201 from both), never the same one twice.
        #expect(events.allSatisfy { [200, 201].contains($0.0) } && events.contains { $0.0 == 201 })
        #expect(events[0].1 == events[1].1 && events[0].1.count == 2)
        let resent = try await clients[1].send("POST", "/v1/orders/ORD-CLUSTER-1/events", headers: auth, body: event)
        #expect(resent.status == 200, "the event sent again to a third node issues nothing")
        #expect(try JSONDecoder().decode(OrderEventRoutes.EventJSON.self, from: resent.body).documents.map(\.id) == events[0].1)
        let listed = try await clients[1].send("GET", "/v1/documents?order=ORD-CLUSTER-1", headers: auth)
        let listing = try JSONDecoder().decode(DocumentListing.self, from: listed.body)
        #expect(listing.documents.map(\.id) == events[0].1, "one set, whichever node the event reached")
    }

    @Test func aTemplateOrBrandPublishedOnOneNodeIsCurrentOnTheOthers() async throws {
        let cluster = try await TestCluster.make("caches")
        defer { cluster.stop() }
        try await cluster.start(2)
        let platform = ["Authorization": "Bearer \(try cluster.key("platform", .platform))"]
        let clients = cluster.clients
        var creation = JSONObject()
        creation["name"] = .string("note")
        creation["source"] = .string(NoteDocuments.source("v1"))
        let created = try await clients[0].send(
            "POST", "/v1/templates", headers: platform, body: Data(JSONValue.object(creation).jsonText.utf8))
        #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
        let body = try clusterBody("invoice-kgs", template: "note", number: "N-1")
        try await eventually("node 1 issues with the template node 0 published") {
            try await clients[1].send("POST", "/v1/documents", headers: platform, body: body).status == 201
        }
        _ = try await clients[0].send("PUT", "/v1/templates/note", headers: platform, body: Data(NoteDocuments.source("v2").utf8))
        try await eventually("node 1 takes version 2 as current") {
            let answer = try await clients[1].send(
                "POST", "/v1/documents", headers: platform, body: try clusterBody("invoice-kgs", template: "note", number: "N-\(UUID())"))
            return try JSONDecoder().decode(CreatedDocument.self, from: answer.body).templateVersion == "2"
        }
        // Retired on node 1: node 0 issues nothing new with it either.
        let retired = try await clients[1].send("DELETE", "/v1/templates/note", headers: platform)
        #expect(retired.status == 200, "\(String(decoding: retired.body, as: UTF8.self))")
        try await eventually("node 0 treats the retired template as unknown") {
            let answer = try await clients[0].send(
                "POST", "/v1/documents", headers: platform, body: try clusterBody("invoice-kgs", template: "note", number: "N-\(UUID())"))
            return answer.status == 404
        }

        var manifest = try JSONParser.parse(try Data(contentsOf: repositoryFile("SampleData/brands/alatoo/brand.json")))
        guard case .object(var object) = manifest else { throw TestFailure("brand.json is not an object") }
        object["accentColor"] = .string("#224466")
        manifest = .object(object)
        let published = try await clients[0].send(
            "PUT", "/v1/brands/alatoo", headers: platform.merging(["Content-Type": "application/json"]) { $1 },
            body: Data(manifest.jsonText.utf8))
        #expect(published.status == 201, "\(String(decoding: published.body, as: UTF8.self))")
        try await eventually("node 1 serves the brand's version 2") {
            let shown = try await clients[1].send("GET", "/v1/brands/alatoo", headers: platform)
            return String(decoding: shown.body, as: UTF8.self).contains(#""version":2"#)
        }
    }

    // MARK: A batch survives the death of its busiest node

    @Test(arguments: [false, true])
    func aBatchFinishesWhenTheBusiestNodeIsKilled(objectStore: Bool) async throws {
        if objectStore { try #require(TestServices.s3 != nil, Comment(rawValue: TestServices.s3Missing)) }
        let count = 2_000
        let cluster = try await TestCluster.make(objectStore ? "batch-s3" : "batch-db", objectStore: objectStore)
        defer { cluster.stop() }
        let originals = try await cluster.withStore { store in
            let dependencies = try await TestService.makeDependencies(store: store)
            _ = try await dependencies.templates.publish(name: "note", source: NoteDocuments.source("v1"), tenantID: nil)
            let ids = try await NoteDocuments.issue(count, tag: "BATCH", inFlight: 16, into: dependencies)
            _ = try await dependencies.templates.publish(name: "note", source: NoteDocuments.source("v2"), tenantID: nil)
            return ids
        }
        #expect(originals.count == count)
        try await cluster.start(3)
        let auth = ["Authorization": "Bearer \(try cluster.key("platform", .platform))"]
        let created = try await cluster.clients[0].send("POST", "/v1/batches", headers: auth, body: Data(#"{"template": "note"}"#.utf8))
        #expect(created.status == 202, "\(String(decoding: created.body, as: UTF8.self))")
        let url = try JSONDecoder().decode(BatchJSON.self, from: created.body).url

        // Mid-way, the node that has rendered most items so far is killed.
        _ = try await waitFor(cluster.clients[1], url, auth) { $0.done >= count / 4 }
        let rendered = try await (0..<3).asyncMap { node in try await Self.itemsRendered(by: node, cluster) }
        let busiest = try #require(rendered.indices.max { rendered[$0] < rendered[$1] })
        #expect(rendered.allSatisfy { $0 > 0 }, "every node took part: \(rendered)")
        cluster.kill9(busiest)
        let survivor = cluster.clients[(busiest + 1) % 3]
        let finished = try await waitFor(survivor, url, auth) { $0.status == "finished" }
        #expect(finished.done == count && finished.failed == 0 && finished.unchanged == 0, "\(finished)")

        // Every original has exactly one new version, with the new template; nothing else was added.
        let documents = try await cluster.withStore { store in
            try await TestService.allDocuments(in: try await TestService.makeDependencies(store: store))
        }
        #expect(documents.count == 2 * count)
        #expect(Set(documents.compactMap(\.supersedes)) == Set(originals))
        #expect(documents.compactMap(\.supersedes).count == count, "no document has two successors")
        #expect(Set(documents.filter { $0.version == 2 }.map(\.templateVersion)) == ["2"])
        // The new versions download from a surviving node, blobs and all.
        let reissued = try #require(documents.last)
        let download = try await survivor.send("GET", "/v1/documents/\(reissued.id)", headers: auth)
        #expect(download.status == 200 && download.headers["etag"] == "\"\(reissued.pdfSha256)\"")
    }

    // MARK: Moving up

    @Test func aCopiedInstallationIsServedByTheClusterByteForByte() async throws {
        try #require(TestServices.s3 != nil, Comment(rawValue: TestServices.s3Missing))
        // A single-machine installation with 200 documents: numbered series, idempotency keys, reissues.
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = try await TestService.makeDependencies(directory: folder)
        let platformKey = try await local.key("platform", .platform)
        let brand = local.issuing(try #require(local.brands.current("alatoo")))
        let invoice = try sampleData("invoice-kgs")
        let act = try sampleData("act-ru")
        var issued: [DocumentRecord] = []
        for index in 0..<160 {
            let isInvoice = index % 4 != 3
            let template = try local.templates.current(isInvoice ? "invoice" : "act")
            let data = DocumentIssuer.setting(number: "", in: isInvoice ? invoice : act)
            let created = try await local.issuer.issue(
                DocumentIssuer.Issue(
                    tenantID: "alatoo", clientID: index % 2 == 0 ? "shop-1" : nil, orderID: "ORD-COPY-\(index / 2)",
                    template: template, language: nil, brand: brand, data: data,
                    idempotency: index % 10 == 0 ? IdempotencyKey(key: "copy-\(index)", requestSHA256: "r\(index)") : nil,
                    numbering: DocumentRoutes.numberingRule(
                        data, template: template.name, brand: brand, principal: Principal(tenantID: "alatoo", role: .reseller),
                        clock: { TestService.now }),
                    supersedes: nil))
            issued.append(created.document)
        }
        for original in issued.prefix(40) {
            let data = DocumentIssuer.setting(number: original.number, in: original.templateName == "invoice" ? invoice : act)
            let reissue = try await local.issuer.issue(
                DocumentIssuer.Issue(
                    tenantID: "alatoo", clientID: original.clientId, orderID: original.orderId,
                    template: try local.templates.current(original.templateName), language: .en, brand: brand, data: data,
                    idempotency: nil, numbering: nil, supersedes: original.id))
            issued.append(reissue.document)
        }
        let documents = try await TestService.allDocuments(in: local)
        #expect(documents.count == 200)

        // A blob whose bytes no longer match its name stops the copy, which names the file.
        let damaged = try makeTemporaryDirectory().appendingPathComponent("var")
        defer { try? FileManager.default.removeItem(at: damaged.deletingLastPathComponent()) }
        try FileManager.default.copyItem(at: folder, to: damaged)
        let victim = try #require(documents.last)
        try Data("not the PDF".utf8).write(
            to: damaged.appendingPathComponent("files/\(victim.pdfSha256.prefix(2))/\(victim.pdfSha256).pdf"))
        let elsewhere = try await TestCluster.make("copy-damaged")
        let refused = try execute(docengineBinary.path, ["store", "copy", "--from", damaged.path, "--to", elsewhere.database])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(victim.pdfSha256).pdf") && refused.stderr.contains("corrupt"), "\(refused.stderr)")

        let cluster = try await TestCluster.make("copy", objectStore: true)
        defer { cluster.stop() }
        let arguments = ["store", "copy", "--from", folder.path, "--to", cluster.database] + (cluster.blobs.map { ["--blobs", $0] } ?? [])
        let copy = try execute(docengineBinary.path, arguments)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("documents: 200 copied, 0 already there"), "\(copy.stdout)")
        let again = try execute(docengineBinary.path, arguments)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("documents: 0 copied, 200 already there"), "idempotent: \(again.stdout)")
        #expect(again.stdout.contains("idempotency_keys: 0 copied"), "\(again.stdout)")

        try await cluster.start(2)
        // The folder's own key works on the cluster: keys were copied (their hashes).
        let auth = ["Authorization": "Bearer \(platformKey)"]
        for (index, document) in documents.enumerated() {
            let answer = try await cluster.clients[index % 2].send("GET", "/v1/documents/\(document.id)", headers: auth)
            let original = try local.blobs.readNow(document.pdfSha256, kind: .pdf)
            #expect(answer.status == 200 && answer.body == original, "document \(document.id) \(document.number)")
            #expect(answer.headers["etag"] == "\"\(document.pdfSha256)\"")
        }
        // Ids, numbers, versions and listing order are kept.
        let listed = try await cluster.clients[1].send("GET", "/v1/documents?limit=500", headers: auth)
        let listing = try JSONDecoder().decode(DocumentListing.self, from: listed.body)
        #expect(listing.documents.map(\.id) == documents.map(\.id))
        #expect(listing.documents.map(\.number) == documents.map(\.number))
        #expect(listing.documents.map(\.version) == documents.map(\.version))
        // The series continue where the folder left them.
        let resellerKey = try cluster.key("alatoo", .reseller)
        let next = try await cluster.clients[0].send(
            "POST", "/v1/documents", headers: ["Authorization": "Bearer \(resellerKey)"],
            body: try clusterBody("invoice-kgs", template: "invoice", brand: "alatoo", number: ""))
        let nextNumber = try JSONDecoder().decode(CreatedDocument.self, from: next.body).number
        #expect(nextNumber == String(format: "АТЛ-СЧ-2026-%06d", 121), "120 invoices were issued in the folder")
        // Re-rendering a copied document from its stored data gives the same bytes on the cluster.
        let dryRun = try await cluster.clients[0].send(
            "POST", "/v1/batches", headers: auth, body: Data(#"{"template": "act", "dryRun": true}"#.utf8))
        #expect(dryRun.status == 202)
        let progress = try await waitFor(cluster.clients[1], try JSONDecoder().decode(BatchJSON.self, from: dryRun.body).url, auth) {
            $0.status == "finished"
        }
        #expect(progress.failed == 0 && progress.unchanged == progress.total, "\(progress)")
    }

    // MARK: The deployment's nginx layout

    @Test(.enabled(if: TestBalancer.isAvailable, "nginx is not installed (scripts/ensure-deps.sh installs it)"))
    func nginxSpreadsRequestsAndRoutesAroundADeadNode() async throws {
        let cluster = try await TestCluster.make("nginx")
        defer { cluster.stop() }
        try await cluster.start(3)
        let balancer = try await TestBalancer(upstreams: cluster.clients.map { String($0.base.dropFirst("http://".count)) })
        defer { balancer.stop() }
        let client = HTTPClient(base: balancer.base, timeout: 120)
        let auth = ["Authorization": "Bearer \(try cluster.key("alatoo", .reseller))"]
        let body = try clusterBody("invoice-kgs", template: "invoice", brand: "alatoo", number: "")
        var served: [String: Int] = [:]
        for _ in 0..<30 {
            let answer = try await client.send("POST", "/v1/documents", headers: auth, body: body)
            #expect(answer.status == 201)
            served[answer.headers["x-docengine-node"] ?? "?", default: 0] += 1
        }
        #expect(Set(served.keys) == ["node0", "node1", "node2"], "least_conn spread the work: \(served)")
        let ready = try await client.send("GET", "/readyz")
        #expect(ready.status == 200 && String(decoding: ready.body, as: UTF8.self).contains(#""store":"reachable""#))

        cluster.kill9(1)
        var after: [String: Int] = [:]
        for _ in 0..<30 {
            let answer = try await client.send("POST", "/v1/documents", headers: auth, body: body)
            #expect(answer.status == 201, "a dead node costs no request")
            after[answer.headers["x-docengine-node"] ?? "?", default: 0] += 1
        }
        #expect(after["node1"] == nil && after.values.reduce(0, +) == 30)

        // Each node names itself on every log line and labels every metric sample.
        for index in [0, 2] {
            let node = try #require(cluster.nodes[index])
            let lines = node.stderr.split(separator: "\n").filter { $0.firstMatch(of: /^\d{4}-\d\d-\d\dT/) != nil }
            #expect(lines.contains { $0.contains("starting") }, "\(node.stderr)")
            #expect(lines.allSatisfy { $0.contains("node.id=node\(index)") }, "\(lines.filter { !$0.contains("node.id=") })")
            let metrics = String(decoding: try await cluster.clients[index].send("GET", "/metrics").body, as: UTF8.self)
            let samples = metrics.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            #expect(samples.contains { $0.hasPrefix("hb_") } && samples.contains { $0.hasPrefix("docengine_") })
            #expect(samples.allSatisfy { $0.contains("node=\"node\(index)\"") }, "\(samples.filter { !$0.contains("node=") })")
        }
    }

    // MARK: Helpers

    /// Batch items node `index` rendered so far, from its `/metrics`.
    static func itemsRendered(by index: Int, _ cluster: TestCluster) async throws -> Int {
        let answer = try await cluster.clients[index].send("GET", "/metrics")
        let samples = try PrometheusText(String(decoding: answer.body, as: UTF8.self))
        return Int(samples.value("docengine_batch_items_total", ["outcome": "done", "node": "node\(index)"]) ?? 0)
    }

    /// `assigned`/`completed` from SampleData/events, Russian, for order `ORD-CLUSTER-1` under alatoo.
    private func eventBody(_ type: String) throws -> Data {
        let event = try JSONParser.parse(try Data(contentsOf: repositoryFile("SampleData/events/\(type)-ru.json")))
        guard case .object(var root) = event, case .object(var data)? = root["data"], case .object(var order)? = data["order"]
        else { throw TestFailure("SampleData/events/\(type)-ru.json has no data.order") }
        order["id"] = .string("ORD-CLUSTER-1")
        data["order"] = .object(order)
        root["data"] = .object(data)
        root["brand"] = .string("alatoo")
        return Data(JSONValue.object(root).jsonText.utf8)
    }

    /// Polls a job until `condition` holds.
    private func waitFor(
        _ client: HTTPClient, _ url: String, _ auth: [String: String], _ condition: (BatchJSON) -> Bool
    ) async throws -> BatchJSON {
        let deadline = Date().addingTimeInterval(Self.batchTimeout)
        while Date() < deadline {
            let answer = try await client.send("GET", url, headers: auth)
            if answer.status == 200 {
                let progress = try JSONDecoder().decode(BatchJSON.self, from: answer.body)
                if condition(progress) { return progress }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestFailure("the batch did not get there within \(Self.batchTimeout) s")
    }

    /// Retries `condition` for up to 15 s (other nodes poll for changes every second in the tests).
    private func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw TestFailure("not within 15 s: \(what)")
    }
}

extension Sequence where Element: Sendable {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
