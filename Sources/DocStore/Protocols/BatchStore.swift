/// Batch jobs whose progress survives `kill -9`: every state change of an item is its own commit.
///
/// A worker loop is `claimNext` → render → `finish`. If the process dies between the two, the item
/// stays claimed; the next process's `Store.recover()` returns it to pending and it is rendered
/// again (document creation is idempotent per item). A live worker that cannot record an outcome
/// gives the item back with `release`.
///
/// On a store shared by several nodes (PostgreSQL) a claim is a lease held by the claiming node and
/// renewed while it lives: items of a node that died are claimed again by the others once the lease
/// expires, and `finish` of an item another node already finished (after taking over an expired
/// lease) is accepted, since both recorded the same document.
package protocol BatchStore: Sendable {
    /// Records a job and all its items as pending.
    /// - Parameters:
    ///   - items: the documents to render, in order.
    ///   - principal: the owner; only it (its reseller, the platform) sees the job.
    ///   - template: the template it re-renders with, if any.
    ///   - dryRun: whether it only reports what would change.
    /// - Returns: the job's id.
    /// - Throws: `StorageError.invalidArgument` for an empty list.
    func create(items: [NewBatchItem], for principal: Principal, template: String?, dryRun: Bool)
        async throws(StorageError) -> String

    /// Claims the next pending item of a running job; nil when none is left or the job was cancelled.
    /// - Throws: `StorageError.notFound` for an unknown job.
    func claimNext(in batchID: String) async throws(StorageError) -> BatchItem?

    /// Records how a claimed item ended.
    /// - Throws: `StorageError.notFound` when the item is unknown or not claimed.
    func finish(batchID: String, position: Int, with outcome: BatchOutcome) async throws(StorageError)

    /// Returns a claimed item to pending, for a worker that could not record its outcome.
    func release(batchID: String, position: Int) async throws(StorageError)

    /// Stops handing out items; items already claimed may still finish.
    /// - Throws: `StorageError.notFound` for an unknown job.
    func cancel(_ batchID: String) async throws(StorageError)

    /// The job's template and kind.
    /// - Throws: `StorageError.notFound`.
    func header(of batchID: String) async throws(StorageError) -> BatchHeader

    /// Jobs that still have items to render, oldest first.
    func runnableJobs() async throws(StorageError) -> [String]

    /// Items waiting in running jobs, for the queue-depth metric.
    func pendingItemCount() async throws(StorageError) -> Int

    /// Returns items claimed by a process that is gone to pending: call once at startup, before any
    /// worker runs. A single-process store returns every claimed item; a shared store those whose
    /// lease expired and those this node held before it restarted.
    /// - Returns: how many items were requeued.
    func requeueInterrupted() async throws(StorageError) -> Int

    /// Counts per state and the failures' reasons; nil when the job is unknown or not visible.
    func progress(of batchID: String, visibleTo principal: Principal) async throws(StorageError) -> BatchProgress?
}

extension BatchStore {
    /// A job without a template that renders for real.
    package func create(items: [NewBatchItem], for principal: Principal) async throws(StorageError) -> String {
        try await create(items: items, for: principal, template: nil, dryRun: false)
    }
}
