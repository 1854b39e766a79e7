import Dispatch
import GRDB
import Synchronization

/// Commits the write transactions of concurrent callers together: one transaction, one fsync of
/// the WAL, for every caller that arrived while the previous commit was on disk.
///
/// Why: with `synchronous = FULL` every commit waits for the disk, and SQLite has one writer, so
/// a service storing documents one transaction at a time can store no more documents per second
/// than the disk completes fsyncs. Here the first caller leads: it takes every waiting job, runs
/// each in its own savepoint of one transaction, commits, and wakes them; whoever arrived during
/// that commit leads the next group. Nobody returns before the transaction holding its writes is
/// committed, so a document reported stored is as durable as with a transaction of its own.
///
/// A job that throws rolls back its own savepoint only and gets its own error; when the
/// transaction itself fails (the commit, the disk), every job of the group gets that error.
final class GroupCommit: Sendable {
    private let pool: DatabasePool
    private let waiting = Mutex(Queue())

    /// The jobs not yet taken by a leader, and whether a leader is at work.
    private struct Queue {
        var jobs: [Job] = []
        var leading = false
    }

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `body` inside a savepoint of a shared write transaction and returns once that
    /// transaction is committed. Blocks the calling thread (call it from a render thread).
    /// - Throws: what `body` throws, or the transaction's own failure.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            var result: Result<T, any Error>?
            let job = Job { db in
                do {
                    result = .success(try body(db))
                } catch {
                    result = .failure(error)
                    throw error  // rolls back this job's savepoint
                }
            }
            submit(job)
            if let failure = job.failure { throw failure }
            guard let result else { throw StorageError.database("a grouped write ended without a result") }
            return try result.get()
        }
    }

    /// Queues `job`, leads a group if nobody does, and waits until the job's group is committed.
    private func submit(_ job: Job) {
        let leads = waiting.withLock { queue in
            queue.jobs.append(job)
            guard !queue.leading else { return false }
            queue.leading = true
            return true
        }
        if !leads {
            job.wake.wait()
            guard job.mustLead else { return }  // done: a leader ran it
        }
        let group = waiting.withLock { queue in
            defer { queue.jobs.removeAll() }
            return queue.jobs
        }
        commit(group)
        // Whoever queued during the commit leads next; the leader itself returns now.
        waiting.withLock { queue in
            if let next = queue.jobs.first {
                next.mustLead = true
                next.wake.signal()
            } else {
                queue.leading = false
            }
        }
        for other in group where other !== job { other.wake.signal() }
    }

    /// One transaction for the whole group, each job in its own savepoint.
    private func commit(_ group: [Job]) {
        do {
            try pool.write { db in
                for job in group {
                    try db.inSavepoint {
                        do {
                            try job.run?(db)
                            return .commit
                        } catch {
                            // The job's own error is in its result; only its savepoint rolls back.
                            return .rollback
                        }
                    }
                }
            }
        } catch {
            for job in group { job.failure = error }
        }
        // The callers' bodies must not outlive their calls (`withoutActuallyEscaping` checks it),
        // while the jobs themselves may: let go of the bodies before anyone is woken.
        for job in group { job.run = nil }
    }

    /// One caller's work and how it is told the outcome.
    ///
    /// `@unchecked Sendable`: `run`, `failure` and `mustLead` are written by the leader before it
    /// signals `wake`, and read by the caller only after `wake.wait()` returns (or by the caller
    /// itself when it leads), so the semaphore orders every access.
    private final class Job: @unchecked Sendable {
        /// Runs the caller's body, keeping its result (or error) on the caller's side; nil once run.
        var run: ((Database) throws -> Void)?
        let wake = DispatchSemaphore(value: 0)
        /// The transaction's failure, when the group could not commit.
        var failure: (any Error)?
        /// Set when the caller is woken to lead the next group rather than because it is done.
        var mustLead = false

        init(_ run: @escaping (Database) throws -> Void) {
            self.run = run
        }
    }
}
