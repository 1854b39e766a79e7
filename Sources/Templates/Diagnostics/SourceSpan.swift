/// A byte range in one source file.
///
/// Spans are cheap values (an ID and two offsets); line and column are computed only when a
/// diagnostic is displayed, through `SourceLines`. The range is half-open and counts UTF-8 bytes.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    /// The file the span points into.
    public let source: SourceID
    /// Offset of the first byte.
    public let start: Int
    /// Offset one past the last byte.
    public let end: Int

    /// Creates a span.
    /// - Parameters:
    ///   - source: The file.
    ///   - range: Half-open UTF-8 byte range.
    public init(source: SourceID, range: Range<Int>) {
        self.source = source
        self.start = range.lowerBound
        self.end = range.upperBound
    }

    /// The byte range.
    public var range: Range<Int> { start..<end }

    /// The number of bytes covered.
    public var count: Int { end - start }

    /// Whether the span covers no bytes (used for "missing token" positions such as end of file).
    public var isEmpty: Bool { start == end }

    /// The smallest span covering both spans (they must share a source).
    /// - Parameter other: Another span of the same file.
    public func joined(with other: SourceSpan) -> SourceSpan {
        SourceSpan(source: source, range: min(start, other.start)..<max(end, other.end))
    }

    /// An empty span at this span's start.
    public var startPoint: SourceSpan { SourceSpan(source: source, range: start..<start) }

    /// An empty span at this span's end.
    public var endPoint: SourceSpan { SourceSpan(source: source, range: end..<end) }

    /// Debug form, e.g. `#1a2b@10..14`.
    public var description: String { "\(source)@\(start)..\(end)" }
}
