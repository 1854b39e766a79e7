import Prometheus
package import Hummingbird

/// `GET /metrics`: every metric of the process in the Prometheus text format.
///
/// Needs no API key, like `/healthz`: it carries no tenant data (labels are route patterns,
/// methods, status classes and template names, never ids or paths).
package struct MetricsRoutes: Sendable {
    /// The metrics served.
    package let metrics: ServiceMetrics

    /// Registers `GET /metrics` on the router, outside the authenticated `/v1` group.
    package func register(on router: Router<ServiceRequestContext>) {
        router.get("metrics", use: exposition)
    }

    /// The exposition, `text/plain; version=0.0.4`.
    @Sendable package func exposition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: ServiceMetrics.contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
    }
}

/// Counts every answer with status 400 or more in `docengine_http_errors_total{route, method,
/// status_class}`, whether a handler threw it or returned it.
///
/// Hummingbird's `MetricsMiddleware` counts thrown errors only, by exact status; this one also
/// sees returned 4xx/5xx responses and groups them by class, which is what alerts look at.
/// Add it outside `ErrorJSONMiddleware`, which turns every error into an `HTTPResponseError`.
package struct ErrorMetricsMiddleware: RouterMiddleware {
    package typealias Context = ServiceRequestContext

    /// Where errors are counted.
    package let metrics: ServiceMetrics

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            if response.status.code >= 400 { record(request, context: context, status: response.status.code) }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? HTTPResponse.Status.internalServerError.code
            record(request, context: context, status: status)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int) {
        metrics.recordError(
            route: context.endpointPath ?? "NotFound", method: request.method.rawValue, status: status)
    }
}
