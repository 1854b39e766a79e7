import Synchronization

/// Lets another thread stop a render that is no longer wanted (its caller has been answered at a
/// time limit). Template evaluation, layout and PDF output check it between steps (loop
/// iterations, blocks, pages) and stop with `RenderCancelled`, so the thread is free again in
/// milliseconds instead of when a huge document would have finished.
public final class RenderCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a cancellation that has not been cancelled.
    public init() {}

    /// Asks the render to stop at its next check.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Throws when `cancel()` was called: what every stage calls between its steps.
    /// - Throws: `RenderCancelled`.
    public func check() throws(RenderCancelled) {
        if isCancelled { throw RenderCancelled() }
    }
}

/// The one error a cancelled render stops with, whichever stage it was in (template loops,
/// layout blocks, PDF pages): callers catch a single type and know nothing else went wrong.
public struct RenderCancelled: Error, Sendable, Hashable, CustomStringConvertible {
    /// Creates the error; stages throw it through `RenderCancellation.check()`.
    public init() {}

    public var description: String { "the render was cancelled" }
}

/// What the inside of a cancellable stage throws: the stage's own error or the cancellation.
/// Public entry points unwrap it, so callers see `LayoutError` (say) or `RenderCancelled`.
enum StageFailure<Failure: Error>: Error {
    case failed(Failure)
    case cancelled(RenderCancelled)

    /// Throws `.cancelled` when there is a cancellation and it was cancelled.
    static func check(_ cancellation: RenderCancellation?) throws(StageFailure) {
        if let cancellation, cancellation.isCancelled { throw .cancelled(RenderCancelled()) }
    }

    /// The error to hand the caller.
    var unwrapped: any Error {
        switch self {
        case .failed(let error): error
        case .cancelled(let cancelled): cancelled
        }
    }
}

/// Runs a step that can fail only with the stage's own error, inside a cancellable stage.
func failing<T, Failure>(_ body: () throws(Failure) -> T) throws(StageFailure<Failure>) -> T {
    do { return try body() } catch { throw .failed(error) }
}
