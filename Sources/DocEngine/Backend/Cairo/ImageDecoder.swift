internal import CCairo
internal import CJPEG
import Foundation

/// Turns PNG and JPEG bytes into backend-neutral `PixelImage`s: PNG through cairo's reader
/// (libpng), JPEG through our libjpeg shim, which owns libjpeg's `setjmp`.
enum ImageDecoder {
    /// Decodes a PNG.
    /// - Throws: `ImageError.corrupt` with cairo's reason.
    static func png(_ data: Data, name: String) throws(ImageError) -> PixelImage {
        let cursor = ReadCursor(data)
        let unmanaged = Unmanaged.passRetained(cursor)
        defer { unmanaged.release() }
        let surface = cairo_image_surface_create_from_png_stream({ closure, buffer, length in
            let cursor = Unmanaged<ReadCursor>.fromOpaque(closure!).takeUnretainedValue()
            let wanted = Int(length)
            guard cursor.offset + wanted <= cursor.data.count, let buffer else { return CAIRO_STATUS_READ_ERROR }
            cursor.data.withUnsafeBytes { raw in
                buffer.update(from: raw.baseAddress!.advanced(by: cursor.offset).assumingMemoryBound(to: UInt8.self),
                              count: wanted)
            }
            cursor.offset += wanted
            return CAIRO_STATUS_SUCCESS
        }, unmanaged.toOpaque())!
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .corrupt(name: name, reason: CairoError(status: status).message) }
        let format = cairo_image_surface_get_format(surface)
        // cairo 1.16 reads every PNG into one of these two.
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24 else {
            throw .corrupt(name: name, reason: "unexpected pixel format \(format.rawValue)")
        }
        cairo_surface_flush(surface)
        let image = PixelImage(
            width: Int(cairo_image_surface_get_width(surface)), height: Int(cairo_image_surface_get_height(surface)),
            hasAlpha: format == CAIRO_FORMAT_ARGB32)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let source = UnsafeRawPointer(cairo_image_surface_get_data(surface)!)
        for row in 0..<image.height {
            (image.base + row * image.bytesPerRow).copyMemory(from: source + row * stride, byteCount: image.bytesPerRow)
        }
        return image
    }

    /// Reads only a JPEG's header: its size without decoding pixels.
    /// - Throws: `ImageError.corrupt` with libjpeg's message.
    static func jpegDimensions(_ data: Data, name: String) throws(ImageError) -> (Int, Int) {
        var width: UInt32 = 0
        var height: UInt32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let result = data.withUnsafeBytes { raw in
            docengine_jpeg_header(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &width, &height, &message, 256)
        }
        guard result == 0 else { throw .corrupt(name: name, reason: String(cCharacters: message)) }
        return (Int(width), Int(height))
    }

    /// Decodes a JPEG of the given size (read by `jpegDimensions`) into opaque pixels.
    /// - Throws: `ImageError.corrupt` with libjpeg's message.
    static func jpeg(_ data: Data, name: String, width: Int, height: Int) throws(ImageError) -> PixelImage {
        let image = PixelImage(width: width, height: height, hasAlpha: false)
        var message = [CChar](repeating: 0, count: 256)
        let result = data.withUnsafeBytes { raw in
            docengine_jpeg_decode_argb32(
                raw.bindMemory(to: UInt8.self).baseAddress, raw.count, image.base.assumingMemoryBound(to: UInt8.self),
                image.bytesPerRow, UInt32(width), UInt32(height), &message, 256)
        }
        guard result == 0 else { throw .corrupt(name: name, reason: String(cCharacters: message)) }
        return image
    }

    /// Where cairo's PNG reader is in the bytes.
    private final class ReadCursor {
        let data: Data
        var offset = 0
        init(_ data: Data) { self.data = data }
    }
}
