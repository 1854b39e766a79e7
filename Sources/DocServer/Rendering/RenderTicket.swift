package import DocEngine
import Synchronization

/// Decides, once, whether a render may still take effect: either it commits before the time
/// limit, and its caller gets its result, or the limit passes first, and it must store nothing.
package final class RenderTicket: Sendable {
    private enum State { case running, committed, abandoned }
    private let state = Mutex(State.running)
    /// Cancelled when the ticket is abandoned, so the render stops instead of running on.
    package let cancellation = RenderCancellation()
    /// Gives back the pool's render slot; nil once given back.
    private let renderSlot = Mutex<(@Sendable () -> Void)?>(nil)

    /// Called by `RenderPool` when the render takes one of the pool's render slots.
    func holdRenderSlot(release: @escaping @Sendable () -> Void) {
        renderSlot.withLock { $0 = release }
    }

    /// Called by a render when it no longer needs the CPU (what is left is storing what it
    /// rendered), so another render may start. Only the first call counts.
    package func rendered() {
        let release = renderSlot.withLock { slot in
            defer { slot = nil }
            return slot
        }
        release?()
    }

    /// Takes the render slot back without giving it back: true when the render still held it
    /// (the pool then frees it with the pipeline, in one step).
    func takeRenderSlot() -> Bool {
        renderSlot.withLock { slot in
            defer { slot = nil }
            return slot != nil
        }
    }

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
