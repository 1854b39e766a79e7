import Foundation
import Metrics
package import Prometheus

/// The service's Prometheus metrics, in a registry of their own that the application is given.
///
/// Hummingbird's `MetricsMiddleware` records through swift-metrics, whose backend is chosen once
/// per process: `bootstrapSwiftMetrics()` points it at this registry (the `serve` command does,
/// once), so `/metrics` shows both. Tests make a registry each and read exact values from it.
///
/// Besides what `MetricsMiddleware` records (`hb_requests`, `hb_request_errors`,
/// `http_server_request_duration_*`, `http_server_active_requests`), it owns:
/// `docengine_render_duration_seconds{template}`, `docengine_render_queue_depth`,
/// `docengine_batch_queue_depth`, `docengine_overload_rejections_total`,
/// `docengine_batch_items_total{outcome}` and `docengine_http_errors_total{route,method,status_class}`.
///
/// On a node of a cluster (`serve --node-id`), every metric, Hummingbird's included, carries a
/// `node` label, so a scraper that does not add its own instance label still tells nodes apart.
package final class ServiceMetrics: Sendable {
    /// The Prometheus text exposition format served at `/metrics`.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// How many distinct template names get their own render histogram; later ones share
    /// `template="other"`, because template names will come from tenants (`PUT /v1/templates`).
    package static let maximumTemplateLabels = 64
    /// The label value for templates past `maximumTemplateLabels`.
    package static let overflowTemplateLabel = "other"
    /// Render-time buckets: a one-page invoice takes milliseconds, a 400-line one about a second.
    package static let renderBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30),
    ]

    /// Every collector, Hummingbird's included.
    package let registry: PrometheusCollectorRegistry
    private let renderQueueDepth: Prometheus.Gauge
    private let batchQueueDepth: Prometheus.Gauge
    private let overloads: Prometheus.Counter
    /// The template names that have their own label so far.
    private let templateLabels = TemplateLabelSet()
    /// `[("node", id)]` on a cluster's node, else nothing.
    private let nodeLabels: [(String, String)]

    /// Metrics in a registry of their own; swift-metrics records into it only after `bootstrapSwiftMetrics()`.
    /// - Parameter nodeID: this node's id, added as the `node` label of every metric; nil adds none.
    package init(nodeID: String? = nil) {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        let nodeLabels = nodeID.map { [("node", $0)] } ?? []
        self.nodeLabels = nodeLabels
        renderQueueDepth = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "docengine", metricName: "render_queue_depth", unitName: "",
                helpText: "Renders waiting for a pipeline."), labels: nodeLabels)
        batchQueueDepth = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "docengine", metricName: "batch_queue_depth", unitName: "",
                helpText: "Batch items not yet rendered."), labels: nodeLabels)
        overloads = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "docengine", metricName: "overload_rejections", unitName: "total",
                helpText: "Requests answered 503 because the render queue was full."), labels: nodeLabels)
    }

    /// Makes swift-metrics (and so Hummingbird's `MetricsMiddleware`) record into this registry.
    /// swift-metrics allows this once per process: call it from the process's entry point.
    package func bootstrapSwiftMetrics() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let nodeLabels = self.nodeLabels
        factory.nameAndLabelSanitizer = { name, labels in (name, labels + nodeLabels) }
        MetricsSystem.bootstrap(factory)
    }

    /// Records one render's duration under its template.
    /// - Parameters:
    ///   - template: the template name, e.g. `invoice`.
    ///   - seconds: layout plus PDF (or PNG) output, in seconds.
    package func recordRender(template: String, seconds: Double) {
        let label = templateLabels.admit(template, limit: Self.maximumTemplateLabels) ? template : Self.overflowTemplateLabel
        let histogram = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "docengine", metricName: "render_duration", unitName: "seconds",
                helpText: "Time to lay out and write one document, by template."),
            labels: [("template", label)] + nodeLabels, buckets: Self.renderBuckets)
        histogram.record(.nanoseconds(Int64((max(seconds, 0) * 1e9).rounded())))
    }

    /// Sets how many renders are waiting for a pipeline.
    package func setRenderQueueDepth(_ n: Int) {
        renderQueueDepth.set(to: Double(n))
    }

    /// Sets how many batch items are pending.
    package func setBatchQueueDepth(_ n: Int) {
        batchQueueDepth.set(to: Double(n))
    }

    /// Counts one batch item this node rendered, by how it ended (`done`, `unchanged`, `failed`).
    package func recordBatchItem(outcome: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "docengine", subsystem: "batch", metricName: "items", unitName: "total",
                helpText: "Batch items this node rendered, by outcome."),
            labels: [("outcome", outcome)] + nodeLabels
        ).increment()
    }

    /// Counts one request refused with 503 because the service was overloaded.
    package func recordOverload() {
        overloads.increment()
    }

    /// Counts one answer with status 400 or more, whether thrown or returned.
    /// - Parameters:
    ///   - route: the matched route pattern (`/v1/documents/{id}`), never the raw path, so the
    ///     number of series stays bounded; `NotFound` when no route matched.
    ///   - method: the request method.
    ///   - status: the response status code.
    package func recordError(route: String, method: String, status: Int) {
        guard status >= 400 else { return }
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "docengine", subsystem: "http", metricName: "errors", unitName: "total",
                helpText: "Answers with status 400 or more, by route, method and status class."),
            labels: [("route", route), ("method", method), ("status_class", "\(status / 100)xx")] + nodeLabels
        ).increment()
    }

    /// Every metric in the Prometheus text exposition format.
    package func exposition() -> String {
        registry.emitToString()
    }
}

/// The set of template names admitted as labels, under a lock.
///
/// `@unchecked Sendable`: `names` is only touched inside `lock`.
private final class TemplateLabelSet: @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String> = []

    /// Whether `name` has (or now gets) its own label: true while fewer than `limit` names are known.
    func admit(_ name: String, limit: Int) -> Bool {
        lock.withLock {
            if names.contains(name) { return true }
            guard names.count < limit else { return false }
            names.insert(name)
            return true
        }
    }
}
