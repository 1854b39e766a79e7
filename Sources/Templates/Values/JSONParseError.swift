/// Why a JSON document was rejected and where: 1-based line, and 1-based column counted in
/// Unicode scalars (what an editor shows), plus the byte offset for tools.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was expected or what is wrong, e.g. `expected ',' or '}' after object member`.
    public let message: String
    /// 1-based line; lines end at `\n`.
    public let line: Int
    /// 1-based column in Unicode scalars from the start of the line.
    public let column: Int
    /// 0-based UTF-8 byte offset of the problem.
    public let byteOffset: Int

    /// Creates an error at a known position.
    init(message: String, line: Int, column: Int, byteOffset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    /// Locates `byteOffset` in `bytes` and builds the error.
    ///
    /// Line and column are worked out only when an error happens, so parsing never pays for
    /// them (typst computes them for display only, too).
    init(message: String, byteOffset: Int, in bytes: [UInt8], contentStart: Int) {
        let end = min(byteOffset, bytes.count)
        var line = 1
        var lineStart = contentStart
        for index in contentStart..<max(contentStart, end) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Every byte except a UTF-8 continuation byte (10xxxxxx) starts a scalar.
        let continuationMask: UInt8 = 0b1100_0000
        let continuationTag: UInt8 = 0b1000_0000
        var column = 1
        for index in lineStart..<max(lineStart, end) where bytes[index] & continuationMask != continuationTag {
            column += 1
        }
        self.init(message: message, line: line, column: column, byteOffset: byteOffset)
    }

    /// `line 3, column 14: expected ',' or '}' after object member`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
