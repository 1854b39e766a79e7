import DocTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The built `docengine serve` as a real process on a loopback port, driven over HTTP: what
/// `app.test(.router)` cannot show (argument parsing, startup recovery, the bound address,
/// signals and a clean exit).
@Suite(.serialized) struct ServeEndToEndTests {
    /// How long startup (opening the database, loading fonts, brands and templates) may take.
    static let startupTimeout: TimeInterval = 180
    /// How long the server may take to stop after SIGTERM.
    static let shutdownTimeout: TimeInterval = 20

    @Test func serveAnswersOverHTTPAndStopsOnSIGTERM() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: docengineBinary.path),
            "build docengine first: swift build --build-tests")
        let data = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }

        let server = try ServerProcess(
            arguments: ["serve", "--port", "0", "--data", data.path])
        defer { server.terminateIfRunning() }
        let base = try await server.waitForAddress(timeout: Self.startupTimeout)
        #expect(base.hasPrefix("http://127.0.0.1:"))

        let created = try execute(
            docengineBinary.path, ["keys", "create", "--tenant", "platform", "--role", "platform", "--data", data.path])
        #expect(created.status == 0, "\(created.stderr)")
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("dk_") && !key.contains("\n"))

        let client = HTTPClient(base: base)
        let health = try await client.send("GET", "/healthz")
        #expect(health.status == 200)
        #expect(String(decoding: health.body, as: UTF8.self).contains(#""status":"ok""#))
        #expect(String(decoding: health.body, as: UTF8.self).contains(#""store":"reachable""#))

        let body = try invoiceBody()
        let anonymous = try await client.send("POST", "/v1/documents", body: body)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"] == "Bearer")

        let auth = ["Authorization": "Bearer \(key)"]
        let posted = try await client.send("POST", "/v1/documents", headers: auth, body: body)
        #expect(posted.status == 201, "\(String(decoding: posted.body, as: UTF8.self))")
        let document = try #require(try JSONSerialization.jsonObject(with: posted.body) as? [String: Any])
        let url = try #require(document["url"] as? String)
        #expect(posted.headers["location"] == url)

        let pdf = try await client.send("GET", url, headers: auth)
        #expect(pdf.status == 200)
        #expect(pdf.body.starts(with: Data("%PDF-".utf8)))
        #expect(pdf.headers["content-type"] == "application/pdf")
        let etag = try #require(pdf.headers["etag"])
        #expect(etag == "\"\(FileStoreAddress.sha256(pdf.body))\"")
        let unchanged = try await client.send("GET", url, headers: auth.merging(["If-None-Match": etag]) { $1 })
        #expect(unchanged.status == 304)
        #expect((try await client.send("GET", url)).status == 401)

        let metrics = try await client.send("GET", "/metrics")
        #expect(metrics.status == 200)
        let samples = try PrometheusText(String(decoding: metrics.body, as: UTF8.self))
        #expect(
            samples.value(
                "hb_requests",
                ["http_route": "/v1/documents", "http_request_method": "POST", "http_response_status_code": "201"]) == 1)
        #expect(
            samples.value(
                "hb_requests",
                ["http_route": "/v1/documents/{id}", "http_request_method": "GET", "http_response_status_code": "304"])
                == 1)
        #expect(
            samples.value("docengine_http_errors_total", ["route": "/v1/documents", "method": "POST", "status_class": "4xx"])
                == 1)

        let status = try await server.stop(timeout: Self.shutdownTimeout)
        #expect(status == .exited(0), "stderr:\n\(server.stderr)")
    }

    /// `{"template": "invoice", "locale": "ru", "data": <invoice-kgs.json>}`.
    private func invoiceBody() throws -> Data {
        let sample = try String(
            contentsOf: repositoryRoot.appendingPathComponent("SampleData/invoice-kgs.json"), encoding: .utf8)
        // Spliced as text, so the sample's decimals keep their exact spelling.
        return Data(#"{"template":"invoice","locale":"ru","data":\#(sample)}"#.utf8)
    }
}

/// The SHA-256 the service uses as a PDF's address and ETag, computed with `sha256sum` so the
/// test does not trust the code under test.
private enum FileStoreAddress {
    static func sha256(_ data: Data) -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("docengine-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? data.write(to: file)) != nil, let result = try? execute("sha256sum", [file.path]) else { return "" }
        return String(result.stdout.prefix { !$0.isWhitespace })
    }
}
