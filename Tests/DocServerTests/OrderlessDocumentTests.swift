import NIOFoundationCompat
import DocServer
import DocStore
import DocTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Templates
import Testing

/// Documents that belong to no order — a contract, its supplements, an invoice over several
/// orders — are issued, numbered, stored, downloaded and listed like the rest.
@Suite struct OrderlessDocumentTests {
    let dependencies: ServiceDependencies
    init() async throws { dependencies = try await TestService.makeDependencies() }

    /// A render request for `sample` under alatoo for client `client`, with `edit` applied to the data.
    func body(
        _ sample: String, template: String, client: String, edit: (inout JSONObject) -> Void = { _ in }
    ) throws -> ByteBuffer {
        guard var data = try sampleData(sample).objectValue else { throw TestFailure("\(sample) is not an object") }
        edit(&data)
        let request: JSONObject = [
            "template": .string(template), "brand": .string("alatoo"), "client": .string(client), "data": .object(data),
        ]
        return ByteBuffer(string: JSONValue.object(request).jsonText)
    }

    @Test func aContractSupplementsAndAnInvoiceOfNoOrderAreIssuedDownloadedAndListed() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        let shop1 = try await dependencies.key("alatoo", .client, client: "shop-1")
        try await buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies).test(.router) {
            client in
            func create(_ body: ByteBuffer) async throws -> CreatedDocument {
                try await client.execute(uri: "/v1/documents", method: .post, headers: bearer(alatoo), body: body) {
                    response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    return try decode(CreatedDocument.self, response)
                }
            }
            func list(_ query: String, key: String) async throws -> DocumentListing {
                try await client.execute(uri: "/v1/documents?\(query)", method: .get, headers: bearer(key)) { response in
                    #expect(response.status == .ok, "\(query): \(String(buffer: response.body))")
                    return try decode(DocumentListing.self, response)
                }
            }

            let contract = try await create(try body("contract-ru", template: "contract", client: "shop-1"))
            #expect(contract.number == "12/ТЭУ", "the contract keeps the number its data gives it")
            // Two supplements without numbers: numbered 1 and 2 within contract 12/ТЭУ.
            let unnumbered: (inout JSONObject) -> Void = { data in
                data["document"] = data["document"].map { document -> JSONValue in
                    guard var object = document.objectValue else { return document }
                    object["number"] = nil
                    return .object(object)
                }
                data["contract"] = data["contract"].map { contract -> JSONValue in
                    guard var object = contract.objectValue else { return contract }
                    object["supplementNumber"] = nil
                    return .object(object)
                }
            }
            let first = try await create(
                try body("contract-supplement-ru", template: "contract-supplement", client: "shop-1", edit: unnumbered))
            let second = try await create(
                try body("contract-supplement-ru", template: "contract-supplement", client: "shop-1", edit: unnumbered))
            #expect((first.number, second.number) == ("1", "2"))
            let invoice = try await create(
                try body("invoice-kgs", template: "invoice", client: "shop-2") { data in
                    data["order"] = nil
                    data["document"] = data["document"].map { document -> JSONValue in
                        guard var object = document.objectValue else { return document }
                        object["number"] = nil
                        return .object(object)
                    }
                })
            #expect(invoice.number == "АТЛ-СЧ-2026-000001")

            let pdf = try await client.execute(uri: second.url, method: .get, headers: bearer(shop1)) { response in
                #expect(response.status == .ok)
                return Data(buffer: response.body)
            }
            let text = try pdfText(pdf)
            #expect(text.contains("№ 2") && text.contains("12/ТЭУ"), "the supplement prints its number within the contract")

            let supplements = try await list("template=contract-supplement", key: alatoo)
            #expect(supplements.documents.map(\.id) == [first.id, second.id])
            #expect(supplements.documents.allSatisfy { $0.orderId == nil && $0.issuedOn == "2026-11-22" })
            #expect(try await list("client=shop-1", key: alatoo).documents.map(\.id) == [contract.id, first.id, second.id])
            #expect(try await list("client=shop-2&template=invoice", key: alatoo).documents.map(\.id) == [invoice.id])
            #expect(try await list("from=2026-11-01&to=2026-11-30", key: alatoo).documents.count == 3)
            // The client key sees its own three, and only those, however it filters.
            #expect(try await list("template=contract", key: shop1).documents.map(\.id) == [contract.id])
            #expect(try await list("client=shop-2", key: shop1).documents.isEmpty)
        }
    }

    @Test func anOrdersListingStillShowsOnlyItsDocuments() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        try await buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies).test(.router) {
            client in
            for (sample, template) in [("invoice-kgs", "invoice"), ("contract-ru", "contract")] {
                try await client.execute(
                    uri: "/v1/documents", method: .post, headers: bearer(alatoo),
                    body: try body(sample, template: template, client: "shop-1")
                ) { #expect($0.status == .created) }
            }
            let listing = try await client.execute(
                uri: "/v1/documents?order=ORD-261120-0042", method: .get, headers: bearer(alatoo)
            ) { try decode(DocumentListing.self, $0) }
            #expect(listing.documents.map(\.template) == ["invoice"])
        }
    }

    @Test(arguments: [
        ("order=", "query parameter `order` is empty"), ("oder=ORD-1", "query parameter `oder` is not known"),
        ("from=2026-02-30", "from: expected a day"),
        ("limit=0", "limit: expected 1 to 500"), ("cursor=zzz", "cursor: not a cursor"),
    ])
    func aMalformedListingIsA400NamingTheParameter(query: String, message: String) async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        try await buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies).test(.router) {
            client in
            try await client.execute(uri: "/v1/documents?\(query)", method: .get, headers: bearer(alatoo)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains(message), "\(String(buffer: response.body))")
            }
        }
    }

    @Test func aPageCursorContinuesTheListing() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        try await buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies).test(.router) {
            client in
            var ids: [String] = []
            for index in 1...5 {
                let created = try await client.execute(
                    uri: "/v1/documents", method: .post, headers: bearer(alatoo),
                    body: try body("contract-ru", template: "contract", client: "shop-1") { data in
                        data["document"] = data["document"].map { document -> JSONValue in
                            guard var object = document.objectValue else { return document }
                            object["number"] = .string("Д-\(index)")
                            return .object(object)
                        }
                    }
                ) { try decode(CreatedDocument.self, $0) }
                ids.append(created.id)
            }
            var seen: [String] = []
            var query = "limit=2"
            while true {
                let page = try await client.execute(uri: "/v1/documents?\(query)", method: .get, headers: bearer(alatoo)) {
                    try decode(DocumentListing.self, $0)
                }
                seen += page.documents.map(\.id)
                guard let next = page.nextCursor else { break }
                query = "limit=2&cursor=\(next)"
            }
            #expect(seen == ids)
        }
    }
}
