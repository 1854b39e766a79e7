package import DocStore
import Logging
import ServiceLifecycle

/// Follows what other nodes sharing the store change: a newer template or brand version becomes
/// current here too, and a new batch job wakes this node's batch worker.
///
/// Woken at once by the store's notifications (PostgreSQL `NOTIFY`), and every `pollInterval`
/// regardless, since notifications sent while this node was disconnected are lost: each wake-up
/// compares the store's revisions with the last ones seen and refreshes only what moved.
package struct StoreChangeWatcher: Service {
    /// How often the revisions are read when no notification comes.
    package static let defaultPollInterval: Duration = .seconds(5)

    private let dependencies: ServiceDependencies
    private let pollInterval: Duration

    package init(dependencies: ServiceDependencies, pollInterval: Duration = Self.defaultPollInterval) {
        self.dependencies = dependencies
        self.pollInterval = pollInterval
    }

    /// Runs until the service group shuts down.
    package func run() async throws {
        await cancelWhenGracefulShutdown { await self.watch() }
    }

    /// Refreshes on every wake-up until the task is cancelled.
    package func watch() async {
        let (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let changes = dependencies.store.changes
        let pollInterval = self.pollInterval
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in changes.notifications() { wake.yield() }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: pollInterval)
                    wake.yield()
                }
            }
            group.addTask {
                var seen = (try? await changes.revisions()) ?? [:]
                for await _ in wakeUps {
                    guard !Task.isCancelled else { return }
                    seen = await refresh(since: seen)
                }
            }
            // Each loop ends when the task is cancelled (a stream's iteration ends then too).
        }
    }

    /// Reads the revisions and refreshes the topics that moved since `seen`.
    /// - Returns: the revisions now (the old ones for topics whose refresh failed, to try again).
    package func refresh(since seen: [StoreTopic: Int64]) async -> [StoreTopic: Int64] {
        let now: [StoreTopic: Int64]
        do {
            now = try await dependencies.store.changes.revisions()
        } catch {
            dependencies.logger.warning("store changes: cannot read revisions", metadata: ["error": "\(error)"])
            return seen
        }
        var result = now
        for topic in StoreTopic.allCases where now[topic] != seen[topic] {
            do {
                switch topic {
                case .templates:
                    let (changed, incompatible) = try await dependencies.templates.refresh()
                    if !changed.isEmpty {
                        dependencies.logger.info(
                            "templates changed on another node", metadata: ["template.names": "\(changed.joined(separator: ","))"])
                    }
                    if !incompatible.isEmpty {
                        dependencies.logger.warning(
                            "a newer template version does not compile with this engine; the previous one stays current here",
                            metadata: ["template.names": "\(incompatible.joined(separator: ","))"])
                    }
                case .brands:
                    let changed = try await dependencies.brands.refresh()
                    if !changed.isEmpty {
                        dependencies.logger.info(
                            "brands changed on another node", metadata: ["brand.ids": "\(changed.joined(separator: ","))"])
                    }
                case .batches:
                    dependencies.batchSignal.notify()
                }
            } catch {
                dependencies.logger.warning(
                    "store changes: cannot refresh", metadata: ["topic": "\(topic.rawValue)", "error": "\(error)"])
                result[topic] = seen[topic]
            }
        }
        return result
    }
}
