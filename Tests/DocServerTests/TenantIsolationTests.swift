import Foundation
import Hummingbird
import HummingbirdTesting
import Templates
import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

/// Every role × every route × its own and another tenant's ids: the status of each cell.
///
/// The world: alatoo (a reseller) issued an invoice for its client shop-1, and runs a batch job.
/// Keys: the platform; alatoo's reseller key; another reseller (silkway); alatoo's client shop-1,
/// who owns the invoice; alatoo's client shop-2, who does not. What a key may not know exists is
/// 404, never 403; 403 only where the resource is known to all (templates) or the role can never act.
/// A reseller starting a job over a template it has no documents of gets 404 ("no stored document
/// matches"), the same answer whether or not other tenants have some.
@Suite struct TenantIsolationTests {
    let dependencies: ServiceDependencies
    init() async throws { dependencies = try await TestService.makeDependencies() }

    enum Subject: String, CaseIterable {
        case platform, owner = "alatoo reseller", otherReseller = "silkway reseller"
        case ownClient = "alatoo client shop-1", otherClient = "alatoo client shop-2", anonymous = "no key"
    }

    /// One route with the body it sends, and the status expected for each subject.
    struct Cell {
        var method: HTTPRequest.Method
        var uri: String
        var body: String?
        var contentType: String = "application/json"
        var expected: [Subject: HTTPResponse.Status]
    }

