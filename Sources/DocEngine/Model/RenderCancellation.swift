import Synchronization

/// Lets another thread stop a render that is no longer wanted (its caller has been answered at a
/// time limit). Template evaluation, layout and PDF output check it between steps (loop
/// iterations, blocks, pages) and stop with an error, so the thread is free again in
/// milliseconds instead of when a huge document would have finished.
public final class RenderCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the render to stop at its next check.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
