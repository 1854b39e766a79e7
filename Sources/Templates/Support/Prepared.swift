import Dispatch
import Synchronization

/// A value worked out on another thread from the moment it is created; reading it waits for it.
///
/// A command-line render does its start-up work once, one piece after another, while the
/// machine's second core sits idle: the template library parses its schemas while it reads its
/// string tables, and the data contract is prepared while the first template compiles. The work
/// must not depend on the thread that runs it, so its result is the same either way.
package final class Prepared<Value: Sendable>: Sendable {
    private let finished = DispatchGroup()
    private let result = Mutex<Value?>(nil)

    package init(_ work: @escaping @Sendable () -> Value) {
        finished.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let value = work()
            self.result.withLock { $0 = value }
            self.finished.leave()
        }
    }

    /// The value, once the work is done (at once after the first wait).
    package var value: Value {
        finished.wait()
        return result.withLock { $0! }
    }
}
