/// What the checker needs to know about a filter: its name and how many arguments it takes.
///
/// The evaluator owns the filter implementations and hands their signatures to the checker, so
/// `{{ x | mony }}` and `{{ x | money(1, 2, 3) }}` fail at compile time, not while rendering.
public struct FilterSignature: Hashable, Sendable {
    /// The name written after `|`.
    public var name: String
    /// The fewest arguments accepted.
    public var minArguments: Int
    /// The most arguments accepted; nil for no limit.
    public var maxArguments: Int?

    /// Creates a signature.
    /// - Parameters:
    ///   - name: The filter name.
    ///   - minArguments: The fewest arguments.
    ///   - maxArguments: The most arguments, or nil for no limit.
    public init(name: String, minArguments: Int = 0, maxArguments: Int? = 0) {
        self.name = name
        self.minArguments = minArguments
        self.maxArguments = maxArguments
    }

    /// Creates a signature from a range, e.g. `FilterSignature("money", arguments: 0...1)`.
    /// - Parameters:
    ///   - name: The filter name.
    ///   - arguments: How many arguments it takes.
    public init(_ name: String, arguments: ClosedRange<Int> = 0...0) {
        self.init(name: name, minArguments: arguments.lowerBound, maxArguments: arguments.upperBound)
    }

    /// Whether `count` arguments are acceptable.
    /// - Parameter count: The number of arguments written.
    public func accepts(argumentCount count: Int) -> Bool {
        count >= minArguments && count <= (maxArguments ?? .max)
    }

    /// "filter `money` takes at most 1 argument, found 3", or nil when `count` is fine.
    /// - Parameter count: The number of arguments written.
    public func arityMessage(found count: Int) -> String? {
        guard !accepts(argumentCount: count) else { return nil }
        let requirement: String
        if minArguments == maxArguments {
            requirement = minArguments == 0 ? "takes no arguments" : "takes exactly \(Self.arguments(minArguments))"
        } else if let maxArguments, count > maxArguments {
            requirement = "takes at most \(Self.arguments(maxArguments))"
        } else {
            requirement = "takes at least \(Self.arguments(minArguments))"
        }
        return "filter `\(name)` \(requirement), found \(count)"
    }

    private static func arguments(_ count: Int) -> String {
        count == 1 ? "1 argument" : "\(count) arguments"
    }
}
