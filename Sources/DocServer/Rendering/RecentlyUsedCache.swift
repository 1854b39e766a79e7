/// A dictionary that keeps at most `capacity` entries, forgetting the least recently used first.
/// Linear in the capacity per access: meant for a few dozen entries, such as old brand versions
/// loaded for re-renders.
package struct RecentlyUsedCache<Value> {
    package let capacity: Int
    private var entries: [String: Value] = [:]
    /// Keys from least to most recently used.
    private var order: [String] = []

    package init(capacity: Int) {
        precondition(capacity > 0, "a cache needs room for one entry")
        self.capacity = capacity
    }

    package var count: Int { entries.count }

    /// The value for `key`, which becomes the most recently used.
    package mutating func value(for key: String) -> Value? {
        guard let value = entries[key] else { return nil }
        touch(key)
        return value
    }

    /// Stores `value` as the most recently used, forgetting the least recently used entry when full.
    package mutating func store(_ value: Value, for key: String) {
        if entries.updateValue(value, forKey: key) != nil {
            touch(key)
            return
        }
        order.append(key)
        if order.count > capacity { entries[order.removeFirst()] = nil }
    }

    private mutating func touch(_ key: String) {
        if let index = order.firstIndex(of: key) { order.remove(at: index) }
        order.append(key)
    }
}
