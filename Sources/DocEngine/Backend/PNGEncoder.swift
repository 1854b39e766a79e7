internal import CDeflate
internal import CZlib
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

    /// Past this many bytes of filtered rows (a page at about 330 dpi), the rows are deflated one
    /// by one through zlib, at the same level, instead of all at once through libdeflate, which
    /// has no streaming interface: holding every filtered row and room for the worst-case output
    /// would add about 200 MB to a 600-dpi preview, the largest the service draws (a one-page
    /// invoice there: 265 MB at the peak before, 166 MB now). zlib's level 1 writes larger files
    /// than libdeflate's (that invoice: 1.10 MB against 0.75 MB), the price of never holding more
    /// than its window. The bytes differ between the two ways, never between two runs of one image.
    static let streamingThreshold = 32 << 20

    /// Encodes `height` rows of `width` pixels, each a 32-bit `0x00RRGGBB` in native byte order
    /// (cairo's `RGB24`), rows `stride` bytes apart, as an 8-bit RGB PNG.
    /// - Parameters:
    ///   - chunkLimit: the largest IDAT chunk (smaller in tests, to split the data).
    ///   - streamingAbove: the filtered size past which rows are deflated one by one (smaller in tests).
    /// - Returns: the file, or nil when the compressor cannot allocate its memory.
    static func encodeRGB(
        pixels: UnsafeRawPointer, width: Int, height: Int, stride: Int, chunkLimit: Int = PNGEncoder.chunkLimit,
        streamingAbove: Int = PNGEncoder.streamingThreshold
    ) -> Data? {
        precondition(width > 0 && height > 0 && stride >= 4 * width, "a raster has pixels")
        let rows = FilteredRows(pixels: pixels, width: width, height: height, stride: stride)
        let compressed = rows.byteCount > streamingAbove ? deflateRowByRow(rows) : deflateAtOnce(rows)
        guard let compressed, !compressed.isEmpty else { return nil }

        var file = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, RGB, deflate, adaptive filters, no interlace
        appendChunk("IHDR", header[...], to: &file)
        var offset = 0
        repeat {
            let end = min(offset + chunkLimit, compressed.count)
            appendChunk("IDAT", compressed[offset..<end], to: &file)
            offset = end
        } while offset < compressed.count
        appendChunk("IEND", [][...], to: &file)
        return file
    }

    /// Every row filtered into one buffer, then one libdeflate call.
    private static func deflateAtOnce(_ rows: FilteredRows) -> [UInt8]? {
        // Every byte is written (each row's filter type and filtered bytes): not zeroed first.
        let filtered = [UInt8](unsafeUninitializedCapacity: rows.byteCount) { output, initialized in
            rows.write { y in UnsafeMutableBufferPointer(rebasing: output[(y * rows.rowSize)..<((y + 1) * rows.rowSize)]) }
            initialized = rows.byteCount
        }
        guard let compressor = libdeflate_alloc_compressor(compressionLevel) else { return nil }
        defer { libdeflate_free_compressor(compressor) }
        // Room for the worst case, left uninitialised: a page's few hundred kilobytes touch a
        // few pages of it, where zeroing it first would fault in every one.
        let bound = libdeflate_zlib_compress_bound(compressor, filtered.count)
        return [UInt8](unsafeUninitializedCapacity: bound) { output, initialized in
            initialized = filtered.withUnsafeBytes { input in
                libdeflate_zlib_compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
    }

    /// Each row filtered into one reused buffer and fed to a zlib stream, which keeps only its
    /// window and the compressed output. Opened with `deflateInit2_`, which `CPDFStreams` leaves
    /// to zlib.
    private static func deflateRowByRow(_ rows: FilteredRows) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, compressionLevel, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        var compressed: [UInt8] = []
        var window = [UInt8](repeating: 0, count: 1 << 16)
        var row = [UInt8](repeating: 0, count: rows.rowSize)
        var failed = false
        /// Feeds `input` and collects what zlib writes; `finish` ends the stream.
        func feed(_ input: UnsafeMutableBufferPointer<UInt8>, finish: Bool) {
            stream.next_in = input.baseAddress
            stream.avail_in = UInt32(input.count)
            while !failed {
                let status = window.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let status = deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    compressed.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                    return status
                }
                if status == Z_STREAM_END { return }
                guard status == Z_OK || status == Z_BUF_ERROR else { failed = true; return }
                // zlib is done with this input once it has taken it all and left room to spare.
                if !finish && stream.avail_in == 0 && stream.avail_out > 0 { return }
            }
        }
        row.withUnsafeMutableBufferPointer { buffer in
            rows.write(into: { _ in buffer }, then: { feed($0, finish: false) })
            feed(UnsafeMutableBufferPointer(rebasing: buffer[0..<0]), finish: true)
        }
        return failed ? nil : compressed
    }

    /// Writes filter type and filtered bytes of one row: `Sub` or `Up`, whichever sums smaller.
    fileprivate static func filter(
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

/// The rows of a `RGB24` raster as PNG's filtered rows: a filter type byte, then the row's RGB
/// bytes filtered (`PNGEncoder.filter`), each against the row above it.
private struct FilteredRows {
    let pixels: UnsafeRawPointer
    let width: Int
    let height: Int
    let stride: Int

    /// One filtered row's size: the filter type and three bytes a pixel.
    var rowSize: Int { 3 * width + 1 }
    var byteCount: Int { height * rowSize }

    /// Filters every row, top to bottom, into the buffer `destination(y)` gives for row `y`,
    /// and hands it to `then` once written.
    func write(
        into destination: (Int) -> UnsafeMutableBufferPointer<UInt8>,
        then: (UnsafeMutableBufferPointer<UInt8>) -> Void = { _ in }
    ) {
        let rowBytes = 3 * width
        var previous = [UInt8](repeating: 0, count: rowBytes)  // the row above the first is zeros
        var current = [UInt8](repeating: 0, count: rowBytes)
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
            let output = destination(y)
            current.withUnsafeBufferPointer { row in
                previous.withUnsafeBufferPointer { above in PNGEncoder.filter(row: row, above: above, into: output) }
            }
            then(output)
            swap(&current, &previous)
        }
    }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)])
    }
}
