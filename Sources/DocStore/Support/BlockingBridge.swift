import Foundation
import NIOPosix

/// Runs asynchronous store work from synchronous code on a thread that may block (a render thread),
/// and lets that work hand jobs back to the blocked thread.
///
/// `DocumentStore.createNow` is synchronous by design: it runs on a render thread, inside the
/// document's transaction, so that a failed render consumes no number. On PostgreSQL the
/// transaction is asynchronous (postgres-nio), so the render thread blocks here while a task holds
/// the connection, and the task asks the render thread to render when it has the number: the
/// render runs on the pipeline's own thread, between `BEGIN` and `COMMIT`.
///
/// Never call `run` on a NIO event loop (it would wait for I/O that only that loop can do) or on
/// one of Swift's cooperative threads (it would hold a thread the task itself may need):
/// `DocumentStore.create` moves onto a dispatch thread first. An event loop is refused with an error.
final class BlockingBridge: @unchecked Sendable {
    // `@unchecked Sendable`: `jobs` and `isFinished` are only touched under `condition`.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var isFinished = false

    /// A job for the blocked thread. `@unchecked Sendable`: it is created by the task and run by
    /// the blocked thread exactly once, while the task waits for its answer.
    private struct Job: @unchecked Sendable {
        let body: () -> Void
    }

    private init() {}

    /// Blocks the calling thread until `operation` finishes, meanwhile running on it the jobs the
    /// operation hands over with `onCallerThread`.
    /// - Throws: what `operation` throws; `StorageError.database` when called on an event loop.
    static func run<T: Sendable>(
        _ operation: @escaping @Sendable (BlockingBridge) async throws(StorageError) -> T
    ) throws(StorageError) -> T {
        guard MultiThreadedEventLoopGroup.currentEventLoop == nil else {
            throw .database("a blocking store call was made on an event loop thread; call the async API instead")
        }
        let bridge = BlockingBridge()
        let outcome = Outcome<T>()
        Task.detached {
            let result: Result<T, StorageError>
            do throws(StorageError) {
                result = .success(try await operation(bridge))
            } catch {
                result = .failure(error)
            }
            outcome.set(result)
            bridge.finish()
        }
        bridge.serveUntilFinished()
        guard let result = outcome.result else { throw .database("a blocking store call ended without an answer") }
        return try result.get()
    }

    /// Runs `body` on the thread blocked in `run` and returns its result.
    /// - Throws: what `body` throws.
    func onCallerThread<T>(_ body: @escaping () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<UncheckedBox<T>, any Error>) in
            let job = Job {
                do {
                    continuation.resume(returning: UncheckedBox(try body()))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            condition.withLock {
                jobs.append(job)
                condition.signal()
            }
        }.value
    }

    private func finish() {
        condition.withLock {
            isFinished = true
            condition.signal()
        }
    }

    /// Runs handed-over jobs until the operation has finished.
    private func serveUntilFinished() {
        while true {
            let next: Job? = condition.withLock {
                while jobs.isEmpty && !isFinished { condition.wait() }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            guard let next else { return }
            next.body()
        }
    }

    /// The operation's result, set once by the task before `finish`.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        // `@unchecked Sendable`: written once by the task before `finish()`, read by the blocked
        // thread after `serveUntilFinished()` returned; the condition's lock orders the two.
        var result: Result<T, StorageError>?
        func set(_ result: Result<T, StorageError>) { self.result = result }
    }
}

/// A value handed between the blocked thread and the task that waits for it.
///
/// `@unchecked Sendable`: the value is produced on one thread and consumed on the other exactly
/// once, with the continuation (or the bridge's lock) ordering the two.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
