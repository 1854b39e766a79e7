import Foundation
import Hummingbird
import HummingbirdTesting
import Metrics
import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

/// `/metrics` and `ServiceMetrics`.
///
/// swift-metrics' backend is chosen once per process: this suite's `processMetrics` is that backend
/// (Hummingbird's middleware records there), so tests through it use routes and names of their own
/// and check only their own series; exact values (gauges, the template cap) are checked on
/// separate instances.
@Suite struct MetricsTests {
    /// The registry swift-metrics records into for this whole test process.
    static let processMetrics: ServiceMetrics = {
        let metrics = ServiceMetrics()
        metrics.bootstrapSwiftMetrics()
        return metrics
    }()

    // MARK: Through HTTP

    @Test func metricsNeedNoKeyAndCountRequestsAndErrorsByRoute() async throws {
        let app = Application(router: Self.router())
        try await app.test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/metrics-tests/ok", method: .get) { #expect($0.status == .ok) }
            }
            for id in ["42", "43"] {
                try await client.execute(uri: "/metrics-tests/fail/\(id)", method: .get) { response in
                    #expect(response.status == .unprocessableContent)
                }
            }
            try await client.execute(uri: "/metrics-tests/teapot", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/metrics-tests/no/such/route", method: .get) { response in
                #expect(response.status == .notFound)
            }

            let text = try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == ServiceMetrics.contentType)
                return String(buffer: response.body)
            }
            let samples = try PrometheusText(text)
            #expect(
                samples.value(
                    "hb_requests",
                    ["http_route": "/metrics-tests/ok", "http_request_method": "GET", "http_response_status_code": "200"])
                    == 3)
            #expect(
                samples.value(
                    "http_server_request_duration_count",
                    ["http_route": "/metrics-tests/ok", "http_request_method": "GET", "http_response_status_code": "200"])
                    == 3)
            // Thrown errors: Hummingbird's counter by exact status, ours by class; the route is
            // the pattern, never the id in the path.
            #expect(
                samples.value(
                    "hb_request_errors",
                    ["http_route": "/metrics-tests/fail/{id}", "http_request_method": "GET", "error_type": "422"])
                    == 2)
            #expect(
                samples.value(
                    "docengine_http_errors_total",
                    ["route": "/metrics-tests/fail/{id}", "method": "GET", "status_class": "4xx"]) == 2)
            // A returned (not thrown) 503 is an error too.
            #expect(
                samples.value(
                    "docengine_http_errors_total",
                    ["route": "/metrics-tests/teapot", "method": "GET", "status_class": "5xx"]) == 1)
            #expect(
                (samples.value("docengine_http_errors_total", ["route": "NotFound", "method": "GET", "status_class": "4xx"])
                    ?? 0) >= 1)
            #expect(!text.contains("\"/metrics-tests/fail/42\""))
        }
    }

    @Test func openAPIDescribesMetrics() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(openAPIOperations(text).contains("GET /metrics"))
    }

    // MARK: ServiceMetrics

    @Test func rendersAreHistogramsByTemplate() throws {
        let metrics = ServiceMetrics()
        metrics.recordRender(template: "invoice", seconds: 0.03)
        metrics.recordRender(template: "invoice", seconds: 0.2)
        metrics.recordRender(template: "act", seconds: 1.5)
        let samples = try PrometheusText(metrics.exposition())
        let bucket = "docengine_render_duration_seconds_bucket"
        #expect(samples.value(bucket, ["template": "invoice", "le": "0.025"]) == 0)
        #expect(samples.value(bucket, ["template": "invoice", "le": "0.05"]) == 1)
        #expect(samples.value(bucket, ["template": "invoice", "le": "0.25"]) == 2)
        #expect(samples.value(bucket, ["template": "invoice", "le": "+Inf"]) == 2)
        #expect(samples.value("docengine_render_duration_seconds_count", ["template": "invoice"]) == 2)
        #expect(samples.value("docengine_render_duration_seconds_count", ["template": "act"]) == 1)
        let sum = try #require(samples.value("docengine_render_duration_seconds_sum", ["template": "invoice"]))
        #expect(abs(sum - 0.23) < 1e-6)
    }

    @Test func templateLabelsAreCapped() throws {
        let metrics = ServiceMetrics()
        for index in 0..<(ServiceMetrics.maximumTemplateLabels + 5) {
            metrics.recordRender(template: "t\(index)", seconds: 0.01)
        }
        metrics.recordRender(template: "t0", seconds: 0.01)
        let samples = try PrometheusText(metrics.exposition())
        let count = "docengine_render_duration_seconds_count"
        #expect(samples.value(count, ["template": "t0"]) == 2)
        #expect(samples.value(count, ["template": "t\(ServiceMetrics.maximumTemplateLabels - 1)"]) == 1)
        #expect(samples.value(count, ["template": "t\(ServiceMetrics.maximumTemplateLabels)"]) == nil)
        #expect(samples.value(count, ["template": ServiceMetrics.overflowTemplateLabel]) == 5)
    }

    @Test func queueDepthsAreGaugesAndOverloadsACounter() throws {
        let metrics = ServiceMetrics()
        metrics.setRenderQueueDepth(5)
        metrics.setRenderQueueDepth(2)
        metrics.setBatchQueueDepth(1200)
        metrics.recordOverload()
        metrics.recordOverload()
        let samples = try PrometheusText(metrics.exposition())
        #expect(samples.value("docengine_render_queue_depth", [:]) == 2)
        #expect(samples.value("docengine_batch_queue_depth", [:]) == 1200)
        #expect(samples.value("docengine_overload_rejections_total", [:]) == 2)
        #expect(samples.types["docengine_render_queue_depth"] == "gauge")
        #expect(samples.types["docengine_overload_rejections_total"] == "counter")
        #expect(samples.types["docengine_render_duration_seconds"] == nil, "no series before the first render")
    }

    @Test func swiftMetricsRecordIntoTheBootstrappedRegistry() throws {
        let metrics = Self.processMetrics
        Counter(label: "metrics_tests_bootstrap", dimensions: [("probe", "yes")]).increment(by: 4)
        let samples = try PrometheusText(metrics.exposition())
        #expect(samples.value("metrics_tests_bootstrap", ["probe": "yes"]) == 4)
    }

    // MARK: Helpers

    /// The service's middleware stack (as in `buildRouter`) around routes of this suite's own.
    static func router() -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorMetricsMiddleware(metrics: processMetrics))
        router.add(middleware: ErrorJSONMiddleware())
        router.get("metrics-tests/ok") { _, _ in "ok" }
        router.get("metrics-tests/fail/{id}") { _, _ -> String in throw ServiceError.unprocessable("no") }
        router.get("metrics-tests/teapot") { _, _ in Response(status: .serviceUnavailable) }
        MetricsRoutes(metrics: processMetrics).register(on: router)
        return router
    }
}

