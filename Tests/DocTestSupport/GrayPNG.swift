import CZlib
import DocEngine
import Foundation

/// Page images reduced to 16 grey levels and stored as 4-bit greyscale PNGs: a reference page
/// then weighs 6–15 KiB instead of 20–50 KiB in colour, and still shows every moved line. Colour
/// is checked by assertions on the documents, not by these images.
enum GrayPNG {
    /// Grey levels kept: 4 bits.
    static let levels = 16

    /// Each pixel's luminance (ITU-R BT.601) as a level from 0 (black) to 15 (white).
    static func levels(of raster: Raster) -> [UInt8] {
        (0..<(raster.width * raster.height)).map { pixel in
            let i = pixel * 3
            let luminance = (299 * Int(raster.rgb[i]) + 587 * Int(raster.rgb[i + 1]) + 114 * Int(raster.rgb[i + 2])) / 1000
            return UInt8((luminance * (levels - 1) + 127) / 255)
        }
    }

    /// A 4-bit greyscale PNG of `levels` (row by row, `width` per row).
    static func encode(levels: [UInt8], width: Int, height: Int) -> Data {
        var raw = [UInt8]()
        let rowBytes = (width + 1) / 2
        raw.reserveCapacity(height * (rowBytes + 1))
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in stride(from: 0, to: width, by: 2) {
                let high = levels[y * width + x]
                let low = x + 1 < width ? levels[y * width + x + 1] : 0
                raw.append(high << 4 | low)
            }
        }
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [4, 0, 0, 0, 0])  // 4 bits, greyscale, deflate, no filter, no interlace
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", deflate(raw))
        png.appendChunk("IEND", Data())
        return png
    }

    /// zlib at its best compression.
    private static func deflate(_ bytes: [UInt8]) -> Data {
        var size = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(size))
        let status = compress2(&output, &size, bytes, uLong(bytes.count), Z_BEST_COMPRESSION)
        precondition(status == Z_OK, "zlib compress2 failed with \(status)")
        return Data(output.prefix(Int(size)))
    }
}

extension Data {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    fileprivate mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        let checksum = typed.withUnsafeBytes { buffer in
            crc32(0, buffer.bindMemory(to: UInt8.self).baseAddress, uInt(buffer.count))
        }
        appendBigEndian(UInt32(checksum))
    }
}
