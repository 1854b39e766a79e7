import CQRencode

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// QR codes as vector drawings: one filled square per dark module, so they stay crisp at any
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
    /// that fits. Horizontal runs of dark modules become one rectangle each, all in a single shape.
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

    /// The symbol's dark modules as rectangles, one per horizontal run, offset by the quiet zone.
    private static func drawing(of symbol: QRSymbol, color: Color) -> Drawing {
        let width = symbol.width
        let margin = Double(quietZoneModules)
        var elements: [VectorShape.Element] = []
        for row in 0..<width {
            let top = Double(row) + margin
            var column = 0
            while column < width {
                guard symbol.isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < width, symbol.isDark(row: row, column: column) { column += 1 }
                let left = Double(start) + margin
                let right = Double(column) + margin
                // Every rectangle turns the same way, so shared edges merge under non-zero winding.
                elements += [
                    .move(Point(x: left, y: top)), .line(Point(x: right, y: top)),
                    .line(Point(x: right, y: top + 1)), .line(Point(x: left, y: top + 1)), .close,
                ]
            }
        }
        let side = Double(width) + 2 * margin
        return Drawing(size: Size(width: side, height: side), shapes: [VectorShape(elements: elements, fill: color)])
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

    var level: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
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

/// An encoded symbol: owns one libqrencode `QRcode` and frees it.
private final class QRSymbol {
    private let pointer: UnsafeMutablePointer<QRcode>  // owned; freed in deinit

    /// The number of modules on each side.
    let width: Int

    /// Encodes `bytes` in 8-bit mode at the smallest version that fits.
    init(encoding bytes: [UInt8], errorCorrection: QRErrorCorrection) throws(QRCodeError) {
        // Version 0 asks for the smallest version; QRcode_encodeData takes raw bytes, NULs included.
        let encoded = bytes.withUnsafeBufferPointer { buffer in
            errno = 0
            return QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, errorCorrection.level)
        }
        guard let encoded else {
            let code = errno
            if code == ERANGE { throw .exceedsCapacity(byteCount: bytes.count, errorCorrection: errorCorrection) }
            throw .encoderFailed(reason: code == 0 ? "unknown error" : String(cString: strerror(code)))
        }
        guard encoded.pointee.width > 0, encoded.pointee.data != nil else {
            QRcode_free(encoded)
            throw .encoderFailed(reason: "the encoder returned an empty symbol")
        }
        pointer = encoded
        width = Int(encoded.pointee.width)
    }

    deinit { QRcode_free(pointer) }

    /// Whether the module at `row`, `column` is dark (bit 0 of its byte; the others are encoder flags).
    func isDark(row: Int, column: Int) -> Bool {
        pointer.pointee.data[row * width + column] & 1 != 0
    }
}
