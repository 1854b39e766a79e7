internal import CCairo
internal import CJPEG
public import Foundation

/// A decoded raster image, ready to be drawn any number of times by any renderer.
///
/// Dimensions are checked from the file header before decoding, so a 50 000 × 50 000 PNG
/// is refused without allocating its pixels. JPEG files keep their original bytes so the PDF
/// embeds them as they are (smaller and lossless relative to the source).
///
/// `@unchecked Sendable`: the cairo surface is created and filled in `init` and only read
/// afterwards; cairo's reference counting is atomic.
public final class ImageAsset: @unchecked Sendable {
    /// A short name for messages and the PDF (never a path).
    public let name: String
    public let pixelWidth: Int
    public let pixelHeight: Int
    let surface: OpaquePointer

    /// The largest image accepted, in pixels (40 megapixels).
    public static let maximumPixels = 40_000_000

    /// Decodes PNG or JPEG bytes.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - name: a name for error messages.
    /// - Throws: `ImageError` for unknown formats, oversized or corrupt images.
    public init(data: Data, name: String) throws(ImageError) {
        self.name = name
        let format = ImageFormat(sniffing: data)
        let (width, height): (Int, Int)
        switch format {
        case .png: (width, height) = try Self.pngDimensions(data, name: name)
        case .jpeg: (width, height) = try Self.jpegDimensions(data, name: name)
        case nil: throw .unknownFormat(name: name)
        }
        guard width > 0, height > 0 else { throw .corrupt(name: name, reason: "zero size") }
        guard width * height <= Self.maximumPixels, width <= 32_767, height <= 32_767 else {
            throw .tooLarge(name: name, width: width, height: height, limit: Self.maximumPixels)
        }
        pixelWidth = width
        pixelHeight = height
        switch format {
        case .png: surface = try Self.decodePNG(data, name: name)
        default: surface = try Self.decodeJPEG(data, name: name, width: width, height: height)
        }
        guard cairo_image_surface_get_width(surface) == width, cairo_image_surface_get_height(surface) == height else {
            cairo_surface_destroy(surface)
            throw .corrupt(name: name, reason: "decoded size differs from the header")
        }
    }

    deinit { cairo_surface_destroy(surface) }

    /// Width over height.
    public var aspectRatio: Double { Double(pixelWidth) / Double(pixelHeight) }

    // MARK: - PNG

    /// Reads IHDR: the 8-byte signature, then the first chunk must be IHDR with big-endian width and height.
    private static func pngDimensions(_ data: Data, name: String) throws(ImageError) -> (Int, Int) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw .corrupt(name: name, reason: "missing PNG header")
        }
        func be32(_ offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        return (be32(16), be32(20))
    }

    private final class ReadCursor {
        let data: Data
        var offset = 0
        init(_ data: Data) { self.data = data }
    }

    private static func decodePNG(_ data: Data, name: String) throws(ImageError) -> OpaquePointer {
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
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .corrupt(name: name, reason: String(cString: cairo_status_to_string(status)))
        }
        return surface
    }

    // MARK: - JPEG

    private static func jpegDimensions(_ data: Data, name: String) throws(ImageError) -> (Int, Int) {
        var width: UInt32 = 0
        var height: UInt32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let result = data.withUnsafeBytes { raw in
            docengine_jpeg_header(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &width, &height, &message, 256)
        }
        guard result == 0 else { throw .corrupt(name: name, reason: String(cCharacters: message)) }
        return (Int(width), Int(height))
    }

    private static func decodeJPEG(_ data: Data, name: String, width: Int, height: Int) throws(ImageError)
        -> OpaquePointer
    {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .corrupt(name: name, reason: "out of memory")
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        var message = [CChar](repeating: 0, count: 256)
        let result = data.withUnsafeBytes { raw in
            docengine_jpeg_decode_argb32(
                raw.bindMemory(to: UInt8.self).baseAddress, raw.count, cairo_image_surface_get_data(surface), stride,
                UInt32(width), UInt32(height), &message, 256)
        }
        guard result == 0 else {
            cairo_surface_destroy(surface)
            throw .corrupt(name: name, reason: String(cCharacters: message))
        }
        cairo_surface_mark_dirty(surface)
        // Let the PDF embed the original JPEG stream instead of re-encoding pixels.
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 1)
        data.copyBytes(to: copy)
        cairo_surface_set_mime_data(
            surface, CAIRO_MIME_TYPE_JPEG, copy.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt(data.count),
            { pointer in pointer?.deallocate() }, copy.baseAddress)
        return surface
    }
}

/// Image formats recognised by their magic bytes, never by file name.
enum ImageFormat {
    case png, jpeg

    init?(sniffing data: Data) {
        let head = [UInt8](data.prefix(8))
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] {
            self = .png
        } else if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF {
            self = .jpeg
        } else {
            return nil
        }
    }
}

extension String {
    /// Decodes a NUL-terminated C message buffer.
    init(cCharacters buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
