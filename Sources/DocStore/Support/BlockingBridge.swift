import Foundation
import NIOPosix

/// Runs asynchronous store work from synchronous code on a thread that may block (a render thread),
/// and lets that work ask the blocked thread to do things for it.
///
/// `DocumentStore.createNow` is synchronous by design: it runs on a render thread, inside the
/// document's transaction, so that a failed render consumes no number. On PostgreSQL the
/// transaction is asynchronous (postgres-nio), so the render thread blocks here while a task holds
/// the connection, and the task asks the render thread to render when it has the number: the render
/// runs on the pipeline's own thread, between `BEGIN` and `COMMIT`. The calling thread answers the
/// task's requests with `handler`, which never leaves it (so it may be a non-escaping closure).
///
/// Never call `run` on a NIO event loop (it would wait for I/O that only that loop can do) or on
/// one of Swift's cooperative threads (it would hold a thread the task itself may need):
/// `DocumentStore.create` moves onto a dispatch thread first. An event loop is refused with an error.
final class BlockingBridge<Request: Sendable, Response>: @unchecked Sendable {
    // `@unchecked Sendable`: `pending`, `isFinished` and `result` are only touched under `condition`.
    private let condition = NSCondition()
    private var pending: [(Request, CheckedContinuation<UncheckedBox<Response>, any Error>)] = []
    private var isFinished = false

    private init() {}

    /// Blocks the calling thread until `operation` finishes, meanwhile answering on it the
    /// requests the operation sends with `ask`.
    /// - Parameters:
    ///   - handler: answers a request, on the calling thread.
    ///   - operation: the asynchronous work.
    /// - Throws: what `operation` throws; `StorageError.database` when called on an event loop.
    static func run<T: Sendable>(
        answering handler: (Request) throws -> Response,
        _ operation: @escaping @Sendable (BlockingBridge<Request, Response>) async throws(StorageError) -> T
    ) throws(StorageError) -> T {
        guard MultiThreadedEventLoopGroup.currentEventLoop == nil else {
            throw .database("a blocking store call was made on an event loop thread; call the async API instead")
        }
        let bridge = BlockingBridge<Request, Response>()
        let outcome = Outcome<T>()
        Task.detached {
            let result: Result<T, StorageError>
            do throws(StorageError) {
                result = .success(try await operation(bridge))
            } catch {
                result = .failure(error)
            }
            bridge.finish { outcome.result = result }
        }
        bridge.serve(handler)
        guard let result = bridge.condition.withLock({ outcome.result }) else {
            throw .database("a blocking store call ended without an answer")
        }
        return try result.get()
    }

    /// Has the blocked thread answer `request`, and returns its answer.
    /// - Throws: what the handler throws.
    func ask(_ request: Request) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            condition.withLock {
                pending.append((request, continuation))
                condition.signal()
            }
        }.value
    }

    private func finish(_ record: () -> Void) {
        condition.withLock {
            record()
            isFinished = true
            condition.signal()
        }
    }

    /// Answers requests until the operation has finished.
    private func serve(_ handler: (Request) throws -> Response) {
        while true {
            let next = condition.withLock { () -> (Request, CheckedContinuation<UncheckedBox<Response>, any Error>)? in
                while pending.isEmpty && !isFinished { condition.wait() }
                return pending.isEmpty ? nil : pending.removeFirst()
            }
            guard let (request, continuation) = next else { return }
            do {
                continuation.resume(returning: UncheckedBox(try handler(request)))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// The operation's result, set once under the bridge's lock.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        // `@unchecked Sendable`: written and read under the bridge's `condition`.
        var result: Result<T, StorageError>?
    }
}

/// A value handed between the blocked thread and the task that waits for it.
///
/// `@unchecked Sendable`: the value is produced on one thread and consumed on the other exactly
/// once, with a continuation (or the bridge's lock) ordering the two.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Blocks the calling thread until `operation` finishes (see `BlockingBridge`): for the synchronous
/// form of a store call that has nothing to ask of the caller.
/// - Throws: what `operation` throws; `StorageError.database` when called on an event loop.
func waitBlocking<T: Sendable>(_ operation: @escaping @Sendable () async throws(StorageError) -> T) throws(StorageError) -> T {
    try BlockingBridge<Never, Never>.run(answering: { never in switch never {} }) { _ throws(StorageError) in
        try await operation()
    }
}
