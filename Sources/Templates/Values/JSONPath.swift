/// Where a value sits inside a JSON document, for diagnostics: `items[3].price`,
/// `order.cargo.weightKg`, `parties["full name"]`. The empty path (the document itself) prints `$`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step from a container to a member.
    public enum Component: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array element, 0-based.
        case index(Int)
    }

    /// The steps from the document root.
    public private(set) var components: [Component]

    /// The document itself.
    public static let root = JSONPath()

    /// A path made of `components`.
    /// - Parameter components: Steps from the root, outermost first.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// This path extended by an object member.
    /// - Parameter key: The member name.
    public func appending(key: String) -> JSONPath { appending(.key(key)) }

    /// This path extended by an array element.
    /// - Parameter index: The 0-based element index.
    public func appending(index: Int) -> JSONPath { appending(.index(index)) }

    /// One array of the right size: every member a template reads makes a path.
    private func appending(_ component: Component) -> JSONPath {
        var steps: [Component] = []
        steps.reserveCapacity(components.count + 1)
        steps += components
        steps.append(component)
        return JSONPath(steps)
    }

    /// Extends this path by one step in place; `removeLast()` takes it back. A walk over every
    /// member of a document keeps one path this way instead of building one per member.
    /// - Parameter component: The step to add.
    public mutating func append(_ component: Component) {
        components.append(component)
    }

    /// Removes the innermost step.
    /// - Precondition: The path is not the root.
    public mutating func removeLast() {
        components.removeLast()
    }

    /// Dotted rendering; keys that are not ASCII identifiers use `["…"]` with JSON escapes.
    public var description: String {
        guard !components.isEmpty else { return "$" }
        var text = ""
        for component in components {
            switch component {
            case .key(let key) where Self.isIdentifier(key):
                if !text.isEmpty { text += "." }
                text += key
            case .key(let key):
                text += "[\"" + Self.escaped(key) + "\"]"
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// Escapes `"`, `\` and control characters so the rendered key reads back unambiguously.
    private static func escaped(_ key: String) -> String { JSONEscaping.escaped(key) }
}
