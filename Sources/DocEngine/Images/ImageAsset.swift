public import Foundation

/// A decoded raster image or a parsed SVG, ready to be drawn any number of times by any renderer.
///
/// Dimensions are checked from the file header before decoding, so a 50 000 × 50 000 PNG
/// is refused without allocating its pixels. Pixels are held in a backend-neutral layout
/// (`PixelImage`); a backend makes what it draws from them (cairo: an image surface) and keeps
/// it in `backendCache`. JPEG files keep their original bytes so the PDF embeds them as they
/// are (smaller and lossless relative to the source). SVG stays vector: renderers draw it
/// through librsvg straight into the PDF, and it must be self-contained.
///
/// `@unchecked Sendable`: the content is complete after `init` and only read afterwards; the
/// backend cache is locked. An SVG's librsvg handle, which is not thread-safe, is only reached
/// through `SVGDocument`'s lock.
public final class ImageAsset: @unchecked Sendable {
    /// A short name for messages and the PDF (never a path).
    public let name: String
    /// Width in pixels; for SVG, the intrinsic width in CSS pixels (1/96 inch) rounded up.
    public let pixelWidth: Int
    /// Height in pixels; for SVG, the intrinsic height in CSS pixels rounded up.
    public let pixelHeight: Int
    let content: Content
    /// What the backend drawing this asset made of it, made on first use.
    let backendCache = BackendCache()

    /// What an asset draws: decoded pixels or a parsed SVG.
    enum Content {
        /// Decoded pixels; for a JPEG also the file's bytes, which a PDF embeds unchanged.
        case raster(PixelImage, jpeg: Data?)
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
        case .png: (width, height) = try ImageFormat.pngDimensions(data, name: name)
        case .jpeg: (width, height) = try ImageDecoder.jpegDimensions(data, name: name)
        case .svg, nil: throw .unknownFormat(name: name)
        }
        try Self.checkSize(width: width, height: height, name: name)
        pixelWidth = width
        pixelHeight = height
        let pixels: PixelImage
        switch format {
        case .png: pixels = try ImageDecoder.png(data, name: name)
        default: pixels = try ImageDecoder.jpeg(data, name: name, width: width, height: height)
        }
        guard pixels.width == width, pixels.height == height else {
            throw .corrupt(name: name, reason: "decoded size differs from the header")
        }
        content = .raster(pixels, jpeg: format == .jpeg ? data : nil)
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

    /// Refuses empty and oversized images.
    private static func checkSize(width: Int, height: Int, name: String) throws(ImageError) {
        guard width > 0, height > 0 else { throw .corrupt(name: name, reason: "zero size") }
        guard width <= maximumSide, height <= maximumSide, width * height <= maximumPixels else {
            throw .tooLarge(name: name, width: width, height: height, limit: maximumPixels)
        }
    }

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
                ? try ImageFormat.pngDimensions(embedded, name: name)
                : try ImageDecoder.jpegDimensions(embedded, name: name)
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
}
