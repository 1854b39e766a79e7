import Foundation
import Hummingbird
import HummingbirdTesting
import Templates
import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

/// `GET/PUT /v1/templates/{name}`: versions kept, only compiling sources accepted.
@Suite struct TemplateRoutesTests {
    let dependencies: ServiceDependencies
    init() async throws { dependencies = try await TestService.makeDependencies() }

    @Test func builtInTemplatesAreVersionOne() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/templates/invoice", method: .get, headers: bearer(key)) { response in
                #expect(response.status == .ok)
                let template = try decode(TemplateRoutes.TemplateJSON.self, response)
                #expect(template.version == 1 && template.versions.map(\.version) == [1])
                #expect(template.origin == "built-in")
                #expect(template.source.contains("include"), "the built-in invoice source")
                let independent = try execute("sha256sum", ["-"], input: Data(template.source.utf8)).stdout.prefix(64)
                #expect(template.sha256 == String(independent))
            }
            try await client.execute(uri: "/v1/templates/nothing", method: .get, headers: bearer(key)) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func aCompilingSourceBecomesTheNextVersionAndIsUsed() async throws {
        let platform = try await dependencies.key("platform", .platform)
        let original = try dependencies.templates.current("invoice").source
        let edited = original.replacingOccurrences(of: "{{", with: "{{", options: [], range: nil) + "\n"
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/templates/invoice", method: .put, headers: bearer(platform), body: ByteBuffer(string: edited)
            ) { response in
                #expect(response.status == .created)
                let version = try decode(TemplateRoutes.VersionJSON.self, response)
                #expect(version.version == 2 && version.origin == "published")
                #expect(response.headers[.location] == "/v1/templates/invoice?version=2")
            }
            // The same source again is no new version.
            try await client.execute(
                uri: "/v1/templates/invoice", method: .put, headers: bearer(platform), body: ByteBuffer(string: edited)
            ) { response in
                #expect(response.status == .ok)
                let version = try decode(TemplateRoutes.VersionJSON.self, response)
                #expect(version.version == 2)
            }
            try await client.execute(uri: "/v1/templates/invoice?version=1", method: .get, headers: bearer(platform)) {
                let template = try decode(TemplateRoutes.TemplateJSON.self, $0)
                #expect(template.version == 1 && template.source == original && template.versions.count == 2)
            }
            // New documents record the new version.
            let created = try await client.execute(
                uri: "/v1/documents", method: .post, headers: bearer(platform),
                body: try documentBody("invoice-kgs", template: "invoice")
            ) { try decode(CreatedDocument.self, $0) }
            #expect(created.templateVersion == "2")
        }
    }

    @Test func aSourceWithMistakesIsRefusedWithEveryDiagnostic() async throws {
        let platform = try await dependencies.key("platform", .platform)
        let broken = """
            {{ order.id | upper(1) }}
            {% if order.id %}
            {{ order.id | nosuchfilter }}
            """
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/templates/invoice", method: .put, headers: bearer(platform), body: ByteBuffer(string: broken)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = try decode(ErrorJSON.self, response)
                #expect(error.diagnostics?.count == 3, "\(error)")
                #expect(error.diagnostics?.allSatisfy { $0.file == "invoice.doc" && $0.line >= 1 && $0.column >= 1 } == true)
                #expect(error.diagnostics?.contains { $0.line == 1 && $0.column == 15 && $0.message.contains("upper") } == true)
                #expect(error.diagnostics?.contains { $0.line == 3 && $0.message.contains("nosuchfilter") } == true)
            }
            // Nothing was stored.
            let stored = try await client.execute(uri: "/v1/templates/invoice", method: .get, headers: bearer(platform)) {
                try decode(TemplateRoutes.TemplateJSON.self, $0)
            }
            #expect(stored.versions.count == 1)
        }
    }

    @Test func onlyPlatformKeysPublish() async throws {
        let reseller = try await dependencies.key("alatoo", .reseller)
        let source = try dependencies.templates.current("act").source
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/templates/act", method: .put, headers: bearer(reseller), body: ByteBuffer(string: source)
            ) { #expect($0.status == .forbidden) }
        }
        #expect(try dependencies.templates.current("act").version == 1)
    }

    private func app() -> some ApplicationProtocol {
        buildApplication(configuration: ServiceConfiguration(), dependencies: dependencies)
    }
}

/// The service's JSON error body.
struct ErrorJSON: Decodable, CustomStringConvertible {
    var message: String
    var line: Int?
    var column: Int?
    var hints: [String]
    var diagnostics: [DiagnosticJSON]?
    var description: String { "\(message) \(diagnostics ?? [])" }
}
