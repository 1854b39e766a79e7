/// Identifies one source file inside a compilation, so spans stay small and comparable.
///
/// The host that loads templates (and, later, their includes) should hand out IDs explicitly.
/// `Source.init(name:text:)` derives one from the file name so that a single file needs no set-up
/// and diagnostics stay deterministic across runs.
public struct SourceID: Hashable, Sendable, CustomStringConvertible {
    /// The raw identifier; only equality matters.
    public let rawValue: UInt64

    /// Wraps a host-assigned identifier.
    /// - Parameter rawValue: Any value unique among the sources of one compilation.
    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// Derives a stable identifier from a file name (64-bit FNV-1a of its UTF-8 bytes).
    /// - Parameter name: The file name, as shown in diagnostics.
    public init(deriving name: String) {
        // FNV-1a rather than `hashValue`: Swift's hashing is seeded per process, and goldens
        // must not change from run to run.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        self.rawValue = hash
    }

    /// A short hexadecimal form for debugging.
    public var description: String { "#" + String(rawValue, radix: 16) }
}

/// One template file: its display name, its text, and a line table for turning spans into positions.
public struct Source: Sendable {
    /// The identifier that every `SourceSpan` into this file carries.
    public let id: SourceID
    /// The name shown in diagnostics, e.g. `invoice.doc`.
    public let name: String
    /// The full UTF-8 text of the template.
    public let text: String
    /// Line starts, computed once, for mapping byte offsets to line and column.
    public let lines: SourceLines

    /// Creates a source.
    /// - Parameters:
    ///   - name: The name shown in diagnostics.
    ///   - text: The template text.
    ///   - id: The identifier; defaults to one derived from `name`.
    public init(name: String, text: String, id: SourceID? = nil) {
        // A native UTF-8 copy makes `utf8` index arithmetic O(1), which the lexer relies on.
        var native = text
        native.makeContiguousUTF8()
        self.id = id ?? SourceID(deriving: name)
        self.name = name
        self.text = native
        self.lines = SourceLines(native)
    }

    /// The number of UTF-8 bytes in the text.
    public var byteCount: Int { text.utf8.count }

    /// A span covering the whole file.
    public var fullSpan: SourceSpan { SourceSpan(source: id, range: 0..<byteCount) }

    /// A span of this file from a byte range.
    /// - Parameter range: Byte offsets; clamped to the file.
    public func span(_ range: Range<Int>) -> SourceSpan {
        let lower = min(max(range.lowerBound, 0), byteCount)
        let upper = min(max(range.upperBound, lower), byteCount)
        return SourceSpan(source: id, range: lower..<upper)
    }

    /// The text a span covers, exactly its bytes. Offsets must fall on Unicode scalar boundaries.
    /// - Parameter span: A span of this file (its source ID is not checked).
    public func text(in span: SourceSpan) -> Substring {
        let clamped = self.span(span.range)
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: clamped.start)
        let end = utf8.index(start, offsetBy: clamped.count)
        // Sliced as bytes: slicing the `String` checks both ends against its characters, a walk
        // over grapheme clusters for every token (7 % of the lexer's instructions).
        return Substring(utf8[start..<end])
    }

    /// The line and column where a span starts and ends, for display.
    /// - Parameter span: A span of this file.
    public func location(of span: SourceSpan) -> (start: SourcePosition, end: SourcePosition) {
        (lines.location(ofByte: span.start), lines.location(ofByte: span.end))
    }
}
