import DocStore
import Foundation
package import HTTPTypes
package import Hummingbird

/// `GET /healthz` (liveness: the process answers; reports whether the store answers too) and
/// `GET /readyz` (for a balancer: 200 only when the store answers and the node is not draining).
///
/// Neither needs a key or says anything about tenants. `/healthz` stays 200 when the store is
/// unreachable, because restarting every node during a database outage helps nobody; `/readyz`
/// answers 503 then, and while the node drains before stopping.
package struct HealthRoutes: Sendable {
    /// How long the store may take to answer a health check, by default
    /// (`ServiceDependencies.storeCheckTimeout`).
    package static let storeTimeout: Duration = .seconds(2)

    package let dependencies: ServiceDependencies

    /// Registers both routes on the router, outside `/v1`.
    package func register(on router: Router<ServiceRequestContext>) {
        router.get("healthz", use: health)
        router.get("readyz", use: ready)
    }

    /// The answer of both routes.
    package struct HealthJSON: Codable, Sendable, Equatable {
        /// `ok`, `degraded` (store unreachable) or `draining`.
        package var status: String
        package var node: String
        /// `reachable` or `unreachable`.
        package var store: String
        /// Why the store did not answer.
        package var storeError: String?
        /// How long the store took to answer, in milliseconds.
        package var storeMilliseconds: Double?
    }

    @Sendable package func health(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let report = await check()
        return try JSONResponse.make(report, headers: [.cacheControl: "no-store"])
    }

    @Sendable package func ready(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var report = await check()
        if dependencies.readiness.isDraining { report.status = "draining" }
        return try JSONResponse.make(
            report, status: report.status == "ok" ? .ok : .serviceUnavailable, headers: [.cacheControl: "no-store"])
    }

    /// Pings the store, at most `storeCheckTimeout`.
    package func check() async -> HealthJSON {
        let store = dependencies.store
        let timeout = dependencies.storeCheckTimeout
        let start = ContinuousClock.now
        let outcome: Result<Void, any Error> = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                do {
                    try await store.ping()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(StorageError.database("no answer within \(timeout)"))
        }
        switch outcome {
        case .success:
            return HealthJSON(
                status: "ok", node: dependencies.nodeID, store: "reachable",
                storeMilliseconds: ((ContinuousClock.now - start).seconds * 10_000).rounded() / 10)
        case .failure(let error):
            return HealthJSON(
                status: "degraded", node: dependencies.nodeID, store: "unreachable", storeError: "\(error)")
        }
    }
}

/// Adds `X-DocEngine-Node: <node id>` to every successful answer, so a caller behind a balancer
/// (and a test) can tell which node served it. (Errors are answered further out, by Hummingbird,
/// from the thrown error; they go without it.)
package struct NodeHeaderMiddleware: RouterMiddleware {
    package typealias Context = ServiceRequestContext
    /// The header's name.
    package static let headerName = HTTPField.Name("X-DocEngine-Node")!

    package let nodeID: String

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.headerName] = nodeID
        return response
    }
}
