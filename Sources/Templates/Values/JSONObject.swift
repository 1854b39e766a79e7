/// The members of a JSON object: source order preserved (documents list fields in a meaningful
/// order) with O(1) lookup by key. Keys are unique.
///
/// Equality ignores order, as JSON objects are unordered; iteration follows insertion order.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// One member as yielded by iteration.
    public typealias Element = (key: String, value: JSONValue)

    /// Keys in insertion order.
    public private(set) var keys: [String] = []
    /// Values, parallel to `keys`.
    private var values: [JSONValue] = []
    /// Position of each key in `keys` and `values`.
    private var positions: [String: Int] = [:]

    /// An empty object.
    public init() {}

    /// An object from pairs whose keys are unique.
    /// - Parameter pairs: Key–value pairs in the wanted order.
    /// - Precondition: No key appears twice.
    public init(uniqueKeysWithValues pairs: some Sequence<(String, JSONValue)>) {
        for (key, value) in pairs {
            precondition(positions[key] == nil, "duplicate JSON object key \(key)")
            appendNewMember(key: key, value: value)
        }
    }

    /// An object from a literal; duplicate keys trap.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(uniqueKeysWithValues: elements)
    }

    /// Number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value for `key`; assigning `nil` removes the member (O(n)), assigning a value
    /// replaces it in place or appends it.
    public subscript(key: String) -> JSONValue? {
        get { positions[key].map { values[$0] } }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Replaces the value of an existing key in place, or appends a new member.
    /// - Returns: The previous value, if any.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
        if let position = positions[key] {
            defer { values[position] = value }
            return values[position]
        }
        appendNewMember(key: key, value: value)
        return nil
    }

    /// Removes a member, keeping the order of the others. O(n).
    /// - Returns: The removed value, if the key was present.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = positions.removeValue(forKey: key) else { return nil }
        keys.remove(at: position)
        let removed = values.remove(at: position)
        for index in position..<keys.count { positions[keys[index]] = index }
        return removed
    }

    /// Appends a member whose key the caller knows to be new (the parser checks first).
    mutating func appendNewMember(key: String, value: JSONValue) {
        positions[key] = keys.count
        keys.append(key)
        values.append(value)
    }

    /// Whether `key` is present.
    func contains(key: String) -> Bool { positions[key] != nil }

    /// Iterates members in insertion order.
    public func makeIterator() -> Iterator {
        Iterator(object: self)
    }

    /// Iterator over members in insertion order.
    public struct Iterator: IteratorProtocol, Sendable {
        private let object: JSONObject
        private var index = 0

        fileprivate init(object: JSONObject) { self.object = object }

        /// The next member, or `nil` at the end.
        public mutating func next() -> Element? {
            guard index < object.keys.count else { return nil }
            defer { index += 1 }
            return (object.keys[index], object.values[index])
        }
    }

    /// Same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.allSatisfy { rhs[$0.key] == $0.value }
    }
}