    @Test func everyRoleSeesOnlyWhatItMay() async throws {
        let keys: [Subject: String] = [
            .platform: try await dependencies.key("platform", .platform),
            .owner: try await dependencies.key("alatoo", .reseller),
            .otherReseller: try await dependencies.key("silkway", .reseller),
            .ownClient: try await dependencies.key("alatoo", .client, client: "shop-1"),
            .otherClient: try await dependencies.key("alatoo", .client, client: "shop-2"),
        ]
        try await app().test(.router) { client in
            var invoice = String(buffer: try documentBody("invoice-kgs", template: "invoice", brand: "alatoo"))
            invoice = invoice.replacingOccurrences(of: #""brand":"alatoo""#, with: #""brand":"alatoo","client":"shop-1""#)
            #expect(invoice.contains(#""client":"shop-1""#))
            let document = try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(keys[.owner]!), body: ByteBuffer(string: invoice)
            ) { try decode(CreatedDocument.self, $0) }
            let job = try await client.execute(
                uri: "/v1/batches", method: .post, headers: bearer(keys[.owner]!),
                body: ByteBuffer(string: #"{"template": "invoice", "dryRun": true}"#)
            ) { try decode(BatchJSON.self, $0) }
            let preview = String(buffer: try documentBody("invoice-kgs", template: "invoice", brand: "alatoo"))
            // The series numbers each new document; the sample's own number is the first document's now.
            let fresh = String(buffer: try documentBody("invoice-kgs", template: "invoice", brand: "alatoo", number: ""))
            let event = try eventJSON()
            let foreignEvent = try eventJSON(brand: "silkway")
            let alatooManifest = try String(
                contentsOf: repositoryRoot.appendingPathComponent("SampleData/brands/alatoo/brand.json"), encoding: .utf8)
            let takenPrefix = alatooManifest.replacingOccurrences(of: "\"АТЛ-\"", with: "\"SWC-\"")
            let takenTaxID = alatooManifest.replacingOccurrences(of: "02411201910234", with: "180340012345")
                .replacingOccurrences(of: "\"country\": \"KG\"", with: "\"country\": \"KZ\"")
            #expect(takenPrefix != alatooManifest && takenTaxID != alatooManifest)
            let brandJSON = try String(
                contentsOf: repositoryRoot.appendingPathComponent("SampleData/brands/alatoo/brand.json"), encoding: .utf8)
                .replacingOccurrences(of: "#1B7F5A", with: "not-a-colour")
            let signature = try String(
                contentsOf: repositoryRoot.appendingPathComponent("SampleData/signatures/asanov.json"), encoding: .utf8)

            let everyone: [Subject: HTTPResponse.Status] = [
                .platform: .ok, .owner: .ok, .otherReseller: .ok, .ownClient: .ok, .otherClient: .ok, .anonymous: .unauthorized,
            ]
            func only(_ allowed: [Subject: HTTPResponse.Status], others: HTTPResponse.Status = .notFound)
                -> [Subject: HTTPResponse.Status]
            {
                Dictionary(uniqueKeysWithValues: Subject.allCases.map { subject in
                    (subject, subject == .anonymous ? .unauthorized : allowed[subject] ?? others)
                })
            }
            let cells: [Cell] = [
                Cell(method: .get, uri: document.url, expected: only([.platform: .ok, .owner: .ok, .ownClient: .ok])),
                // Issue 11: an order is its first document's tenant's; to any other it does not exist.
                Cell(
                    method: .get, uri: "/v1/documents?order=ORD-261120-0042",
                    expected: everyone.merging([.otherReseller: .notFound]) { $1 }),
                Cell(
                    method: .post, uri: "/v1/documents", body: fresh,
                    expected: only([.platform: .created, .owner: .created, .ownClient: .forbidden, .otherClient: .forbidden])),
                // Issue 11: a number in use is never given again (409 with the document that has it).
                Cell(
                    method: .post, uri: "/v1/documents", body: preview,
                    expected: only([.platform: .conflict, .owner: .conflict, .ownClient: .forbidden, .otherClient: .forbidden])),
                Cell(
                    method: .post, uri: "/v1/previews", body: preview,
                    expected: only([.platform: .ok, .owner: .ok, .ownClient: .forbidden, .otherClient: .forbidden])),
                Cell(
                    method: .post, uri: "/v1/orders/ORD-261120-0042/events", body: event,
                    expected: only([.platform: .created, .owner: .ok, .ownClient: .forbidden, .otherClient: .forbidden])),
                // Issue 11: silkway's documents cannot join alatoo's order; the platform is told whose it is.
                Cell(
                    method: .post, uri: "/v1/orders/ORD-261120-0042/events", body: foreignEvent,
                    expected: only([.platform: .conflict, .ownClient: .forbidden, .otherClient: .forbidden])),
                Cell(
                    method: .post, uri: "/v1/batches", body: #"{"template": "invoice", "dryRun": true}"#,
                    expected: only([
                        .platform: .accepted, .owner: .accepted, .otherReseller: .notFound,
                        .ownClient: .forbidden, .otherClient: .forbidden,
                    ])),
                Cell(method: .get, uri: job.url, expected: only([.platform: .ok, .owner: .ok])),
                Cell(method: .get, uri: "/v1/brands/alatoo", expected: only([.platform: .ok, .owner: .ok])),
                Cell(
                    method: .put, uri: "/v1/brands/alatoo", body: brandJSON,
                    expected: only([.platform: .unprocessableContent, .owner: .unprocessableContent])),
                // Issue 11: identity is the platform's (403 for the reseller), and no two brands share
                // a number prefix or a tax id (409 even for the platform).
                Cell(
                    method: .put, uri: "/v1/brands/alatoo", body: takenPrefix,
                    expected: only([.platform: .conflict, .owner: .forbidden])),
                Cell(
                    method: .put, uri: "/v1/brands/alatoo", body: takenTaxID,
                    expected: only([.platform: .conflict, .owner: .forbidden])),
                Cell(method: .get, uri: "/v1/templates/invoice", expected: everyone),
                Cell(
                    method: .put, uri: "/v1/templates/invoice", body: "{{ nothing.here }}", contentType: "text/plain",
                    expected: only([.platform: .unprocessableContent], others: .forbidden)),
                Cell(
                    method: .post, uri: "/v1/signatures", body: signature,
                    expected: everyone.mapValues { $0 == .ok ? .ok : $0 }),
                Cell(method: .delete, uri: job.url, expected: only([.platform: .ok, .owner: .ok])),
                // The studio: a brand's draft is its tenant's (and the platform's); sessions open for
                // platform and reseller keys; reading or closing a session needs no key.
                Cell(method: .get, uri: "/v1/brands/alatoo/draft", expected: only([.platform: .ok, .owner: .ok])),
                Cell(
                    method: .patch, uri: "/v1/brands/alatoo/draft", body: #"{"accentColor": "not-a-colour"}"#,
                    expected: only([.platform: .unprocessableContent, .owner: .unprocessableContent])),
                Cell(method: .get, uri: "/v1/brands/alatoo/draft/images/logo", expected: only([.platform: .ok, .owner: .ok])),
                Cell(
                    method: .put, uri: "/v1/brands/alatoo/draft/images/logo", body: "x", contentType: "text/plain",
                    expected: only([.platform: .unsupportedMediaType, .owner: .unsupportedMediaType])),
                Cell(method: .post, uri: "/v1/brands/alatoo/draft/publish", expected: only([.platform: .conflict, .owner: .conflict])),
                Cell(method: .delete, uri: "/v1/brands/alatoo/draft/images/stamp", expected: only([.platform: .ok, .owner: .ok])),
                Cell(method: .delete, uri: "/v1/brands/alatoo/draft", expected: only([.platform: .ok, .owner: .ok])),
                Cell(
                    method: .post, uri: "/v1/previews",
                    body: #"{"template": "invoice", "brand": "alatoo", "draft": true, "sample": true}"#,
                    expected: only([.platform: .ok, .owner: .ok, .ownClient: .forbidden, .otherClient: .forbidden])),
                Cell(
                    method: .post, uri: "/v1/session",
                    expected: only([.platform: .created, .owner: .created, .otherReseller: .created], others: .forbidden)),
                Cell(method: .get, uri: "/v1/session", expected: everyone.mapValues { _ in .ok }),
                Cell(method: .delete, uri: "/v1/session", expected: everyone.mapValues { _ in .ok }),
            ]
            var mismatches: [String] = []
            for cell in cells {
                for subject in Subject.allCases {
                    var headers: HTTPFields = [.contentType: cell.contentType, .accept: "application/json"]
                    if let key = keys[subject] { headers[.authorization] = "Bearer \(key)" }
                    let status = try await client.execute(
                        uri: cell.uri, method: cell.method, headers: headers, body: cell.body.map { ByteBuffer(string: $0) }
                    ) { $0.status }
                    let expected = cell.expected[subject]!
                    if status != expected {
                        mismatches.append("\(cell.method) \(cell.uri) as \(subject.rawValue): \(status.code), expected \(expected.code)")
                    }
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        }
    }

    /// Every listing filter, as every subject: a filter narrows what the key may see and never
    /// widens it — not by naming another tenant's order, client or template.
    @Test func listingsShowEachSubjectOnlyItsOwnWhateverItFilters() async throws {
        let keys: [Subject: String] = [
            .platform: try await dependencies.key("platform", .platform),
            .owner: try await dependencies.key("alatoo", .reseller),
            .otherReseller: try await dependencies.key("silkway", .reseller),
            .ownClient: try await dependencies.key("alatoo", .client, client: "shop-1"),
            .otherClient: try await dependencies.key("alatoo", .client, client: "shop-2"),
        ]
        try await app().test(.router) { client in
            func issue(_ sample: String, _ template: String, brand: String, for clientID: String, key: Subject) async throws
                -> String
            {
                var body = try sampleData(sample).objectValue.map { data -> JSONObject in
                    ["template": .string(template), "brand": .string(brand), "client": .string(clientID), "data": .object(data)]
                } ?? [:]
                if brand == "silkway", case .object(var data)? = body["data"] {
                    // Its own entity, and an order of its own: alatoo's order is not silkway's to join.
                    data["issuer"] = nil
                    if case .object(var order)? = data["order"] { order["id"] = "ORD-261120-0077"; data["order"] = .object(order) }
                    body["data"] = .object(data)
                }
                return try await client.execute(
                    uri: "/v1/documents", method: .post, headers: bearer(keys[key]!),
                    body: ByteBuffer(string: JSONValue.object(body).jsonText)
                ) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    return try decode(CreatedDocument.self, response).id
                }
            }
            let invoice = try await issue("invoice-kgs", "invoice", brand: "alatoo", for: "shop-1", key: .owner)
            let contract = try await issue("contract-ru", "contract", brand: "alatoo", for: "shop-2", key: .owner)
            let foreign = try await issue("invoice-kgs", "invoice", brand: "silkway", for: "shop-1", key: .otherReseller)

            let all: [Subject: Set<String>] = [
                .platform: [invoice, contract, foreign], .owner: [invoice, contract], .otherReseller: [foreign],
                .ownClient: [invoice], .otherClient: [contract],
            ]
            let queries: [(String, Set<String>)] = [
                ("", [invoice, contract, foreign]), ("order=ORD-261120-0042", [invoice]), ("order=ORD-261120-0077", [foreign]),
                ("client=shop-1", [invoice, foreign]), ("client=shop-2", [contract]),
                ("template=invoice", [invoice, foreign]), ("template=contract", [contract]),
                ("from=2026-11-01&to=2026-11-30", [invoice, foreign]), ("to=2026-03-01", [contract]), ("to=2026-01-01", []),
            ]
            let orderOwners = ["order=ORD-261120-0042": "alatoo", "order=ORD-261120-0077": "silkway"]
            var mismatches: [String] = []
            for (query, matching) in queries {
                for (subject, visible) in all {
                    let (status, listed) = try await client.execute(
                        uri: "/v1/documents?\(query)", method: .get, headers: bearer(keys[subject]!)
                    ) { response in
                        (response.status, response.status == .ok ? Set(try decode(DocumentListing.self, response).documents.map(\.id)) : [])
                    }
                    // Another tenant's order does not exist for a key (404), rather than listing empty.
                    let tenant = subject == .platform ? nil : subject == .otherReseller ? "silkway" : "alatoo"
                    if let owner = orderOwners[query], let tenant, tenant != owner {
                        if status != .notFound { mismatches.append("?\(query) as \(subject.rawValue): \(status.code), expected 404") }
                        continue
                    }
                    let expected = matching.intersection(visible)
                    if status != .ok || listed != expected {
                        mismatches.append("?\(query) as \(subject.rawValue): \(listed.count) listed, expected \(expected.count)")
                    }
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        }
    }

    /// The `assigned` event for the sample order, issued under `brand`.
    private func eventJSON(brand: String = "alatoo") throws -> String {
        guard var event = try sampleData("events/assigned-ru").objectValue else { throw TestFailure("not an object") }
        event["brand"] = .string(brand)
        return JSONValue.object(event).jsonText
    }

    private func app() -> some ApplicationProtocol {
        buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies)
    }
}
