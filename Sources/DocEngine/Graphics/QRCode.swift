/// QR codes as vector drawings: filled rectangles covering the dark modules, so they stay crisp at any
/// resolution, and the same text always gives the same shapes.
public enum QRCode {
    /// The longest text we encode, in UTF-8 bytes. A tracking link is far shorter; anything
    /// near this is unreadable when printed at a few centimetres.
    public static let maximumByteCount = 2_000

    /// The blank margin on every side, in modules, that readers need to find the symbol (ISO/IEC 18004).
    public static let quietZoneModules = 4

    /// Encodes `text` as a QR code drawn at one unit per module, quiet zone included.
    ///
    /// The text's UTF-8 bytes are encoded in byte mode, case-sensitively, at the smallest version
    /// that fits. Dark modules become rectangles (horizontal runs merged with identical runs below),
    /// all in a single shape.
    /// - Parameters:
    ///   - text: The text to encode, such as a tracking URL.
    ///   - errorCorrection: How much of the symbol may be damaged and still read.
    ///   - color: The fill of the dark modules; light modules are left unpainted.
    /// - Returns: A drawing `modules + 8` units square.
    /// - Throws: `QRCodeError` when the text is empty, longer than `maximumByteCount`, too long
    ///   for the chosen error correction, or the encoder fails.
    public static func drawing(
        encoding text: String, errorCorrection: QRErrorCorrection = .medium, color: Color = .black
    ) throws(QRCodeError) -> Drawing {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .emptyText }
        guard bytes.count <= maximumByteCount else { throw .textTooLong(byteCount: bytes.count, limit: maximumByteCount) }
        let symbol = try QRSymbol(encoding: bytes, errorCorrection: errorCorrection)
        return drawing(of: symbol, color: color)
    }

    /// The symbol's dark modules as rectangles, offset by the quiet zone.
    ///
    /// Each horizontal run of dark modules is merged with the identical runs directly below it,
    /// so a finder pattern's 7×1 sides or a solid block become one rectangle: about a third fewer
    /// path operators to write into every PDF, and the same covered area.
    private static func drawing(of symbol: QRSymbol, color: Color) -> Drawing {
        let margin = Double(quietZoneModules)
        var elements: [VectorShape.Element] = []
        for rectangle in mergedRectangles(of: symbol) {
            let left = Double(rectangle.columns.lowerBound) + margin
            let right = Double(rectangle.columns.upperBound) + margin
            let top = Double(rectangle.rows.lowerBound) + margin
            let bottom = Double(rectangle.rows.upperBound) + margin
            // Every rectangle turns the same way, so shared edges merge under non-zero winding.
            elements += [
                .move(Point(x: left, y: top)), .line(Point(x: right, y: top)),
                .line(Point(x: right, y: bottom)), .line(Point(x: left, y: bottom)), .close,
            ]
        }
        let side = Double(symbol.width) + 2 * margin
        return Drawing(size: Size(width: side, height: side), shapes: [VectorShape(elements: elements, fill: color)])
    }

    /// A block of dark modules: the rows and columns it covers, upper bounds excluded.
    struct ModuleRectangle: Hashable {
        var rows: Range<Int>
        var columns: Range<Int>
    }

    /// Horizontal runs of dark modules, each grown down over the rows that repeat it exactly.
    /// Ordered by top row, then left column, so the same symbol always gives the same drawing.
    private static func mergedRectangles(of symbol: QRSymbol) -> [ModuleRectangle] {
        var finished: [ModuleRectangle] = []
        var open: [ModuleRectangle] = []  // runs of the previous row, still growing, left to right
        for row in 0...symbol.width {
            let runs = row < symbol.width ? darkRuns(of: symbol, row: row) : []
            var next: [ModuleRectangle] = []
            var openIndex = 0
            for run in runs {
                // Both lists are sorted by column; runs of a row never overlap.
                while openIndex < open.count, open[openIndex].columns.lowerBound < run.lowerBound {
                    finished.append(open[openIndex])
                    openIndex += 1
                }
                if openIndex < open.count, open[openIndex].columns == run {
                    var grown = open[openIndex]
                    grown.rows = grown.rows.lowerBound..<(row + 1)
                    next.append(grown)
                    openIndex += 1
                } else {
                    next.append(ModuleRectangle(rows: row..<(row + 1), columns: run))
                }
            }
            finished += open[openIndex...]
            open = next
        }
        return finished.sorted {
            ($0.rows.lowerBound, $0.columns.lowerBound) < ($1.rows.lowerBound, $1.columns.lowerBound)
        }
    }

    /// The column ranges of the dark runs in one row, left to right.
    private static func darkRuns(of symbol: QRSymbol, row: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var column = 0
        while column < symbol.width {
            guard symbol.isDark(row: row, column: column) else {
                column += 1
                continue
            }
            let start = column
            while column < symbol.width, symbol.isDark(row: row, column: column) { column += 1 }
            runs.append(start..<column)
        }
        return runs
    }
}

/// How much damage a QR code survives, at the cost of a larger symbol.
public enum QRErrorCorrection: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// About 7 % of the codewords can be restored.
    case low
    /// About 15 %; the usual choice for printed documents.
    case medium
    /// About 25 %.
    case quartile
    /// About 30 %; for codes that may be stamped over or creased.
    case high

    /// The level's letter and name, e.g. "M (medium)".
    public var description: String {
        switch self {
        case .low: "L (low)"
        case .medium: "M (medium)"
        case .quartile: "Q (quartile)"
        case .high: "H (high)"
        }
    }
}

/// Why a QR code could not be made.
public enum QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// There is nothing to encode.
    case emptyText
    /// The text is longer than `QRCode.maximumByteCount` UTF-8 bytes.
    case textTooLong(byteCount: Int, limit: Int)
    /// The text fits our limit but not the largest symbol (version 40) at this error correction.
    case exceedsCapacity(byteCount: Int, errorCorrection: QRErrorCorrection)
    /// libqrencode failed for another reason (out of memory, invalid input).
    case encoderFailed(reason: String)

    /// A sentence saying what went wrong.
    public var description: String {
        switch self {
        case .emptyText:
            "the text for a QR code is empty"
        case .textTooLong(let byteCount, let limit):
            "the text is too long for a QR code (\(byteCount) bytes, at most \(limit))"
        case .exceedsCapacity(let byteCount, let errorCorrection):
            "the text is too long for a QR code at error correction \(errorCorrection) (\(byteCount) bytes); "
                + "use a lower error correction or shorter text"
        case .encoderFailed(let reason):
            "the QR encoder failed: \(reason)"
        }
    }
}
