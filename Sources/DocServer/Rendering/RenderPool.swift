package import DocPipeline
import DocStore
import Dispatch
import DocEngine
package import Foundation
import Synchronization

/// A fixed set of render pipelines, one per core, each on its own thread, with a bounded queue
/// of callers waiting for one.
///
/// Rendering is CPU-bound synchronous work: running it on Swift's cooperative threads would stall
/// every other task (database reads, the HTTP server) while a document renders. Each pipeline gets
/// a serial `DispatchQueue` instead. Past `queueLimit` waiting callers, `run` fails at once with
/// `Overloaded`, which the service answers with 503 and `Retry-After`.
///
/// A render that runs past `timeLimit` is answered at the limit with `TimedOut`. Its ticket's
/// `RenderCancellation` stops it at the next check (a loop iteration, a block, a page), which
/// frees the pipeline within milliseconds; and its `RenderTicket` makes sure it stores nothing
/// even if it got past its last check: see `RenderTicket.commit()`.
package final class RenderPool: Sendable {
    /// A render ran past the time limit: its caller was answered and nothing it did was kept.
    package struct TimedOut: Error, CustomStringConvertible {
        package var limit: Duration
        package var description: String { "the render took longer than \(limit) and was abandoned; nothing was stored" }
    }

    /// The queue is full; try again after `retryAfter` seconds.
    package struct Overloaded: Error, CustomStringConvertible {
        package var retryAfter: Int
        package var description: String { "every renderer is busy and the queue is full; retry after \(retryAfter) s" }
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
    package let size: Int
    /// How many callers may wait beyond those.
    package let queueLimit: Int
    /// How long one render may take before its caller is answered with `TimedOut`.
    package let timeLimit: Duration?
    private let slots: Slots
    /// A pipeline for reads that need no exclusive use (the fonts' fingerprints).
    package let fontsFingerprint: String

    /// Creates `size` pipelines.
    /// - Parameters:
    ///   - size: concurrent renders; the number of cores is the right default.
    ///   - queueLimit: callers that may wait for a pipeline before `Overloaded`.
    ///   - retryAfter: the seconds suggested to overloaded callers.
    ///   - timeLimit: how long one render may take; nil for no limit.
    ///   - makePipeline: builds one pipeline (fonts, layout engine).
    /// - Throws: what `makePipeline` throws.
    package init(
        size: Int = ProcessInfo.processInfo.activeProcessorCount, queueLimit: Int, retryAfter: Int = 1,
        timeLimit: Duration? = nil, metrics: ServiceMetrics, makePipeline: () throws -> DocumentPipeline
    ) rethrows {
        self.metrics = metrics
        precondition(size > 0 && queueLimit >= 0, "a render pool needs at least one pipeline")
        let pipelines = try (0..<size).map { _ in try makePipeline() }
        self.size = size
        self.queueLimit = queueLimit
        self.timeLimit = timeLimit
        fontsFingerprint = pipelines[0].fontsFingerprint
        slots = Slots(
            workers: pipelines.enumerated().map { Worker(pipeline: $1, index: $0) }, queueLimit: queueLimit,
            retryAfter: retryAfter)
    }

    /// Where the queue depth is reported.
    package let metrics: ServiceMetrics

    /// Callers waiting for a pipeline now.
    package var queueDepth: Int { get async { await slots.queueDepth } }

    /// Runs `body` with exclusive use of a pipeline, on that pipeline's thread.
    /// - Parameter bounded: whether to fail with `Overloaded` when the queue is full (requests), or
    ///   to wait in any case (batch jobs, which are already bounded by their worker count).
    /// - Parameter body: the render; it calls `ticket.commit()` before anything it does becomes durable.
    /// - Throws: `Overloaded` when the queue is full, `TimedOut` past the time limit, else what `body` throws.
    package func run<T: Sendable>(
        bounded: Bool = true, _ body: @escaping @Sendable (DocumentPipeline, RenderTicket) throws -> T
    ) async throws -> T {
        let worker: Worker
        do {
            worker = try await slots.acquire(bounded: bounded)
        } catch {
            metrics.recordOverload()
            throw error
        }
        metrics.setRenderQueueDepth(await slots.queueDepth)
        let ticket = RenderTicket()
        let slots = self.slots
        let timeLimit = self.timeLimit
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let answer = AnswerOnce(continuation)
            // A dispatch timer, not a sleeping task: it fires on time even when every cooperative
            // thread is busy. After the render has answered, firing changes nothing.
            if let limit = timeLimit {
                DispatchQueue.global().asyncAfter(deadline: .now() + Self.dispatchInterval(limit)) {
                    if ticket.abandon() { answer.resume(with: .failure(TimedOut(limit: limit))) }
                }
            }
            worker.queue.async {
                worker.pipeline.cancellation = ticket.cancellation
                let result = Result { try body(worker.pipeline, ticket) }
                worker.pipeline.cancellation = nil
                ticket.settle()
                // The pipeline goes back first, so a caller that continues finds it free.
                Task {
                    await slots.release(worker)
                    answer.resume(with: result)
                }
            }
        }
    }
}

extension RenderPool {
    /// `duration` for `DispatchTime` arithmetic.
    package static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}

/// A continuation resumed by whichever comes first: the render or its time limit.
private final class AnswerOnce<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<T, any Error>) {
        let pending = continuation.withLock { pending in
            defer { pending = nil }
            return pending
        }
        pending?.resume(with: result)
    }
}
