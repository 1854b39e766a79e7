import Logging
import DocPipeline
package import DocStore
package import Foundation
package import Hummingbird
import Templates

/// `POST /v1/batches`, `GET /v1/batches/{id}`, `DELETE /v1/batches/{id}`: re-render stored
/// documents with a template's current version, in the background, resumable after a crash.
package struct BatchRoutes: Sendable {
    /// The members a job body may have.
    package static let members: Set<String> = ["template", "tenant", "belowVersion", "dryRun"]

    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the routes on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("batches", use: create)
        group.get("batches/{id}", use: show)
        group.delete("batches/{id}", use: cancel)
    }

    /// Where a job's progress is read.
    package static func url(of id: String) -> String { "/v1/batches/\(id)" }

    /// `{"template": "invoice", "tenant": "alatoo"?, "belowVersion": 3?, "dryRun": false?}`: every
    /// current (not reissued) document of the template that the key may see, optionally of one
    /// tenant or issued with a template version below `belowVersion`. 202 with the job's progress.
    @Sendable package func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role != .client else {
            throw ServiceError(status: .forbidden, message: "client keys cannot start batch jobs")
        }
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let job = try Self.parse(body)
        _ = try dependencies.templates.current(job.template)
        let documents = try await dependencies.documents.currentVersions(
            of: job.template, tenantID: job.tenant, belowVersion: job.belowVersion, visibleTo: principal)
        guard !documents.isEmpty else {
            // Nothing the key may see matches: the same answer whether or not other tenants have some.
            throw ServiceError.notFound("stored documents of template `\(job.template)` that match")
        }
        let id = try await dependencies.batches.create(
            items: documents.map { NewBatchItem(key: $0.id, payload: $0.id) }, for: principal,
            template: job.template, dryRun: job.dryRun)
        dependencies.batchSignal.notify()
        context.logger.info(
            "batch created",
            metadata: [
                "batch.id": .string(id), "template.name": .string(job.template),
                "batch.total": .stringConvertible(documents.count), "batch.dryRun": .stringConvertible(job.dryRun),
            ])
        guard let progress = try await dependencies.batches.progress(of: id, visibleTo: principal) else {
            throw ServiceError.notFound("batch \(id)")
        }
        return try JSONResponse.make(
            BatchJSON(progress), status: .accepted, headers: [.location: Self.url(of: id)])
    }

    /// The job's progress: counts, failures with reasons, and for a dry run the documents that would change.
    @Sendable package func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard let progress = try await dependencies.batches.progress(of: id, visibleTo: principal) else {
            throw ServiceError.notFound("batch \(id)")
        }
        return try JSONResponse.make(BatchJSON(progress))
    }

    /// Stops the job: items not yet started are not rendered; those in progress finish.
    @Sendable package func cancel(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        guard try await dependencies.batches.progress(of: id, visibleTo: principal) != nil else {
            throw ServiceError.notFound("batch \(id)")
        }
        try await dependencies.batches.cancel(id)
        guard let progress = try await dependencies.batches.progress(of: id, visibleTo: principal) else {
            throw ServiceError.notFound("batch \(id)")
        }
        return try JSONResponse.make(BatchJSON(progress))
    }

    /// A parsed job body.
    package struct Job: Equatable {
        package var template: String
        package var tenant: String?
        package var belowVersion: Int?
        package var dryRun: Bool
    }

    /// - Throws: `ServiceError.badRequest` naming the member at fault.
    package static func parse(_ body: Data) throws(ServiceError) -> Job {
        let object = try JSONBody.object(body, members: members, shape: "{template, tenant?, belowVersion?, dryRun?}")
        guard let template = object["template"]?.stringValue, !template.isEmpty else {
            throw ServiceError.badRequest("template: expected a template name, e.g. \"invoice\"")
        }
        var job = Job(template: template, tenant: nil, belowVersion: nil, dryRun: false)
        switch object["tenant"] {
        case nil, .null?: break
        case .string(let tenant)?: job.tenant = tenant
        case let other?: throw ServiceError.badRequest("tenant: expected a tenant id, found \(other.kindName)")
        }
        switch object["belowVersion"] {
        case nil, .null?: break
        case let value?:
            // JSON Schema's integer: 3 and 3.0 alike.
            guard value.numberText != nil, let exact = try? ExactDecimal(value.jsonText), exact.scale == 0,
                exact >= ExactDecimal(1), let number = Int(exact.integerPart)
            else {
                throw ServiceError.badRequest("belowVersion: expected a positive integer, found \(value.jsonText)")
            }
            job.belowVersion = number
        }
        switch object["dryRun"] {
        case nil, .null?: break
        case .bool(let flag)?: job.dryRun = flag
        case let other?: throw ServiceError.badRequest("dryRun: expected true or false, found \(other.kindName)")
        }
        return job
    }
}

/// A batch job's progress as JSON.
package struct BatchJSON: Codable, Sendable, Equatable {
    package struct Failure: Codable, Sendable, Equatable {
        package var document: String
        package var reason: String
    }
    package struct Change: Codable, Sendable, Equatable {
        package var document: String
        package var pages: String
    }

    package var id: String
    package var template: String?
    package var dryRun: Bool
    /// `running`, `finished` or `cancelled`.
    package var status: String
    package var total: Int
    package var pending: Int
    package var inProgress: Int
    package var done: Int
    package var unchanged: Int
    package var failed: Int
    package var failures: [Failure]
    /// A dry run's documents that would change, with their pages (1-based, `all`, or `metadata`).
    package var changes: [Change]?
    package var url: String

    package init(_ progress: BatchProgress) {
        id = progress.batchID
        template = progress.template
        dryRun = progress.isDryRun
        status = progress.isFinished ? "finished" : progress.isCancelled ? "cancelled" : "running"
        total = progress.total
        pending = progress.pending
        inProgress = progress.claimed
        done = progress.done
        unchanged = progress.unchanged
        failed = progress.failed
        failures = progress.failures.map { Failure(document: $0.itemKey, reason: $0.reason) }
        changes = progress.isDryRun ? progress.changes.map { Change(document: $0.itemKey, pages: $0.pages) } : nil
        url = BatchRoutes.url(of: progress.batchID)
    }
}
