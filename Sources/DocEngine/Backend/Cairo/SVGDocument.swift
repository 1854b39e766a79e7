internal import CCairo
internal import CRsvg
import Foundation
import Synchronization

/// A parsed SVG, drawn as vectors onto any cairo context by any number of renders.
///
/// librsvg's `RsvgHandle` is not thread-safe: a handle is a GObject whose Rust core keeps the
/// loaded document and its render state behind `RefCell`s (unsynchronised interior
/// mutability), and librsvg documents that one handle must not be used from two threads at
/// once. But an `ImageAsset` is `Sendable`, and one brand's logo is shared by every concurrent
/// render of that brand's documents, so every use of the handle goes through its lock.
/// Drawing a logo takes well under a millisecond to a few milliseconds, so the lock costs
/// little next to laying out a page.
final class SVGDocument: Sendable {
    /// The intrinsic size in CSS pixels (1/96 inch).
    let width: Double
    let height: Double
    private let handle: Mutex<SVGHandle>

    /// CSS pixels per inch; librsvg converts mm, pt and in through it.
    static let cssPixelsPerInch = 96.0

    /// Parses SVG bytes and reads the intrinsic size.
    /// - Parameters:
    ///   - bytes: the file's bytes (already scanned for external references).
    ///   - name: a name for error messages.
    /// - Throws: `ImageError.invalidSVG` when librsvg refuses the file or it has no usable size.
    init(bytes: [UInt8], name: String) throws(ImageError) {
        let handle = try SVGHandle(bytes: bytes, name: name)
        guard let size = handle.intrinsicSize() else {
            throw .invalidSVG(name: name, reason: "no absolute width and height, and no viewBox")
        }
        guard size.width.isFinite, size.height.isFinite, size.width > 0, size.height > 0 else {
            throw .invalidSVG(name: name, reason: "its size is \(size.width) × \(size.height)")
        }
        width = size.width
        height = size.height
        self.handle = Mutex(handle)
    }

    /// Renders once on a recording surface (commands only, no pixels), so render-time errors
    /// such as librsvg's element and nesting limits surface now, with the file's name, instead
    /// of a logo silently missing from a PDF later.
    /// - Throws: `ImageError.invalidSVG` with librsvg's message.
    func checkRendering(name: String) throws(ImageError) {
        let (width, height) = (width, height)
        if let message = handle.withLock({ handle in handle.validateRendering(width: width, height: height) }) {
            throw .invalidSVG(name: name, reason: message)
        }
    }

    /// Draws the whole document scaled into `rect` of `context` (a `cairo_t`), as vectors.
    /// The SVG's `preserveAspectRatio` decides how it sits in a rect of another shape.
    /// - Returns: librsvg's message when rendering failed, else nil.
    @discardableResult
    func render(on context: OpaquePointer, in rect: Rect) -> String? {
        // The caller's cairo context is used only during this call and never stored in the
        // handle, so it cannot leak to another task; it crosses into the lock's closure as an
        // address because region checking cannot see that it is not kept.
        let address = Int(bitPattern: context)
        return handle.withLock { handle in handle.render(on: OpaquePointer(bitPattern: address)!, in: rect) }
    }

    /// A rendering at `pixelWidth` × `pixelHeight` (for `Raster`; renderers draw vectors).
    /// - Throws: `CairoError` when cairo cannot make the surface.
    func rasterized(pixelWidth: Int, pixelHeight: Int) throws(CairoError) -> PixelImage {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight))!
        defer { cairo_surface_destroy(surface) }
        try CairoError.check(cairo_surface_status(surface))
        let context = cairo_create(surface)!
        let rect = Rect(x: 0, y: 0, width: Double(pixelWidth), height: Double(pixelHeight))
        render(on: context, in: rect)
        let status = cairo_status(context)
        cairo_destroy(context)
        try CairoError.check(status)
        cairo_surface_flush(surface)
        let image = PixelImage(width: pixelWidth, height: pixelHeight, hasAlpha: true)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let source = UnsafeRawPointer(cairo_image_surface_get_data(surface)!)
        for row in 0..<pixelHeight {
            (image.base + row * image.bytesPerRow).copyMemory(from: source + row * stride, byteCount: image.bytesPerRow)
        }
        return image
    }
}

/// Owns one `RsvgHandle`. Not `Sendable`: only `SVGDocument` touches it, under its lock.
final class SVGHandle {
    private let pointer: UnsafeMutablePointer<RsvgHandle>

    /// Parses `bytes` with `rsvg_handle_new_from_data`: no base URL, so librsvg itself refuses
    /// every reference that is not a fragment or a `data:` URL, and its default XML limits apply.
    /// - Throws: `ImageError.invalidSVG` with librsvg's (or libxml2's) message.
    init(bytes: [UInt8], name: String) throws(ImageError) {
        var error: UnsafeMutablePointer<GError>?
        let handle = bytes.withUnsafeBufferPointer { buffer in
            rsvg_handle_new_from_data(buffer.baseAddress, gsize(buffer.count), &error)
        }
        guard let handle, error == nil else {
            let message = error.map { String(cString: $0.pointee.message) } ?? "librsvg could not load it"
            if let error { g_error_free(error) }
            if let handle { g_object_unref(UnsafeMutableRawPointer(handle)) }
            throw .invalidSVG(name: name, reason: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        rsvg_handle_set_dpi(handle, SVGDocument.cssPixelsPerInch)
        pointer = handle
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    /// The size from absolute `width`/`height`, else from the `viewBox`; nil when neither exists.
    func intrinsicSize() -> Size? {
        var width = 0.0
        var height = 0.0
        if rsvg_handle_get_intrinsic_size_in_pixels(pointer, &width, &height) != 0 {
            return Size(width: width, height: height)
        }
        var hasViewBox: gboolean = 0
        var viewBox = RsvgRectangle()
        rsvg_handle_get_intrinsic_dimensions(pointer, nil, nil, nil, nil, &hasViewBox, &viewBox)
        guard hasViewBox != 0 else { return nil }
        return Size(width: viewBox.width, height: viewBox.height)
    }

    /// Renders into `rect` of `context`; librsvg's message on failure, else nil.
    func render(on context: OpaquePointer, in rect: Rect) -> String? {
        var viewport = RsvgRectangle(x: rect.minX, y: rect.minY, width: rect.size.width, height: rect.size.height)
        var error: UnsafeMutablePointer<GError>?
        cairo_save(context)
        let succeeded = rsvg_handle_render_document(pointer, context, &viewport, &error) != 0
        cairo_restore(context)
        defer { if let error { g_error_free(error) } }
        guard succeeded, error == nil else {
            return error.map { String(cString: $0.pointee.message) } ?? "librsvg could not render it"
        }
        return nil
    }

    /// Renders once onto a recording surface the size of the document; the failure message, else nil.
    func validateRendering(width: Double, height: Double) -> String? {
        var extents = cairo_rectangle_t(x: 0, y: 0, width: width, height: height)
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        if let message = render(on: context, in: Rect(x: 0, y: 0, width: width, height: height)) { return message }
        let status = cairo_status(context)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }
}
