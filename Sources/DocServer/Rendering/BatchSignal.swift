import Synchronization

/// Wakes the batch worker when a job is created, so it need not wait for its next poll.
package final class BatchSignal: Sendable {
    private let continuation = Mutex<AsyncStream<Void>.Continuation?>(nil)

    /// A stream that yields after each `notify()`; the worker's `run` listens to it. A later call
    /// replaces the earlier listener.
    package func signals() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.continuation.withLock { $0 = continuation }
        return stream
    }

    /// Wakes the listener, if any.
    package func notify() {
        _ = continuation.withLock { $0?.yield() }
    }
}
