internal import CDeflate
import Foundation

/// PNG files of opaque rasters (the page previews), written here rather than by cairo.
///
/// Why: cairo's `cairo_surface_write_to_png_stream` hands the rows to libpng, which tries all
/// five row filters on every row and deflates with zlib. For a one-page invoice at 110 dpi that
/// was four fifths of a preview's instructions, the rasterising itself one fifth. Here each row
/// gets the better of the two filters that suit documents (`Sub` for runs along a row, `Up` for
/// rows that repeat, such as the blank ones), chosen by libpng's own measure (the smaller sum of
/// the filtered bytes as signed values), and the whole image is deflated in one libdeflate call.
/// The pixels are the same; the bytes differ from cairo's, and are the same on every machine
/// with the same libdeflate. A one-page invoice at 110 dpi: 632 M instructions before, 221 M.
enum PNGEncoder {
    /// libdeflate's fastest level. A preview is made to be looked at now: level 6 took twice as
    /// long for files 13 % smaller, and level 1's are the size cairo's were.
    static let compressionLevel: Int32 = 1
    /// The largest IDAT chunk written; PNG allows up to 2³¹ − 1 bytes.
    static let chunkLimit = 1 << 30

    /// Encodes `height` rows of `width` pixels, each a 32-bit `0x00RRGGBB` in native byte order
    /// (cairo's `RGB24`), rows `stride` bytes apart, as an 8-bit RGB PNG.
    /// - Parameter chunkLimit: the largest IDAT chunk (smaller in tests, to split the data).
    /// - Returns: the file, or nil when libdeflate cannot allocate its compressor.
    static func encodeRGB(
        pixels: UnsafeRawPointer, width: Int, height: Int, stride: Int, chunkLimit: Int = PNGEncoder.chunkLimit
    ) -> Data? {
        precondition(width > 0 && height > 0 && stride >= 4 * width, "a raster has pixels")
        let rowBytes = 3 * width
        var previous = [UInt8](repeating: 0, count: rowBytes)  // the row above the first is zeros
        var current = [UInt8](repeating: 0, count: rowBytes)
        // Every byte is written below (each row's filter type and filtered bytes): not zeroed first.
        let filtered = [UInt8](unsafeUninitializedCapacity: height * (rowBytes + 1)) { output, initialized in
            for y in 0..<height {
                current.withUnsafeMutableBufferPointer { row in
                    let words = (pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                    for x in 0..<width {
                        let pixel = words[x]
                        row[3 * x] = UInt8(truncatingIfNeeded: pixel >> 16)
                        row[3 * x + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                        row[3 * x + 2] = UInt8(truncatingIfNeeded: pixel)
                    }
                }
                let start = y * (rowBytes + 1)
                current.withUnsafeBufferPointer { row in
                    previous.withUnsafeBufferPointer { above in
                        filter(row: row, above: above, into: UnsafeMutableBufferPointer(rebasing: output[start..<(start + rowBytes + 1)]))
                    }
                }
                swap(&current, &previous)
            }
            initialized = height * (rowBytes + 1)
        }
        guard let compressor = libdeflate_alloc_compressor(compressionLevel) else { return nil }
        defer { libdeflate_free_compressor(compressor) }
        // Room for the worst case, left uninitialised: a page's few hundred kilobytes touch a
        // few pages of it, where zeroing it first would fault in every one.
        let bound = libdeflate_zlib_compress_bound(compressor, filtered.count)
        let compressed = [UInt8](unsafeUninitializedCapacity: bound) { output, initialized in
            initialized = filtered.withUnsafeBytes { input in
                libdeflate_zlib_compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        let size = compressed.count
        guard size > 0 else { return nil }  // cannot happen with the bound's room

        var file = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, RGB, deflate, adaptive filters, no interlace
        appendChunk("IHDR", header[...], to: &file)
        var offset = 0
        repeat {
            let end = min(offset + chunkLimit, size)
            appendChunk("IDAT", compressed[offset..<end], to: &file)
            offset = end
        } while offset < size
        appendChunk("IEND", [][...], to: &file)
        return file
    }

    /// Writes filter type and filtered bytes of one row: `Sub` or `Up`, whichever sums smaller.
    private static func filter(
        row: UnsafeBufferPointer<UInt8>, above: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>
    ) {
        let count = row.count
        // Most rows of a page repeat the one above (blank paper, the inside of a rule): `Up`, all
        // zeros, and nothing to weigh.
        if memcmp(row.baseAddress!, above.baseAddress!, count) == 0 {
            output[0] = 2
            memset(output.baseAddress! + 1, 0, count)
            return
        }
        var subSum = 0
        var upSum = 0
        for index in 0..<min(3, count) {
            subSum += signedMagnitude(row[index])
            upSum += signedMagnitude(row[index] &- above[index])
        }
        for index in 3..<max(3, count) {
            subSum += signedMagnitude(row[index] &- row[index - 3])
            upSum += signedMagnitude(row[index] &- above[index])
        }
        let target = output.baseAddress! + 1
        if upSum <= subSum {
            output[0] = 2
            for index in 0..<count { target[index] = row[index] &- above[index] }
        } else {
            output[0] = 1
            for index in 0..<min(3, count) { target[index] = row[index] }
            for index in 3..<max(3, count) { target[index] = row[index] &- row[index - 3] }
        }
    }

    /// A filtered byte's size as libpng measures it: its distance from zero as a signed byte.
    @inline(__always)
    private static func signedMagnitude(_ byte: UInt8) -> Int {
        byte < 128 ? Int(byte) : 256 - Int(byte)
    }

    private static func appendChunk(_ type: String, _ data: ArraySlice<UInt8>, to file: inout Data) {
        var chunk = [UInt8]()
        chunk.reserveCapacity(data.count + 12)
        chunk.appendBigEndian(UInt32(data.count))
        chunk += Array(type.utf8)
        chunk += data
        let crc = chunk[4...].withUnsafeBytes { libdeflate_crc32(0, $0.baseAddress, $0.count) }
        chunk.appendBigEndian(crc)
        file.append(contentsOf: chunk)
    }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)])
    }
}
