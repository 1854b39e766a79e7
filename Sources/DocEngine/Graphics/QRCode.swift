/// QR codes as drawings: a grid of the symbol's modules inside its quiet zone, so the code stays
/// crisp at any resolution, and the same text always gives the same grid.
public enum QRCode {
    /// The longest text we encode, in UTF-8 bytes. A tracking link is far shorter; anything
    /// near this is unreadable when printed at a few centimetres.
    public static let maximumByteCount = 2_000

    /// The blank margin on every side, in modules, that readers need to find the symbol (ISO/IEC 18004).
    public static let quietZoneModules = 4

    /// Encodes `text` as a QR code drawn at one unit per module, quiet zone included.
    ///
    /// The text's UTF-8 bytes are encoded in byte mode, case-sensitively, at the smallest version
    /// that fits. The drawing holds one `CellGrid`: a cell per module, filled where it is dark.
    /// A text encoded before in this process is not encoded again (`QRSymbols`).
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
        try drawing(encoding: text, errorCorrection: errorCorrection, color: color, symbols: .process)
    }

    /// `drawing(encoding:errorCorrection:color:)` with the symbols kept in `symbols`.
    static func drawing(
        encoding text: String, errorCorrection: QRErrorCorrection, color: Color, symbols: QRSymbols
    ) throws(QRCodeError) -> Drawing {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .emptyText }
        guard bytes.count <= maximumByteCount else { throw .textTooLong(byteCount: bytes.count, limit: maximumByteCount) }
        let symbol = try symbols.modules(encoding: bytes, errorCorrection: errorCorrection)
        let margin = Double(quietZoneModules)
        let modules = Double(symbol.width)
        let grid = CellGrid(
            columns: symbol.width, rows: symbol.width,
            frame: Rect(x: margin, y: margin, width: modules, height: modules), color: color, encodedText: text,
            isFilled: symbol.isDark)
        let side = modules + 2 * margin
        return Drawing(size: Size(width: side, height: side), grids: [grid])
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
