/// How far a batch job has got, read from the durable item states.
package struct BatchProgress: Sendable, Equatable {
    /// An item that failed, and why.
    package struct Failure: Sendable, Equatable {
        package var itemKey: String
        package var reason: String
    }

    package var batchID: String
    package var isCancelled: Bool
    package var total: Int
    package var pending: Int
    package var claimed: Int
    package var done: Int
    package var unchanged: Int
    package var failed: Int
    package var failures: [Failure]

    /// A document a dry run found would change.
    package struct Change: Sendable, Equatable {
        /// The document's id.
        package var itemKey: String
        /// The 1-based pages that differ, e.g. `1,2`, or `all` when the page count changes.
        package var pages: String
    }

    /// The template the job re-renders, when it is a re-render job.
    package var template: String? = nil
    /// Whether the job only reports what would change.
    package var isDryRun = false
    /// What a dry run found, in item order.
    package var changes: [Change] = []

    /// True when no item is waiting or in progress.
    package var isFinished: Bool { pending == 0 && claimed == 0 }
}

