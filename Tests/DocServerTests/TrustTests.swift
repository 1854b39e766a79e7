import Foundation
import Hummingbird
import HummingbirdTesting
import Templates
import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

/// Issue 11, through the real HTTP stack: a reseller is who it says it is, and nothing wrong gets
/// issued. Each test names the hole it closes; before the fix each of these requests succeeded
/// (201 or 200) — the service had no identity rule, no issuer check, no order owner, no number
/// index, no contract check and no 405 — so every expectation of a refusal below failed then.
@Suite struct TrustTests {
    let dependencies: ServiceDependencies
    init() async throws { dependencies = try await TestService.makeDependencies() }

    // MARK: Identity is the platform's, the look is the reseller's

    /// Every identity field a reseller changes is refused with 403 naming that field; before, a
    /// reseller's PUT with `"platform": true` switched off the white-label guard.
    @Test(arguments: [
        ("displayName", JSONValue.string("Silk Way Cargo")), ("platform", true), ("numberPrefix", "SWC-"),
        ("legal.kind", "entrepreneur"), ("legal.name", "Silk Way Cargo LLP"), ("legal.shortName", "Silk Way"),
        ("legal.inn", "180340012345"), ("legal.okpo", "99999999"), ("legal.kpp", "123456789"),
        ("legal.ogrn", "1234567890123"), ("legal.kbe", "17"), ("legal.country", "KZ"),
        ("legal.address", "050010, Almaty, 38 Dostyk Ave"), ("legal.vatPayer", false), ("legal.salesTaxRate", "2"),
        ("legal.passport", ["number": "AN1234567"]),
    ] as [(String, JSONValue)])
    func aResellerCannotChangeItsLegalIdentity(field: String, value: JSONValue) async throws {
        let reseller = try await dependencies.key("alatoo", .reseller)
        let body = try alatooManifest().setting(path(field), to: value)
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: bearer(reseller, [.contentType: "application/json"]),
                body: ByteBuffer(string: body.jsonText)
            ) { response in
                #expect(response.status == .forbidden, "\(field): \(String(buffer: response.body))")
                let answer = try decode(ProblemsAnswer.self, response)
                #expect(answer.errors.map(\.field) == [field], "\(answer.errors)")
            }
        }
        #expect(dependencies.brands.current("alatoo")?.version == 1, "nothing was published")
    }

    @Test func aResellerChangesItsLookAndWordingAndThePlatformItsIdentity() async throws {
        let reseller = try await dependencies.key("alatoo", .reseller)
        let platform = try await dependencies.key("platform", .platform)
        var look = try alatooManifest()
        for (field, value) in [
            ("accentColor", JSONValue.string("#123456")), ("footerNote", "Новый адрес"), ("terms", "1. Новые условия."),
            ("locale", "ky"), ("signer", ["fullName": "Асанова Айгуль"]), ("legal.phone", "+996 555 00-00-00"),
            ("legal.bank", ["name": "ОАО «Бакай Банк»", "account": "1240040001234567"]),
        ] as [(String, JSONValue)] {
            look = look.setting(path(field), to: value)
        }
        let newLook = look
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: bearer(reseller, [.contentType: "application/json"]),
                body: ByteBuffer(string: newLook.jsonText)
            ) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
            let renamed = newLook.setting(["displayName"], to: "Ала-Тоо Логистик Групп")
            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: bearer(platform, [.contentType: "application/json"]),
                body: ByteBuffer(string: renamed.jsonText)
            ) { response in
                #expect(response.status == .created, "the platform sets identity: \(String(buffer: response.body))")
            }
            // A reseller cannot create a brand for itself either: its identity would be its own word.
            let own = ##"{"id": "acme", "displayName": "Acme Cargo", "accentColor": "#123456"}"##
            let acme = try await dependencies.key("acme", .reseller)
            try await client.execute(
                uri: "/v1/brands/acme", method: .put, headers: bearer(acme, [.contentType: "application/json"]),
                body: ByteBuffer(string: own)
            ) { response in
                #expect(response.status == .forbidden, "\(String(buffer: response.body))")
            }
        }
        #expect(dependencies.brands.current("alatoo")?.brand.displayName == "Ала-Тоо Логистик Групп")
    }

    /// Before, a brand could take another reseller's prefix (its invoices then read `SWC-СЧ-…` and
    /// collided with silkway's series) or its tax id. Even the platform gets 409 now.
    @Test func noTwoBrandsShareANumberPrefixOrATaxID() async throws {
        let platform = try await dependencies.key("platform", .platform)
        try await app().test(.router) { client in
            for (field, value, expected) in [
                ("numberPrefix", JSONValue.string("SWC"), "numberPrefix"), ("legal.inn", "180340012345", "legal.inn"),
            ] {
                var manifest = try alatooManifest().setting(path(field), to: value)
                if field == "legal.inn" { manifest = manifest.setting(["legal", "country"], to: "KZ") }
                try await client.execute(
                    uri: "/v1/brands/alatoo", method: .put, headers: bearer(platform, [.contentType: "application/json"]),
                    body: ByteBuffer(string: manifest.jsonText)
                ) { response in
                    #expect(response.status == .conflict, "\(field): \(String(buffer: response.body))")
                    let answer = try decode(ProblemsAnswer.self, response)
                    #expect(answer.errors.map(\.field) == [expected] && answer.message.contains("silkway"), "\(answer)")
                }
            }
        }
        #expect(dependencies.brands.current("alatoo")?.version == 1)
    }

    /// A refused upload writes nothing: no blob, no empty folder.
    @Test func aRefusedUploadLeavesNoFolderBehind() async throws {
        let directory = try makeTemporaryDirectory()
        let dependencies = try await TestService.makeDependencies(directory: directory)
        let before = try tree(directory)
        let reseller = try await dependencies.key("alatoo", .reseller)
        let changed = try alatooManifest().setting(["platform"], to: true)
        try await buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies).test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: bearer(reseller, [.contentType: "application/json"]),
                body: ByteBuffer(string: changed.jsonText)
            ) { #expect($0.status == .forbidden) }
        }
        let after = try tree(directory).filter { !$0.hasPrefix("docengine.sqlite") }
        #expect(after == before.filter { !$0.hasPrefix("docengine.sqlite") })
    }

    // MARK: The issuer is the brand's legal entity

    /// Before, under its own brand a reseller issued an invoice naming another company (with its
    /// bank account) as the supplier.
    @Test func aResellerCannotNameAnotherEntityAsIssuer() async throws {
        let reseller = try await dependencies.key("alatoo", .reseller)
        let platform = try await dependencies.key("platform", .platform)
        // invoice-kzt's issuer is ТОО «Алатау Транс Логистик», БИН 190540021345: not alatoo.
        let foreign = try sampleData("invoice-kzt")
        try await app().test(.router) { client in
            for (uri, brand) in [("/v1/documents", "alatoo"), ("/v1/documents", nil), ("/v1/previews", "alatoo")] {
                try await client.execute(
                    uri: uri, method: .post, headers: bearer(reseller), body: renderBody(foreign, brand: brand)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(uri) \(brand ?? "-"): \(String(buffer: response.body))")
                    let answer = try decode(ProblemsAnswer.self, response)
                    #expect(answer.errors.map(\.field) == ["issuer"], "\(answer)")
                }
            }
            var event = try sampleData("events/completed-ru")
            event = event.setting(["brand"], to: "alatoo").setting(["data", "issuer"], to: foreign["issuer"]!)
            try await client.execute(
                uri: "/v1/orders/ORD-261120-0042/events", method: .post, headers: bearer(reseller),
                body: ByteBuffer(string: event.jsonText)
            ) { #expect($0.status == .unprocessableContent, "\(String(buffer: $0.body))") }
            // The same entity in other words (its Kyrgyz name) is the brand's own.
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(reseller),
                body: renderBody(try sampleData("invoice-ky"), brand: "alatoo")
            ) { #expect($0.status == .created, "\(String(buffer: $0.body))") }
            // The platform may issue for any entity.
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(platform), body: renderBody(foreign, brand: "alatoo")
            ) { #expect($0.status == .created, "\(String(buffer: $0.body))") }
        }
    }

    // MARK: Orders have an owner

    /// Before, silkway sent `assigned` for alatoo's order and got a request numbered in its own series.
    @Test func anotherTenantsOrderDoesNotExistForIt() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        let silkway = try await dependencies.key("silkway", .reseller)
        let platform = try await dependencies.key("platform", .platform)
        let order = "ORD-261120-0042"
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(alatoo),
                body: renderBody(try sampleData("invoice-kgs"), brand: "alatoo")
            ) { #expect($0.status == .created, "\(String(buffer: $0.body))") }

            var event = try sampleData("events/assigned-ru")
            event = event.setting(["brand"], to: "silkway").removing(["data", "issuer"])
            try await client.execute(
                uri: "/v1/orders/\(order)/events", method: .post, headers: bearer(silkway), body: ByteBuffer(string: event.jsonText)
            ) { #expect($0.status == .notFound, "\(String(buffer: $0.body))") }
            try await client.execute(uri: "/v1/documents?order=\(order)", method: .get, headers: bearer(silkway)) {
                #expect($0.status == .notFound, "\(String(buffer: $0.body))")
            }
            let invoice = try sampleData("invoice-kgs").removing(["issuer"]).setting(["document", "number"], to: "")
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(silkway), body: renderBody(invoice, brand: "silkway")
            ) { #expect($0.status == .notFound, "\(String(buffer: $0.body))") }
            // The platform is told whose order it is.
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(platform), body: renderBody(invoice, brand: "silkway")
            ) { #expect($0.status == .conflict, "\(String(buffer: $0.body))") }
            // The owner still lists and extends its order.
            try await client.execute(uri: "/v1/documents?order=\(order)", method: .get, headers: bearer(alatoo)) { response in
                let listing = try decode(DocumentListing.self, response)
                #expect(response.status == .ok && listing.documents.count == 1)
            }
        }
        #expect(try await dependencies.documents.owner(ofOrder: order) == "alatoo")
    }

    // MARK: Numbers are unique

    /// Before, a client-supplied `document.number` equal to an existing one was stored again
    /// (three invoices numbered СЧ-2026-000001).
    @Test func aSecondDocumentWithTheSameNumberIsAConflictNamingTheFirst() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        let invoice = try sampleData("invoice-kgs").removing(["order"]).setting(["document", "number"], to: "АТЛ-СЧ-2026-000001")
        try await app().test(.router) { client in
            let first = try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(key), body: renderBody(invoice, brand: "alatoo")
            ) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                return try decode(CreatedDocument.self, response)
            }
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(key), body: renderBody(invoice, brand: "alatoo")
            ) { response in
                let answer = try decode(ProblemsAnswer.self, response)
                #expect(response.status == .conflict)
                #expect(answer.documentId == first.id, "\(String(buffer: response.body))")
            }
            // The series skips the number the data took instead of giving it twice or sticking on it.
            let next = try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(key),
                body: renderBody(invoice.setting(["document", "number"], to: ""), brand: "alatoo")
            ) { try decode(CreatedDocument.self, $0) }
            #expect(next.number == "АТЛ-СЧ-2026-000002")
            // A number the series gave is taken too.
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(key),
                body: renderBody(invoice.setting(["document", "number"], to: "АТЛ-СЧ-2026-000002"), brand: "alatoo")
            ) { response in
                let answer = try decode(ProblemsAnswer.self, response)
                #expect(response.status == .conflict)
                #expect(answer.documentId == next.id)
            }
        }
    }

    // MARK: Amounts and the data contract over HTTP

    @Test(arguments: [
        (["items", 0, "quantity"], JSONValue.string("-1"), "items[0].quantity"),
        (["items", 0, "quantity"], "0", "items[0].quantity"), (["items", 1, "price"], "-150.00", "items[1].price"),
        (["vat", "rate"], "200", "vat.rate"), (["vat", "rate"], "-12", "vat.rate"),
        (["items", 0, "vatrate"], "0", "items[0].vatrate"), (["issuer", "usesSeal"], "yes", "issuer.usesSeal"),
    ] as [([TestPathStep], JSONValue, String)])
    func impossibleAmountsAndUnknownFieldsAre422WithThePath(step: [TestPathStep], value: JSONValue, field: String) async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        let data = try sampleData("invoice-kgs").setting(step, to: value).setting(["document", "number"], to: "")
        try await app().test(.router) { client in
            for uri in ["/v1/documents", "/v1/previews"] {
                try await client.execute(
                    uri: uri, method: .post, headers: bearer(key), body: renderBody(data, brand: "alatoo")
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(uri): \(String(buffer: response.body))")
                    let answer = try decode(ProblemsAnswer.self, response)
                    #expect(answer.errors.map(\.field) == [field], "\(answer)")
                    if field == "items[0].vatrate" { #expect(answer.message.contains("did you mean vatRate?")) }
                }
            }
        }
        #expect(try await TestService.allDocuments(in: dependencies).isEmpty, "nothing was numbered or stored")
    }

    // MARK: Templates and methods

    /// Before, `PUT /v1/templates/{new name}` created templates that could never be deleted.
    @Test func creatingATemplateIsItsOwnActAndATemplateCanBeRetired() async throws {
        let platform = try await dependencies.key("platform", .platform)
        let reseller = try await dependencies.key("alatoo", .reseller)
        let source = "{% page size=\"A4\" %}\n{{ document.number }}\n"
        let create = JSONValue.object(["name": "waybill", "source": .string(source)]).jsonText
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/templates/waybill", method: .put, headers: bearer(platform, [.contentType: "text/plain"]),
                body: ByteBuffer(string: source)
            ) { #expect($0.status == .notFound, "PUT does not create: \(String(buffer: $0.body))") }
            try await client.execute(
                uri: "/v1/templates", method: .post, headers: bearer(reseller), body: ByteBuffer(string: create)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/v1/templates", method: .post, headers: bearer(platform), body: ByteBuffer(string: create)
            ) { #expect($0.status == .created, "\(String(buffer: $0.body))") }
            try await client.execute(
                uri: "/v1/templates", method: .post, headers: bearer(platform), body: ByteBuffer(string: create)
            ) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/v1/templates/waybill", method: .delete, headers: bearer(reseller)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/v1/templates/waybill", method: .delete, headers: bearer(platform)) {
                #expect($0.status == .ok, "\(String(buffer: $0.body))")
            }
            try await client.execute(uri: "/v1/templates/waybill", method: .get, headers: bearer(reseller)) { response in
                let template = try decode(TemplateRoutes.TemplateJSON.self, response)
                #expect(response.status == .ok && template.retired)
            }
            let body = JSONValue.object(["template": "waybill", "data": try sampleData("invoice-kgs")]).jsonText
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(platform), body: ByteBuffer(string: body)
            ) { #expect($0.status == .notFound, "a retired template issues nothing") }
            try await client.execute(
                uri: "/v1/templates", method: .post, headers: bearer(platform), body: ByteBuffer(string: create)
            ) { #expect($0.status == .conflict, "a retired name is not reused") }
            try await client.execute(uri: "/v1/templates/nothing", method: .delete, headers: bearer(platform)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func aKnownPathWithTheWrongMethodIs405() async throws {
        let key = try await dependencies.key("platform", .platform)
        try await app().test(.router) { client in
            for (method, uri, allowed) in [
                (HTTPRequest.Method.patch, "/v1/documents", "GET, POST"), (.delete, "/v1/documents/abc", "GET"),
                (.get, "/v1/templates", "POST"), (.post, "/healthz", "GET"), (.put, "/v1/batches/x", "DELETE, GET"),
            ] {
                try await client.execute(uri: uri, method: method, headers: bearer(key)) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allowed, "\(method) \(uri)")
                    #expect((try? decode(ProblemsAnswer.self, response)) != nil)
                }
            }
            try await client.execute(uri: "/v1/nothing", method: .get, headers: bearer(key)) {
                #expect($0.status == .notFound)
            }
        }
    }

    // MARK: Files

    /// Before, the SQLite file (key hashes, every tenant's records) was world-readable.
    @Test func theDatabaseAndEveryStoredFileAreReadableByTheOwnerOnly() async throws {
        let directory = try makeTemporaryDirectory()
        let dependencies = try await TestService.makeDependencies(directory: directory)
        let key = try await dependencies.key("alatoo", .reseller)
        try await buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies).test(.router) { client in
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(key),
                body: renderBody(try sampleData("invoice-kgs"), brand: "alatoo")
            ) { #expect($0.status == .created) }
        }
        var checked = 0
        for path in try tree(directory) {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(path).path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            let isFolder = attributes[.type] as? FileAttributeType == .typeDirectory
            #expect(mode & 0o077 == 0, "\(path) is \(String(mode, radix: 8))")
            if !isFolder { checked += 1 }
        }
        for name in ["docengine.sqlite", "docengine.sqlite-wal", "docengine.sqlite-shm"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path), "\(name)")
        }
        #expect(checked >= 5, "the database, its WAL and SHM, a PDF and its data")
    }

    // MARK: Helpers

    /// An error answer with its problems.
    struct ProblemsAnswer: Decodable {
        struct Problem: Decodable {
            var file: String?
            var field: String?
            var message: String
        }
        var message: String
        var errors: [Problem] = []
        var documentId: String?

        enum CodingKeys: String, CodingKey { case message, errors, documentId }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            message = try container.decode(String.self, forKey: .message)
            errors = try container.decodeIfPresent([Problem].self, forKey: .errors) ?? []
            documentId = try container.decodeIfPresent(String.self, forKey: .documentId)
        }
    }

    private func app() -> some ApplicationProtocol {
        buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies)
    }

    private func alatooManifest() throws -> JSONValue {
        try JSONParser.parse(try Data(contentsOf: repositoryRoot.appendingPathComponent("SampleData/brands/alatoo/brand.json")))
    }

    private func path(_ field: String) -> [TestPathStep] { field.split(separator: ".").map { .key(String($0)) } }

    private func renderBody(_ data: JSONValue, brand: String?, template: String = "invoice") -> ByteBuffer {
        var body: JSONObject = ["template": .string(template), "data": data]
        if let brand { body["brand"] = .string(brand) }
        return ByteBuffer(string: JSONValue.object(body).jsonText)
    }

    /// Every file and folder under `directory`, relative, sorted.
    private func tree(_ directory: URL) throws -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
    }
}

/// One step of a path into JSON test data.
enum TestPathStep: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)
    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
    var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): "[\(index)]"
        }
    }
}

extension JSONValue {
    /// A copy with the value at `path` set (objects are created on the way).
    func setting(_ path: [TestPathStep], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch (first, self) {
        case (.key(let key), .object(var object)):
            object[key] = (object[key] ?? .object(JSONObject())).setting(rest, to: value)
            return .object(object)
        case (.index(let index), .array(var elements)) where elements.indices.contains(index):
            elements[index] = elements[index].setting(rest, to: value)
            return .array(elements)
        default:
            return self
        }
    }

    /// A copy without the member at `path`.
    func removing(_ path: [TestPathStep]) -> JSONValue {
        guard case .key(let key)? = path.last else { return self }
        guard path.count > 1 else {
            guard case .object(var object) = self else { return self }
            object[key] = nil
            return .object(object)
        }
        guard case .key(let head) = path[0], case .object(var object) = self, let child = object[head] else { return self }
        object[head] = child.removing(Array(path.dropFirst()))
        return .object(object)
    }
}
