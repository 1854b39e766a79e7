/// How far a batch job has got, read from the durable item states.
struct BatchProgress: Sendable, Equatable {
    /// An item that failed, and why.
    struct Failure: Sendable, Equatable {
        var itemKey: String
        var reason: String
    }

    var batchID: String
    var isCancelled: Bool
    var total: Int
    var pending: Int
    var claimed: Int
    var done: Int
    var unchanged: Int
    var failed: Int
    var failures: [Failure]

    /// True when no item is waiting or in progress.
    var isFinished: Bool { pending == 0 && claimed == 0 }
}
