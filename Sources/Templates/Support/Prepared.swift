import Dispatch
import Foundation
import Synchronization

/// A value worked out on another thread from the moment it is created; reading it waits for it.
///
/// A command-line render does its start-up work once, one piece after another, while the
/// machine's second core sits idle: the template library parses its schemas while it reads its
/// string tables, and the data contract is prepared while the first template compiles. The work
/// must not depend on the thread that runs it, so its result is the same either way.
///
/// The work gets a thread of its own rather than a turn in Dispatch's shared pool: a reader may
/// itself be running in that pool (the service renders on Dispatch queues), and a pool whose
/// threads all wait for work queued behind them would stall.
package final class Prepared<Value: Sendable>: Sendable {
    private let finished = DispatchGroup()
    private let result = Mutex<Value?>(nil)

    package init(_ work: @escaping @Sendable () -> Value) {
        finished.enter()
        let thread = Thread {
            let value = work()
            self.result.withLock { $0 = value }
            self.finished.leave()
        }
        thread.name = "docengine.prepared"
        thread.start()
    }

    /// The value, once the work is done (at once after the first wait).
    package var value: Value {
        finished.wait()
        return result.withLock { $0! }
    }
}
