import Hummingbird
import HTTPTypes
import DocPipeline
package import DocStore
package import Foundation
import Logging
import ServiceLifecycle
package import Templates

/// Runs batch jobs in the background: re-renders every item with the current template, at most
/// `concurrency` at a time, recording each item's end durably.
///
/// Crash safety comes from the order of commits: an item is claimed (commit), rendered, its new
/// version stored under the idempotency key `batch/<job>/<position>` (commit), then finished
/// (commit). After `kill -9` anywhere in between, `Store.recover()` at startup returns the item to
/// pending; rendering it again either finds its new version by that key (stored before the crash:
/// no second version) or stores it now. So every document ends with exactly one new version.
///
/// A `Service` of the application's service group: it starts with the server and, on a graceful
/// shutdown, claims nothing more and lets the items in progress finish.
package actor BatchWorker: Service {
    private let dependencies: ServiceDependencies
    private let concurrency: Int

    /// - Parameter concurrency: items rendered at once; the render pool's size is the natural bound.
    package init(dependencies: ServiceDependencies, concurrency: Int) {
        self.dependencies = dependencies
        self.concurrency = max(1, concurrency)
    }

    /// Runs until the service group shuts down (see `work()`).
    package func run() async throws {
        await cancelWhenGracefulShutdown { await self.work() }
    }

    /// Resumes interrupted jobs and then renders new ones as they come, until the task is cancelled.
    /// Call `Store.recover()` before (the serve command does, at startup).
    package func work() async {
        let signal = dependencies.batchSignal
        var iterator = signal.signals().makeAsyncIterator()
        while !Task.isCancelled {
            await drain()
            // A new job wakes the worker at once; the poll covers jobs created by another process.
            let sleeper = Task {
                // Cancelled, because a job woke the worker first: no wake-up of its own. One would
                // end the next wait at once, whose poll would do the same: the worker went round
                // without pause, two database reads a lap, from its first job until the service stopped.
                guard (try? await Task.sleep(for: .seconds(2))) != nil else { return }
                signal.notify()
            }
            _ = await iterator.next()
            sleeper.cancel()
        }
    }

    /// Renders every item of every runnable job, then returns.
    package func drain() async {
        do {
            for job in try await dependencies.batches.runnableJobs() {
                guard !Task.isCancelled else { return }
                await run(job: job)
            }
            dependencies.metrics.setBatchQueueDepth(try await dependencies.batches.pendingItemCount())
        } catch {
            dependencies.logger.error("batch worker: cannot read jobs", metadata: ["error": "\(error)"])
        }
    }

    /// `concurrency` loops of claim → render → finish over one job.
    private func run(job: String) async {
        let dependencies = self.dependencies
        guard let header = try? await dependencies.batches.header(of: job) else { return }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    while !Task.isCancelled {
                        let item: BatchItem
                        do {
                            guard let next = try await dependencies.batches.claimNext(in: job) else { return }
                            item = next
                        } catch {
                            dependencies.logger.error(
                                "batch worker: cannot claim an item", metadata: ["batch.id": "\(job)", "error": "\(error)"])
                            return
                        }
                        let outcome = await Self.process(item, of: header, dependencies: dependencies)
                        // Not recorded: leave the item to the next pass rather than claim it again now.
                        guard await Self.record(outcome, of: item, dependencies: dependencies) else { return }
                    }
                }
            }
        }
        dependencies.logger.info("batch job drained", metadata: ["batch.id": .string(job)])
    }

    /// Pauses between attempts to record an item's outcome: a busy or briefly failing database
    /// must not leave the item claimed (and its job running) until the next restart.
    package static let recordRetryDelays: [Duration] = [.milliseconds(200), .seconds(1), .seconds(3)]

    /// Records how `item` ended, retrying; when that keeps failing, releases the claim so that a
    /// later pass (the worker's next poll) renders the item again.
    /// - Returns: whether the outcome was recorded.
    package static func record(_ outcome: BatchOutcome, of item: BatchItem, dependencies: ServiceDependencies) async -> Bool {
        let metadata: Logger.Metadata = ["batch.id": .string(item.batchId), "batch.position": "\(item.position)"]
        var delays = recordRetryDelays[...]
        while true {
            do {
                try await dependencies.batches.finish(batchID: item.batchId, position: item.position, with: outcome)
                dependencies.metrics.recordBatchItem(outcome: outcome.metricLabel)
                return true
            } catch {
                guard let delay = delays.popFirst() else {
                    dependencies.logger.error(
                        "batch worker: cannot record an item's outcome; releasing it for a later pass",
                        metadata: metadata.merging(["error": "\(error)"]) { $1 })
                    break
                }
                dependencies.logger.warning(
                    "batch worker: recording an item's outcome failed; retrying",
                    metadata: metadata.merging(["error": "\(error)"]) { $1 })
                try? await Task.sleep(for: delay)
            }
        }
        do {
            try await dependencies.batches.release(batchID: item.batchId, position: item.position)
        } catch {
            dependencies.logger.critical(
                "batch worker: cannot release an item; it stays claimed until the service restarts",
                metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
        return false
    }

    /// Re-renders one stored document with the job's template; never throws, a failure is an outcome.
    package static func process(
        _ item: BatchItem, of job: BatchHeader, dependencies: ServiceDependencies
    ) async -> BatchOutcome {
        do {
            let record = try await dependencies.documents.document(id: item.payload)
            let input = try await RenderInput(record, dependencies: dependencies)
            let template = try dependencies.templates.current(job.template ?? record.templateName)
            if job.isDryRun {
                return try await dryRun(record, input: input, template: template, dependencies: dependencies)
            }
            let created = try await dependencies.issuer.issue(
                DocumentIssuer.Issue(
                    tenantID: record.tenantId, clientID: record.clientId, orderID: record.orderId, template: template,
                    language: input.language, brand: input.currentBrand, data: input.data,
                    idempotency: IdempotencyKey(
                        key: "batch/\(item.batchId)/\(item.position)", requestSHA256: "batch"),
                    numbering: nil, supersedes: record.id, unlessSHA256: record.pdfSha256, waitsForPipeline: true,
                    format: record.blobKind == .spreadsheet ? .xlsx : .pdf))
            return .done(documentID: created.document.id)
        } catch StorageError.renderFailed(let error) where error is DocumentIssuer.Unchanged {
            return .unchanged(documentID: item.payload)
        } catch {
            return .failed(reason: Self.reason(error))
        }
    }

    /// Which pages of `record` the current template would change, comparing page images of the
    /// issued version (rendered again from its record) with the new rendering.
    private static func dryRun(
        _ record: DocumentRecord, input: RenderInput, template: TemplateVersion, dependencies: ServiceDependencies
    ) async throws -> BatchOutcome {
        let issuer = dependencies.issuer
        let data = DocumentIssuer.setting(number: record.number, in: input.data)
        if record.blobKind == .spreadsheet {
            // A spreadsheet has no pages to compare: it changes or it does not.
            let after = try await issuer.renderSpreadsheet(
                template, data: data, language: input.language, brand: input.currentBrand, bounded: false)
            guard blobAddress(of: after) != record.pdfSha256 else { return .unchanged(documentID: record.id) }
            return .wouldChange(documentID: record.id, pages: "all")
        }
        let after = try await issuer.render(
            template, data: data, language: input.language, brand: input.currentBrand, pageImageDPI: pageImageDPI,
            bounded: false)
        guard blobAddress(of: after.pdf) != record.pdfSha256 else { return .unchanged(documentID: record.id) }
        guard let number = Int(record.templateVersion),
            let issued = try await dependencies.templates.version(record.templateName, number)
        else { return .wouldChange(documentID: record.id, pages: "all") }
        let before = try await issuer.render(
            issued, data: data, language: input.language, brand: input.issuedBrand, pageImageDPI: pageImageDPI,
            bounded: false)
        return .wouldChange(documentID: record.id, pages: changedPages(before.pageImages, after.pageImages))
    }

    /// Why an item failed, as its job's progress reports it: our errors' own messages, never internals.
    package static func reason(_ error: any Error) -> String {
        switch ErrorJSONMiddleware.answer(for: error) {
        case let error as ServiceError: error.message
        case let error as TemplateError: error.summary
        case let error as StorageError where error.status.code < 500: error.description
        case let error as any JSONErrorAnswer where error.status.code < 500: String(describing: error)
        default: "internal error"
        }
    }

    /// Resolution of the page images a dry run compares: enough to see any moved word.
    package static let pageImageDPI = 50.0

    /// `1,3` for the pages whose images differ; when the page count changes, the pages of the
    /// longer version that the shorter lacks count as changed too.
    package static func changedPages(_ before: [Data], _ after: [Data]) -> String {
        let pages = (0..<max(before.count, after.count)).filter { index in
            index >= before.count || index >= after.count || before[index] != after[index]
        }
        return pages.isEmpty ? "metadata" : pages.map { String($0 + 1) }.joined(separator: ",")
    }

    /// What a stored document was rendered from.
    package struct RenderInput {
        package var data: JSONValue
        package var language: Language?
        /// The brand's current version, which a reissue takes.
        package var currentBrand: DocumentIssuer.IssuingBrand?
        /// The brand's version the document was issued with, which a dry run compares against.
        package var issuedBrand: DocumentIssuer.IssuingBrand?

        package init(_ record: DocumentRecord, dependencies: ServiceDependencies) async throws {
            let bytes: Data
            do {
                bytes = try await dependencies.blobs.read(record.dataSha256, kind: .data)
            } catch {
                throw ServiceError.unprocessable("the data document \(record.id) was rendered from is not stored")
            }
            data = try JSONParser.parse(bytes)
            language = record.locale.flatMap(Language.init(rawValue:))
            if let brandID = record.brandId {
                guard let current = dependencies.brands.current(brandID) else {
                    throw ServiceError.unprocessable("brand `\(brandID)` of document \(record.id) no longer exists")
                }
                currentBrand = dependencies.issuing(current)
                if let number = record.brandVersion, let issued = try await dependencies.brands.version(brandID, number) {
                    issuedBrand = dependencies.issuing(issued)
                } else {
                    issuedBrand = currentBrand
                }
            }
        }
    }
}

extension BatchOutcome {
    /// How `docengine_batch_items_total` labels the outcome.
    package var metricLabel: String {
        switch self {
        case .done, .wouldChange: "done"
        case .unchanged: "unchanged"
        case .failed: "failed"
        }
    }
}
