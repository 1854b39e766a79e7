/// A 1-based line and column, for display only.
///
/// The column counts Unicode scalars, not bytes, so `{{ сумма | mony }}` reports `mony` at the
/// same column an editor shows, whatever the script. Spans stay byte ranges; this is derived.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public let line: Int
    /// 1-based column, counted in Unicode scalars.
    public let column: Int

    /// Creates a location.
    /// - Parameters:
    ///   - line: 1-based line.
    ///   - column: 1-based column in Unicode scalars.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Orders by line, then column.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`, as used in diagnostics and fixtures.
    public var description: String { "\(line):\(column)" }
}

/// The line table of one text: where each line starts, in bytes.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`; the terminator belongs to the line it ends.
public struct SourceLines: Sendable {
    /// The text the table describes.
    public let text: String
    /// Byte offset of the first byte of every line; the first entry is 0.
    public let lineStarts: [Int]

    /// Builds the table in one pass over the UTF-8 bytes.
    /// - Parameter text: The source text.
    public init(_ text: String) {
        self.text = text
        // Over the string's own bytes when they are contiguous (a `Source`'s always are): every
        // template file of a render is scanned, and copying each into an array cost more than the scan.
        self.lineStarts = text.utf8.withContiguousStorageIfAvailable(Self.lineStarts(of:))
            ?? Self.lineStarts(of: Array(text.utf8))
    }

    private static func lineStarts<Bytes: RandomAccessCollection<UInt8>>(of bytes: Bytes) -> [Int] where Bytes.Index == Int {
        var starts = [0]
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            // Most bytes are neither terminator: one comparison decides.
            guard byte <= UInt8(ascii: "\r") else { continue }
            if byte == UInt8(ascii: "\r"), index < bytes.endIndex, bytes[index] == UInt8(ascii: "\n") {
                index += 1  // \r\n is one terminator
                starts.append(index)
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                starts.append(index)
            }
        }
        return starts
    }

    /// The number of lines; an empty text has one (empty) line.
    public var lineCount: Int { lineStarts.count }

    /// The 1-based line containing a byte offset (offsets past the end map to the last line).
    /// - Parameter offset: A UTF-8 byte offset.
    public func line(ofByte offset: Int) -> Int {
        // Binary search for the last line start <= offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The line and column of a byte offset.
    /// - Parameter offset: A UTF-8 byte offset, clamped to the text.
    public func location(ofByte offset: Int) -> SourcePosition {
        let clamped = min(max(offset, 0), text.utf8.count)
        let line = line(ofByte: clamped)
        let start = lineStarts[line - 1]
        return SourcePosition(line: line, column: scalarCount(from: start, to: clamped) + 1)
    }

    /// The byte range of a line's content, without its terminator.
    /// - Parameter line: 1-based line number.
    public func contentRange(ofLine line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : text.utf8.count
        let utf8 = text.utf8
        // Drop `\n`, then `\r`, so `\r\n` and lone `\r` both vanish.
        for terminator in [UInt8(ascii: "\n"), UInt8(ascii: "\r")] where end > start {
            if utf8[utf8.index(utf8.startIndex, offsetBy: end - 1)] == terminator { end -= 1 }
        }
        return start..<end
    }

    /// The text of a line, without its terminator.
    /// - Parameter line: 1-based line number.
    public func text(ofLine line: Int) -> Substring {
        let range = contentRange(ofLine: line)
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return text[start..<end]
    }

    /// Counts Unicode scalars in a byte range by skipping UTF-8 continuation bytes.
    private func scalarCount(from start: Int, to end: Int) -> Int {
        guard end > start else { return 0 }
        let utf8 = text.utf8
        let first = utf8.index(utf8.startIndex, offsetBy: start)
        let last = utf8.index(first, offsetBy: end - start)
        return utf8[first..<last].reduce(0) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
    }
}
