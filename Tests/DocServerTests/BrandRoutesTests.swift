import DocEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

/// `PUT /v1/brands/{id}` and `GET /v1/brands/{id}` through the service's router.
@Suite struct BrandRoutesTests {
    static let boundary = "brand-files-7MA4YWxkTrZu0gW"

    let dependencies: ServiceDependencies

    init() async throws {
        dependencies = try await TestService.makeDependencies()
    }

    // MARK: Publishing

    @Test func aChangedBrandIsANewVersionAndTheSameFilesAreNot() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        let files = try alatooFiles(accent: "#FF0000")
        try await app().test(.router) { client in
            let created = try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: multipartHeaders(key), body: multipart(files)
            ) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/v1/brands/alatoo")
                return try decode(PublishedBrand.self, response)
            }
            #expect(created.id == "alatoo" && created.version == 2 && created.displayName == "Ала-Тоо Логистик")
            #expect(created.fingerprint.hasPrefix("sha256:") && created.fingerprint != BrandRegistryTests.alatooFingerprint)
            #expect(dependencies.brands.current("alatoo")?.brand.accentColor == Color(hex: "#FF0000"))

            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: multipartHeaders(key), body: multipart(files)
            ) { response in
                #expect(response.status == .ok, "the same files again are not a new version")
                let again = try decode(PublishedBrand.self, response)
                #expect(again == created)
            }
            try await client.execute(uri: "/v1/brands/alatoo", method: .get, headers: bearer(key)) { response in
                #expect(response.status == .ok)
                let details = try decode(BrandDetails.self, response)
                #expect(details.version == 2 && details.fingerprint == created.fingerprint)
                #expect(details.versions.map(\.version) == [1, 2])
                #expect(details.versions.first?.fingerprint == BrandRegistryTests.alatooFingerprint)
                #expect(details.versions.first?.createdAt == "2026-11-22T12:00:00Z")
            }
        }
        #expect(try await dependencies.brands.version("alatoo", 1)?.brand.version == BrandRegistryTests.alatooFingerprint)
    }

    @Test func partsWithoutAFileNameAreNamedByTheirField() async throws {
        let key = try await dependencies.key("trackcom", .platform)
        let manifest = ##"{"id": "acme", "displayName": "Acme Cargo", "accentColor": "#123456"}"##
        var data = Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"brand.json\"\r\n\r\n".utf8)
        data += Data(manifest.utf8) + Data("\r\n--\(Self.boundary)--\r\n".utf8)
        let body = ByteBuffer(bytes: data)
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/acme", method: .put, headers: multipartHeaders(key), body: body
            ) { response in
                #expect(response.status == .created)
                let published = try decode(PublishedBrand.self, response)
                #expect(published.version == 1)
            }
        }
    }

    @Test func jsonAloneIsABrandWithoutImages() async throws {
        let key = try await dependencies.key("trackcom", .platform)
        let manifest = ##"{"id": "acme", "displayName": "Acme Cargo", "accentColor": "#123456"}"##
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/acme", method: .put, headers: bearer(key, [.contentType: "application/json"]),
                body: ByteBuffer(string: manifest)
            ) { response in
                #expect(response.status == .created)
                let published = try decode(PublishedBrand.self, response)
                #expect(published.id == "acme" && published.version == 1 && published.displayName == "Acme Cargo")
            }
            try await client.execute(
                uri: "/v1/brands/acme", method: .put, headers: bearer(key, [.contentType: "text/plain"]),
                body: ByteBuffer(string: manifest)
            ) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
        #expect(dependencies.brands.current("acme")?.tenantID == "acme")
    }

    // MARK: Who may publish

    @Test func otherTenantsAndClientsGet404() async throws {
        let reseller = try await dependencies.key("alatoo", .reseller)
        let client = try await dependencies.key("alatoo", .client)
        let files = try alatooFiles(accent: "#FF0000")
        try await app().test(.router) { http in
            for (key, brand) in [(reseller, "silkway"), (reseller, "nonexistent"), (client, "alatoo"), (client, "silkway")] {
                try await http.execute(
                    uri: "/v1/brands/\(brand)", method: .put, headers: multipartHeaders(key), body: multipart(files)
                ) { response in
                    #expect(response.status == .notFound, "PUT \(brand)")
                    let answer = try decode(ErrorAnswer.self, response)
                    #expect(answer.message == "not found: brand `\(brand)`")
                }
                try await http.execute(uri: "/v1/brands/\(brand)", method: .get, headers: bearer(key)) { response in
                    #expect(response.status == .notFound, "GET \(brand)")
                }
            }
            try await http.execute(uri: "/v1/brands/alatoo", method: .get, headers: bearer(reseller)) { response in
                #expect(response.status == .ok, "a reseller reads its own brand")
            }
        }
        #expect(dependencies.brands.current("alatoo")?.version == 1)
        #expect(dependencies.brands.current("silkway")?.version == 1)
    }

    // MARK: Refusals

    @Test func anInvalidBrandIs422WithEveryFieldError() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        let brokenPNG = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        let files = try alatooFiles(accent: "red").map { file in (file.name, file.name == "stamp.png" ? brokenPNG : file.data) }
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: multipartHeaders(key), body: multipart(files)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let answer = try decode(ErrorAnswer.self, response)
                #expect(answer.message == #"brand: brand.json: accentColor: expected #RRGGBB, found "red""#)
                let errors = try #require(answer.errors)
                #expect(errors.count == 2 && answer.hints.count == 1)
                #expect(errors.first == BrandProblem(file: "brand.json", field: "accentColor", message: #"expected #RRGGBB, found "red""#))
                #expect(errors.contains { $0.file == "stamp.png" && $0.field == nil && !$0.message.isEmpty })
            }
        }
        #expect(dependencies.brands.current("alatoo")?.version == 1)
        #expect(try await dependencies.store.brands.history("alatoo").count == 1, "nothing of the refused brand is stored")
    }

    @Test(arguments: [
        ("no closing boundary", "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"brand.json\"\r\n\r\n{}"),
        ("no Content-Disposition", "--B\r\nContent-Type: application/json\r\n\r\n{}\r\n--B--\r\n"),
        ("a folder in the name", "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../brand.json\"\r\n\r\n{}\r\n--B--\r\n"),
        ("a name twice",
         "--B\r\nContent-Disposition: form-data; filename=\"brand.json\"\r\n\r\n{}\r\n"
            + "--B\r\nContent-Disposition: form-data; filename=\"brand.json\"\r\n\r\n{}\r\n--B--\r\n"),
        ("no parts", "--B--\r\n"),
        ("broken headers", "--B\r\nContent Disposition form-data\r\n\r\n{}\r\n--B--\r\n"),
        // Found by schemathesis (issue 11): a header name byte ≥ 0x80 crashed the service inside
        // MultipartKit (an index out of its 128-entry table).
        ("a non-ASCII header name", "--B\r\n\u{D4}\u{80}\u{D3}--B--\r\n"),
        ("a non-ASCII header name before a colon", "--B\r\nNäme: x\r\n\r\n{}\r\n--B--\r\n"),
    ])
    func aMalformedBodyIs400(label: String, body: String) async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put,
                headers: bearer(key, [.contentType: "multipart/form-data; boundary=B"]), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .badRequest, "\(label): \(String(buffer: response.body))")
            }
        }
        #expect(dependencies.brands.current("alatoo")?.version == 1)
    }

    @Test func aMultipartTypeWithoutBoundaryIs400() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: bearer(key, [.contentType: "multipart/form-data"]),
                body: ByteBuffer(string: "--B--")
            ) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        var configuration = ServiceConfiguration()
        configuration.maxRequestBodySize = 1024
        try await app(configuration).test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo", method: .put, headers: multipartHeaders(key),
                body: multipart(try alatooFiles(accent: "#FF0000"))
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    // MARK: Field errors

    @Test(arguments: [
        ("brand.json: legal.bank.account: required but missing", "brand.json", "legal.bank.account", "required but missing"),
        (#"brand.json: unknown key "acentColor"; did you mean "accentColor"?"#, "brand.json", nil,
         #"unknown key "acentColor"; did you mean "accentColor"?"#),
        ("brand.json: invalid JSON: line 1, column 60: trailing comma", "brand.json", nil, "invalid JSON: line 1, column 60: trailing comma"),
        ("stamp.png: unreadable image (bad header)", "stamp.png", nil, "unreadable image (bad header)"),
        ("logo.png, logo.svg: more than one logo; keep only one", "logo.png, logo.svg", nil, "more than one logo; keep only one"),
        ("id: expected lowercase letters", nil, "id", "expected lowercase letters"),
        ("signature.json: strokes[0].points: too few", "signature.json", "strokes[0].points", "too few"),
    ] as [(String, String?, String?, String)])
    func problemsAreSplitIntoFileFieldAndMessage(text: String, file: String?, field: String?, message: String) {
        #expect(BrandProblem(parsing: text) == BrandProblem(file: file, field: field, message: message))
    }

    // MARK: Helpers

    private func app(_ configuration: ServiceConfiguration = ServiceConfiguration()) -> some ApplicationProtocol {
        buildApplication(configuration: configuration, dependencies: dependencies)
    }

    private func multipartHeaders(_ key: String) -> HTTPFields {
        bearer(key, [.contentType: "multipart/form-data; boundary=\"\(Self.boundary)\""])
    }

    /// alatoo's sample files, brand.json's accent colour replaced.
    private func alatooFiles(accent: String) throws -> [(name: String, data: Data)] {
        try alatooSample().map { name, data in
            (name, name == "brand.json" ? BrandRegistryTests.replacingAccent([name: data], with: accent) : data)
        }
    }

    private func alatooSample() throws -> [(name: String, data: Data)] {
        let folder = repositoryRoot.appendingPathComponent("SampleData/brands/alatoo")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            (name, try Data(contentsOf: folder.appendingPathComponent(name)))
        }
    }

    /// A `multipart/form-data` body with one part per file, as a browser sends a file input.
    private func multipart(_ files: [(name: String, data: Data)]) -> ByteBuffer {
        var body = Data()
        for (name, data) in files {
            body += Data("--\(Self.boundary)\r\n".utf8)
            body += Data("Content-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n".utf8)
            body += Data("Content-Type: application/octet-stream\r\n\r\n".utf8)
            body += data + Data("\r\n".utf8)
        }
        body += Data("--\(Self.boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }
}

/// The JSON of an error answer, with the brand field errors when present.
private struct ErrorAnswer: Decodable {
    var message: String
    var hints: [String]
    var errors: [BrandProblem]?
}
