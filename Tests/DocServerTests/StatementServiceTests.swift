import NIOFoundationCompat
import DocPipeline
@testable import DocServer
import DocStore
import DocTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Templates
import Testing

/// Registers, reconciliation acts and client lists through the service: `Accept` chooses PDF or
/// XLSX, a stored spreadsheet has its own render record, clients download their own statements,
/// and a re-render keeps a spreadsheet a spreadsheet.
@Suite struct StatementServiceTests {
    let dependencies: ServiceDependencies
    init() async throws { dependencies = try await TestService.makeDependencies() }

    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// A render request for `sample` under alatoo for `client`; `numbered: false` leaves the number
    /// to the series.
    func body(_ sample: String, template: String, client: String, numbered: Bool = true) throws -> ByteBuffer {
        var data = try sampleData(sample)
        if !numbered, case .object(var object) = data, case .object(var document)? = object["document"] {
            document["number"] = nil
            object["document"] = .object(document)
            data = .object(object)
        }
        let request: JSONObject = [
            "template": .string(template), "brand": .string("alatoo"), "client": .string(client), "data": data,
        ]
        return ByteBuffer(string: JSONValue.object(request).jsonText)
    }

    func app() -> some ApplicationProtocol {
        buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies)
    }

    @Test func statementsAreStoredAsPDFOrXLSXAndEachClientDownloadsItsOwn() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        let shop1 = try await dependencies.key("alatoo", .client, client: "shop-1")
        let shop2 = try await dependencies.key("alatoo", .client, client: "shop-2")
        try await app().test(.router) { client in
            func create(_ body: ByteBuffer, accept: String? = nil) async throws -> CreatedDocument {
                let headers = bearer(alatoo, accept.map { [.accept: $0] } ?? [:])
                return try await client.execute(uri: "/v1/documents", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    return try decode(CreatedDocument.self, response)
                }
            }
            // Numbers are unique per issuer, type and year whatever the format: the PDF takes the series' next.
            let registerPDF = try await create(
                try body("order-register-ru", template: "order-register", client: "shop-1", numbered: false))
            let registerXLSX = try await create(
                try body("order-register-ru", template: "order-register", client: "shop-1"), accept: Self.xlsx)
            let actPDF = try await create(try body("reconciliation-ru", template: "reconciliation", client: "shop-1"))
            let actXLSX = try await create(
                try body("reconciliation-ky", template: "reconciliation", client: "shop-2"), accept: "\(Self.xlsx); q=0.9")
            #expect(registerPDF.mediaType == "application/pdf" && registerXLSX.mediaType == Self.xlsx)
            #expect(actPDF.mediaType == "application/pdf" && actXLSX.mediaType == Self.xlsx)
            #expect(registerPDF.id != registerXLSX.id && registerPDF.sha256 != registerXLSX.sha256)
            #expect(registerXLSX.pages == 1 && actXLSX.pages == 2, "a spreadsheet counts its worksheets")
            #expect(registerXLSX.number == "АТЛ-РЗ-2026-000014", "the data's number")

            // The client downloads its own register as a spreadsheet: the stored bytes, typed cells.
            let downloaded = try await client.execute(uri: registerXLSX.url, method: .get, headers: bearer(shop1)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == Self.xlsx)
                #expect(response.headers[.contentDisposition]?.contains(".xlsx") == true, "\(response.headers)")
                return Data(buffer: response.body)
            }
            #expect(blobAddress(of: downloaded) == registerXLSX.sha256)
            let file = try makeTemporaryDirectory().appendingPathComponent("register.xlsx")
            try downloaded.write(to: file)
            let sheet = try #require(try readSpreadsheet(file).sheets.first)
            #expect(sheet.rows.filter { $0.count > 1 && ($0[1].value ?? "").hasPrefix("ORD-") }.count == 73)
            try await client.execute(uri: actPDF.url, method: .get, headers: bearer(shop1)) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "application/pdf")
                #expect(String(buffer: response.body).hasPrefix("%PDF"))
            }
            // Another client sees none of it, and its own act only.
            for document in [registerPDF, registerXLSX, actPDF] {
                try await client.execute(uri: document.url, method: .get, headers: bearer(shop2)) { response in
                    #expect(response.status == .notFound)
                }
            }
            try await client.execute(uri: actXLSX.url, method: .get, headers: bearer(shop2)) { response in
                #expect(response.status == .ok && response.headers[.contentType] == Self.xlsx)
            }
            let listed = try await client.execute(uri: "/v1/documents?template=order-register", method: .get, headers: bearer(shop1)) {
                try decode(DocumentListing.self, $0)
            }
            #expect(listed.documents.map(\.mediaType) == ["application/pdf", Self.xlsx])
            #expect(listed.documents.map { $0.fileName.hasSuffix(".xlsx") } == [false, true])
            // Clients download statements; they do not issue them.
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(shop1, [.accept: Self.xlsx]),
                body: try body("order-register-ru", template: "order-register", client: "shop-1")
            ) { response in #expect(response.status == .forbidden) }
        }
    }

    @Test func aSpreadsheetOfATemplateWithoutATableExportIsNotAcceptable() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            for uri in ["/v1/documents", "/v1/previews"] {
                try await client.execute(
                    uri: uri, method: .post, headers: bearer(alatoo, [.accept: Self.xlsx]),
                    body: try body("invoice-kgs", template: "invoice", client: "shop-1")
                ) { response in
                    #expect(response.status == .notAcceptable)
                    #expect(String(buffer: response.body).contains("declares no table export"))
                }
            }
        }
        #expect(try await TestService.allDocuments(in: dependencies).isEmpty, "nothing stored, no number used")
    }

    @Test func dataASpreadsheetCannotHoldIsRefusedAndNothingIsStored() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        guard var data = try sampleData("order-register-ru").objectValue, var orders = data["orders"]?.arrayValue,
            var first = orders[0].objectValue
        else { throw TestFailure("order-register-ru has no orders") }
        first["cargo"] = .string(String(repeating: "Щебень ", count: 5_000))  // 35 000 characters: more than a cell holds
        orders[0] = .object(first)
        data["orders"] = .array(orders)
        let request: JSONObject = ["template": "order-register", "client": "shop-1", "data": .object(data)]
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(alatoo, [.accept: Self.xlsx]),
                body: ByteBuffer(string: JSONValue.object(request).jsonText)
            ) { response in
                #expect(response.status == .unprocessableContent, "\(String(buffer: response.body).prefix(300))")
            }
        }
        #expect(try await TestService.allDocuments(in: dependencies).isEmpty, "no record, no number used")
    }

    @Test func previewsAnswerInTheFormatAccepted() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            for (accept, type, magic) in [
                (Self.xlsx, Self.xlsx, "PK"), ("application/pdf", "application/pdf", "%PDF"), ("image/png", "image/png", "\u{89}PNG"),
            ] {
                try await client.execute(
                    uri: "/v1/previews", method: .post, headers: bearer(alatoo, [.accept: accept]),
                    body: try body("client-list-ru", template: "client-list", client: "shop-1")
                ) { response in
                    #expect(response.status == .ok, "\(accept): \(String(buffer: response.body))")
                    #expect(response.headers[.contentType] == type)
                    #expect(Data(buffer: response.body).starts(with: Data(magic.unicodeScalars.map { UInt8($0.value) })))
                }
            }
        }
        #expect(try await TestService.allDocuments(in: dependencies).isEmpty)
    }

    @Test func aReRenderKeepsASpreadsheetASpreadsheet() async throws {
        let platform = try await dependencies.key("platform", .platform)
        let alatoo = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            let original = try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(alatoo, [.accept: Self.xlsx]),
                body: try body("client-list-ru", template: "client-list", client: "shop-1")
            ) { try decode(CreatedDocument.self, $0) }
            func run() async throws -> BatchJSON {
                let job = try await client.execute(
                    uri: "/v1/batches", method: .post, headers: bearer(platform),
                    body: ByteBuffer(string: #"{"template": "client-list"}"#)
                ) { try decode(BatchJSON.self, $0) }
                await BatchWorker(dependencies: dependencies, concurrency: 1).drain()
                return try await client.execute(uri: job.url, method: .get, headers: bearer(platform)) { try decode(BatchJSON.self, $0) }
            }
            // The same template and data give the same bytes: nothing to reissue.
            let first = try await run()
            #expect(first.total == 1 && first.unchanged == 1, "\(first)")
            // A changed sheet name is a new version, still a spreadsheet.
            let source = try dependencies.templates.current("client-list").source
            let edited = source.replacingOccurrences(of: "{% sheet labels.clients.sheetName", with: "{% sheet labels.clients.title")
            #expect(edited != source)
            _ = try await dependencies.templates.publish(name: "client-list", source: edited, tenantID: nil)
            let second = try await run()
            #expect(second.done == 1, "\(second)")
            let versions = try await dependencies.documents.versions(
                of: original.id, visibleTo: Principal(tenantID: "platform", role: .platform))
            #expect(versions.map(\.mediaType) == [Self.xlsx, Self.xlsx])
            #expect(versions.last?.fileName.hasSuffix(".xlsx") == true)
        }
    }
}
