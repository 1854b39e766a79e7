/// What a process caches or waits for that another process may change.
package enum StoreTopic: String, Sendable, CaseIterable {
    /// A template version was recorded (the current version may have changed).
    case templates
    /// A brand version was recorded.
    case brands
    /// A batch job was created.
    case batches
}

/// How one process learns what others changed: several nodes share one store, and each keeps the
/// current template and brand versions loaded and its batch worker asleep between jobs.
///
/// Two channels, because neither suffices alone: `notifications()` wakes a process at once (on
/// PostgreSQL, `LISTEN`/`NOTIFY`), but notifications sent while it was disconnected are lost; so
/// callers also poll `revisions()`, which are read from the store and never miss a change.
package protocol ChangeFeed: Sendable {
    /// A number per topic that grows with every change of it (compare two readings).
    /// - Throws: `StorageError` when the store cannot be read.
    func revisions() async throws(StorageError) -> [StoreTopic: Int64]

    /// Topics as their changes are announced, by any process (this one included). A new call
    /// starts a new stream; the stream may miss changes (see the type's summary).
    func notifications() -> AsyncStream<StoreTopic>
}