/// A parsed Prometheus text exposition: sample values by name and labels, and `# TYPE`s.
/// Parsing it also checks every line has the format's shape.
struct PrometheusText {
    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var description: String { "not a Prometheus sample line: \(line)" }
    }

    /// `name{sorted labels}` → value.
    private(set) var samples: [String: Double] = [:]
    /// Metric family name → `counter`, `gauge` or `histogram`.
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4 else { throw Malformed(line: String(line)) }
                types[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("#") { continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw Malformed(line: String(line))
            }
            let series = line[..<space]
            let name: Substring
            var labels: [String: String] = [:]
            if let brace = series.firstIndex(of: "{") {
                guard series.hasSuffix("}") else { throw Malformed(line: String(line)) }
                name = series[..<brace]
                let body = series[series.index(after: brace)..<series.index(before: series.endIndex)]
                labels = try Self.labels(body, line: String(line))
            } else {
                name = series
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }) else {
                throw Malformed(line: String(line))
            }
            samples[Self.key(String(name), labels)] = value
        }
    }

    /// The value of the series `name` with exactly `labels`, or nil when it is not exposed.
    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples[Self.key(name, labels)]
    }

    private static func key(_ name: String, _ labels: [String: String]) -> String {
        name + "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
    }

    /// `a="x",b="y"` with `\"`, `\\` and `\n` escapes in values.
    private static func labels(_ text: Substring, line: String) throws -> [String: String] {
        var labels: [String: String] = [:]
        var rest = text[...]
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "=") else { throw Malformed(line: line) }
            let name = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
            guard rest.first == "\"" else { throw Malformed(line: line) }
            rest = rest.dropFirst()
            var value = ""
            var closed = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if character == "\\" {
                    guard let escaped = rest.first else { throw Malformed(line: line) }
                    rest = rest.dropFirst()
                    value.append(escaped == "n" ? "\n" : escaped)
                } else if character == "\"" {
                    closed = true
                    break
                } else {
                    value.append(character)
                }
            }
            guard closed, !name.isEmpty else { throw Malformed(line: line) }
            labels[name] = value
            if rest.first == "," { rest = rest.dropFirst() }
        }
        return labels
    }
}
