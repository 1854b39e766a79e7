internal import CCairo
internal import CJPEG
public import Foundation

/// A decoded raster image or a parsed SVG, ready to be drawn any number of times by any renderer.
///
/// Dimensions are checked from the file header before decoding, so a 50 000 × 50 000 PNG
/// is refused without allocating its pixels. JPEG files keep their original bytes so the PDF
/// embeds them as they are (smaller and lossless relative to the source). SVG stays vector:
/// renderers draw it through librsvg straight into the PDF, and it must be self-contained.
///
/// `@unchecked Sendable`: the cairo surface is created and filled in `init` and only read
/// afterwards; cairo's reference counting is atomic. An SVG's librsvg handle, which is not
/// thread-safe, is only reached through `SVGDocument`'s lock.
public final class ImageAsset: @unchecked Sendable {
    /// A short name for messages and the PDF (never a path).
    public let name: String
    /// Width in pixels; for SVG, the intrinsic width in CSS pixels (1/96 inch) rounded up.
    public let pixelWidth: Int
    /// Height in pixels; for SVG, the intrinsic height in CSS pixels rounded up.
    public let pixelHeight: Int
    let content: Content

    /// What an asset draws: decoded pixels or a parsed SVG.
    enum Content {
        /// An owned cairo image surface.
        case raster(OpaquePointer)
        case vector(SVGDocument)
    }

    /// The largest image accepted, in pixels (40 megapixels). For SVG, in CSS pixels.
    public static let maximumPixels = 40_000_000
    /// The longest side accepted, in pixels (cairo's image surface limit).
    static let maximumSide = 32_767
    /// The largest SVG file accepted, in bytes; logos and stamps are a few kilobytes.
    public static let maximumSVGBytes = 8 << 20

    /// Decodes PNG or JPEG bytes, or parses SVG bytes.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - name: a name for error messages.
    /// - Throws: `ImageError` for unknown formats, oversized or corrupt images, and SVGs that
    ///   refer to anything outside themselves.
    public init(data: Data, name: String) throws(ImageError) {
        self.name = name
        let format = ImageFormat(sniffing: data)
        if format == .svg {
            let svg = try Self.parseSVG(data, name: name)
            (pixelWidth, pixelHeight) = (Int(svg.width.rounded(.up)), Int(svg.height.rounded(.up)))
            content = .vector(svg)
            return
        }
        let (width, height): (Int, Int)
        switch format {
        case .png: (width, height) = try Self.pngDimensions(data, name: name)
        case .jpeg: (width, height) = try Self.jpegDimensions(data, name: name)
        case .svg, nil: throw .unknownFormat(name: name)
        }
        try Self.checkSize(width: width, height: height, name: name)
        pixelWidth = width
        pixelHeight = height
        let surface: OpaquePointer
        switch format {
        case .png: surface = try Self.decodePNG(data, name: name)
        default: surface = try Self.decodeJPEG(data, name: name, width: width, height: height)
        }
        guard cairo_image_surface_get_width(surface) == width, cairo_image_surface_get_height(surface) == height else {
            cairo_surface_destroy(surface)
            throw .corrupt(name: name, reason: "decoded size differs from the header")
        }
        content = .raster(surface)
    }

    deinit {
        if case .raster(let surface) = content { cairo_surface_destroy(surface) }
    }

    /// Width over height (for SVG, of the exact intrinsic size).
    public var aspectRatio: Double {
        switch content {
        case .raster: Double(pixelWidth) / Double(pixelHeight)
        case .vector(let svg): svg.width / svg.height
        }
    }

    /// Whether the image is drawn as vectors (SVG) rather than pixels.
    public var isVector: Bool {
        if case .vector = content { true } else { false }
    }

    /// The pixels. For SVG, a rendering at `pixelWidth` × `pixelHeight` made on first use; only
    /// `Raster` reads pixels, renderers draw SVG as vectors.
    var surface: OpaquePointer {
        switch content {
        case .raster(let surface): surface
        case .vector(let svg): svg.rasterSurface(pixelWidth: pixelWidth, pixelHeight: pixelHeight)
        }
    }

    /// Refuses empty and oversized images.
    private static func checkSize(width: Int, height: Int, name: String) throws(ImageError) {
        guard width > 0, height > 0 else { throw .corrupt(name: name, reason: "zero size") }
        guard width <= maximumSide, height <= maximumSide, width * height <= maximumPixels else {
            throw .tooLarge(name: name, width: width, height: height, limit: maximumPixels)
        }
    }

    // MARK: - SVG

    /// Scans for outside references, checks embedded images' headers, then parses with librsvg.
    private static func parseSVG(_ data: Data, name: String) throws(ImageError) -> SVGDocument {
        guard data.count <= maximumSVGBytes else {
            let reason = "\(data.count) bytes is more than the \(maximumSVGBytes >> 20) MiB limit"
            throw .invalidSVG(name: name, reason: reason)
        }
        let bytes = [UInt8](data)
        let findings = try SVGReferenceScanner.scan(bytes, name: name)
        try SVGFilterBudget.check(bytes, name: name)
        for embedded in findings.embeddedImages {
            let (width, height) = ImageFormat(sniffing: embedded) == .png
                ? try pngDimensions(embedded, name: name) : try jpegDimensions(embedded, name: name)
            guard width <= maximumSide, height <= maximumSide, width * height <= maximumPixels else {
                let limit = "more than \(maximumPixels / 1_000_000) megapixels"
                throw .invalidSVG(name: name, reason: "an embedded image is \(width) × \(height) pixels, \(limit)")
            }
        }
        let svg = try SVGDocument(bytes: bytes, name: name)
        // The size is in CSS pixels; the raster limits keep layout and any rasterisation sane.
        // Compare as Double first: a width of 1e300 would trap when converted to Int.
        guard svg.width <= Double(maximumSide), svg.height <= Double(maximumSide),
            svg.width.rounded(.up) * svg.height.rounded(.up) <= Double(maximumPixels)
        else {
            let clamp = { (value: Double) in Int(min(value.rounded(.up), Double(Int32.max))) }
            throw .tooLarge(name: name, width: clamp(svg.width), height: clamp(svg.height), limit: maximumPixels)
        }
        try svg.checkRendering(name: name)
        return svg
    }

    // MARK: - PNG

    /// Reads IHDR: the 8-byte signature, then the first chunk must be IHDR with big-endian width and height.
    static func pngDimensions(_ data: Data, name: String) throws(ImageError) -> (Int, Int) {
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

/// Image formats recognised by their content, never by file name.
enum ImageFormat {
    case png, jpeg, svg

    /// How far into a file an SVG's root element may start (after an XML declaration, comments).
    static let svgSniffLength = 4096

    init?(sniffing data: Data) {
        let head = [UInt8](data.prefix(8))
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] {
            self = .png
        } else if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF {
            self = .jpeg
        } else if Self.looksLikeSVG(data) {
            self = .svg
        } else {
            return nil
        }
    }

    /// Text that starts (after a byte-order mark and white space) with `<?xml` or `<svg`, or with
    /// a comment or DOCTYPE followed soon by `<svg`.
    private static func looksLikeSVG(_ data: Data) -> Bool {
        var head = String(decoding: data.prefix(svgSniffLength), as: UTF8.self)[...]
        if head.hasPrefix("\u{FEFF}") { head = head.dropFirst() }
        head = head.drop { $0.isWhitespace }
        if head.hasPrefix("<?xml") || head.hasPrefix("<svg") { return true }
        return head.hasPrefix("<!") && head.contains("<svg")
    }
}

extension String {
    /// Decodes a NUL-terminated C message buffer.
    init(cCharacters buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
