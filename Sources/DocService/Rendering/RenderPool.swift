import Dispatch
import Foundation

/// A fixed set of render pipelines, one per core, each on its own thread, with a bounded queue
/// of callers waiting for one.
///
/// Rendering is CPU-bound synchronous work: running it on Swift's cooperative threads would stall
/// every other task (database reads, the HTTP server) while a document renders. Each pipeline gets
/// a serial `DispatchQueue` instead. Past `queueLimit` waiting callers, `run` fails at once with
/// `Overloaded`, which the service answers with 503 and `Retry-After`.
final class RenderPool: Sendable {
    /// The queue is full; try again after `retryAfter` seconds.
    struct Overloaded: Error, CustomStringConvertible {
        var retryAfter: Int
        var description: String { "every renderer is busy and the queue is full; retry after \(retryAfter) s" }
    }

    /// A pipeline with the thread it runs on.
    ///
    /// `@unchecked Sendable`: `DocumentPipeline` is not thread-safe, and is only ever used on `queue`,
    /// by the one caller that holds the worker (handed out by `Slots`).
    private final class Worker: @unchecked Sendable {
        let pipeline: DocumentPipeline
        let queue: DispatchQueue
        init(pipeline: DocumentPipeline, index: Int) {
            self.pipeline = pipeline
            queue = DispatchQueue(label: "docengine.render.\(index)")
        }
    }

    /// Free workers and the callers waiting for one, first come first served.
    private actor Slots {
        private var free: [Worker]
        private var waiting: [CheckedContinuation<Worker, Never>] = []
        private let queueLimit: Int
        private let retryAfter: Int

        init(workers: [Worker], queueLimit: Int, retryAfter: Int) {
            free = workers
            self.queueLimit = queueLimit
            self.retryAfter = retryAfter
        }

        var queueDepth: Int { waiting.count }

        func acquire(bounded: Bool) async throws(Overloaded) -> Worker {
            if let worker = free.popLast() { return worker }
            guard !bounded || waiting.count < queueLimit else { throw Overloaded(retryAfter: retryAfter) }
            return await withCheckedContinuation { waiting.append($0) }
        }

        func release(_ worker: Worker) {
            if waiting.isEmpty {
                free.append(worker)
            } else {
                waiting.removeFirst().resume(returning: worker)
            }
        }
    }

    /// How many renders run at once.
    let size: Int
    /// How many callers may wait beyond those.
    let queueLimit: Int
    private let slots: Slots
    /// A pipeline for reads that need no exclusive use (the fonts' fingerprints).
    let fontsFingerprint: String

    /// Creates `size` pipelines.
    /// - Parameters:
    ///   - size: concurrent renders; the number of cores is the right default.
    ///   - queueLimit: callers that may wait for a pipeline before `Overloaded`.
    ///   - retryAfter: the seconds suggested to overloaded callers.
    ///   - makePipeline: builds one pipeline (fonts, layout engine).
    /// - Throws: what `makePipeline` throws.
    init(
        size: Int = ProcessInfo.processInfo.activeProcessorCount, queueLimit: Int, retryAfter: Int = 1,
        makePipeline: () throws -> DocumentPipeline
    ) rethrows {
        precondition(size > 0 && queueLimit >= 0, "a render pool needs at least one pipeline")
        let pipelines = try (0..<size).map { _ in try makePipeline() }
        self.size = size
        self.queueLimit = queueLimit
        fontsFingerprint = pipelines[0].fontsFingerprint
        slots = Slots(
            workers: pipelines.enumerated().map { Worker(pipeline: $1, index: $0) }, queueLimit: queueLimit,
            retryAfter: retryAfter)
    }

    /// Callers waiting for a pipeline now.
    var queueDepth: Int { get async { await slots.queueDepth } }

    /// Runs `body` with exclusive use of a pipeline, on that pipeline's thread.
    /// - Parameter bounded: whether to fail with `Overloaded` when the queue is full (requests), or
    ///   to wait in any case (batch jobs, which are already bounded by their worker count).
    /// - Throws: `Overloaded` when the queue is full, else what `body` throws.
    func run<T: Sendable>(
        bounded: Bool = true, _ body: @escaping @Sendable (DocumentPipeline) throws -> T
    ) async throws -> T {
        let worker = try await slots.acquire(bounded: bounded)
        ServiceMetrics.shared.setRenderQueueDepth(await slots.queueDepth)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>, Never>) in
            worker.queue.async {
                continuation.resume(returning: Result { try body(worker.pipeline) })
            }
        }
        await slots.release(worker)
        return try result.get()
    }
}
