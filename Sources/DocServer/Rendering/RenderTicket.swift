package import DocEngine
import Synchronization

/// Decides, once, whether a render may still take effect: either it commits before the time
/// limit, and its caller gets its result, or the limit passes first, and it must store nothing.
package final class RenderTicket: Sendable {
    private enum State { case running, committed, abandoned }
    private let state = Mutex(State.running)
    /// Cancelled when the ticket is abandoned, so the render stops instead of running on.
    package let cancellation = RenderCancellation()

    /// Called by a render just before it makes anything durable (a number, a record).
    /// - Returns: false when the time limit has passed: the render must throw instead.
    package func commit() -> Bool {
        state.withLock { state in
            if state == .running { state = .committed }
            return state == .committed
        }
    }

    /// Called at the time limit.
    /// - Returns: false when the render already committed (its own result answers the caller).
    package func abandon() -> Bool {
        let abandoned = state.withLock { state in
            guard state == .running else { return false }
            state = .abandoned
            return true
        }
        if abandoned { cancellation.cancel() }
        return abandoned
    }

    /// Called when the render has ended, however it ended: the time limit no longer applies.
    package func settle() {
        state.withLock { state in
            if state == .running { state = .committed }
        }
    }

    /// Throws `TimedOut` when the render was abandoned; otherwise commits it.
    package func commitOrThrow(limit: Duration?) throws {
        guard commit() else { throw RenderPool.TimedOut(limit: limit ?? .zero) }
    }
}
