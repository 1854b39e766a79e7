internal import CQRencode

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An encoded symbol: owns one libqrencode `QRcode` and frees it.
final class QRSymbol {
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

extension QRErrorCorrection {
    /// libqrencode's name for the level.
    var level: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
