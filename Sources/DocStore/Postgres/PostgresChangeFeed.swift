import Foundation
import Logging
import PostgresNIO
import Synchronization

/// `ChangeFeed` on PostgreSQL: `store_revisions` counts changes per topic (bumped in the same
/// transaction as the change), and `NOTIFY docengine_changes, '<topic>'` — delivered at commit —
/// wakes the nodes that `LISTEN` on one connection each (`listen()`, which the store runs).
///
/// Notifications sent while a node's listening connection was down are lost; so nodes also poll
/// `revisions()`, and after each reconnection this feed tells its subscribers every topic once.
final class PostgresChangeFeed: ChangeFeed, Sendable {
    /// The channel every node listens on.
    static let channel = "docengine_changes"
    /// Pause before listening again after the connection failed.
    static let reconnectDelay: Duration = .seconds(1)

    private let database: PostgresDatabase
    private let subscribers = Mutex<[UUID: AsyncStream<StoreTopic>.Continuation]>([:])

    init(database: PostgresDatabase) {
        self.database = database
    }

    /// Records a change of `topic` inside the transaction that makes it, and notifies at its commit.
    /// - Throws: `StorageError.database`.
    static func announce(_ topic: StoreTopic, with transaction: PostgresQuerier) async throws(StorageError) {
        _ = try await transaction.rows("UPDATE store_revisions SET value = value + 1 WHERE topic = \(topic.rawValue)")
        _ = try await transaction.rows("SELECT pg_notify(\(channel), \(topic.rawValue))")
    }

    func revisions() async throws(StorageError) -> [StoreTopic: Int64] {
        var revisions: [StoreTopic: Int64] = [:]
        for row in try await database.rows("SELECT topic, value FROM store_revisions") {
            guard let (topic, value) = try? row.decode((String, Int64).self), let known = StoreTopic(rawValue: topic)
            else { continue }
            revisions[known] = value
        }
        return revisions
    }

    func notifications() -> AsyncStream<StoreTopic> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreTopic.self, bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        return stream
    }

    /// Listens for notifications until the task is cancelled, reconnecting after failures.
    func listen() async {
        while !Task.isCancelled {
            do {
                try await database.client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        // Whatever was announced while not listening is unknown: tell every topic.
                        for topic in StoreTopic.allCases { self.broadcast(topic) }
                        for try await notification in notifications {
                            if let topic = StoreTopic(rawValue: notification.payload) { self.broadcast(topic) }
                        }
                    }
                }
            } catch {
                // The pool closing (the store stopping) ends the listener too: not worth a warning.
                if Task.isCancelled { return }
                if let psql = error as? PSQLError, [.poolClosed, .clientClosedConnection].contains(psql.code) { return }
                database.logger.warning(
                    "store: listening for changes failed; retrying", metadata: ["error": "\(PostgresDatabase.storageError(error))"])
            }
            try? await Task.sleep(for: Self.reconnectDelay)
        }
    }

    private func broadcast(_ topic: StoreTopic) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(topic) }
    }
}
