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
    /// A document a dry run found would change.
    struct Change: Sendable, Equatable {
        /// The document's id.
        var itemKey: String
        /// The 1-based pages that differ, e.g. `1,2`, or `all` when the page count changes.
        var pages: String
    }

    /// The template the job re-renders, when it is a re-render job.
    var template: String? = nil
    /// Whether the job only reports what would change.
    var isDryRun = false
    /// What a dry run found, in item order.
    var changes: [Change] = []

    var isFinished: Bool { pending == 0 && claimed == 0 }
}
