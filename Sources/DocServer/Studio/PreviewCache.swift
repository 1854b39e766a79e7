import Crypto
package import Foundation
import Synchronization

/// Rendered previews by what decides their bytes: template version, brand (draft or version)
/// fingerprint, the platform's marks, language, data, format, page and resolution.
///
/// Renders are deterministic, so an entry never goes stale; the cache only bounds memory. The
/// studio asks for the same pictures again and again (switching templates and languages, undoing
/// an edit), which then answer without a render.
package final class PreviewCache: Sendable {
    /// A rendered preview: its bytes and the document's page count.
    package struct Entry: Sendable {
        package var bytes: Data
        package var pages: Int
    }

    /// The most bytes kept; least recently used entries go first.
    package let byteLimit: Int
    private let state: Mutex<State>

    private struct State {
        var entries: [String: Entry] = [:]
        /// Keys from least to most recently used.
        var order: [String] = []
        var bytes = 0
    }

    /// - Parameter byteLimit: the most bytes of previews kept (64 MiB by default).
    package init(byteLimit: Int = 64 << 20) {
        self.byteLimit = byteLimit
        state = Mutex(State())
    }

    /// The key of a preview: SHA-256 over its parts, in order.
    package static func key(_ parts: [String]) -> String {
        SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The preview stored under `key`, which becomes the most recently used.
    package func entry(for key: String) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            if let index = state.order.firstIndex(of: key) { state.order.remove(at: index) }
            state.order.append(key)
            return entry
        }
    }

    /// Keeps `entry` under `key`, forgetting the least recently used entries past the byte limit.
    package func store(_ entry: Entry, for key: String) {
        guard entry.bytes.count <= byteLimit else { return }
        state.withLock { state in
            if let old = state.entries.updateValue(entry, forKey: key) {
                state.bytes -= old.bytes.count
                state.order.removeAll { $0 == key }
            }
            state.order.append(key)
            state.bytes += entry.bytes.count
            while state.bytes > byteLimit, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.entries.removeValue(forKey: oldest)?.bytes.count ?? 0
            }
        }
    }

    /// How many previews are kept.
    package var count: Int { state.withLock { $0.entries.count } }
}
