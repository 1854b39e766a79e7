internal import CCairo
import Foundation

/// Owns the cairo image surface drawn for one raster `ImageAsset`, made on the asset's first
/// draw and kept in its backend cache: every page and every render draws this one surface, so a
/// PDF embeds the image once. The surface reads the asset's `PixelImage` in place (no copy) and
/// holds it through cairo's user data for as long as cairo holds the surface.
///
/// `@unchecked Sendable`: the surface is complete when made and only ever a drawing source
/// afterwards; cairo's reference counting is atomic.
final class ImageSurface: @unchecked Sendable {
    let pointer: OpaquePointer

    /// The surface for `asset`'s pixels, made once per asset.
    /// - Throws: `CairoError` when cairo cannot make the surface or attach the JPEG bytes.
    static func surface(for asset: ImageAsset, pixels: PixelImage, jpeg: Data?) throws(CairoError) -> ImageSurface {
        try asset.backendCache.value { () throws(CairoError) in try ImageSurface(pixels: pixels, jpeg: jpeg) }
    }

    private static let pixelsKey = UserDataKey()

    private init(pixels: PixelImage, jpeg: Data?) throws(CairoError) {
        let format = pixels.hasAlpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24
        guard cairo_format_stride_for_width(format, Int32(pixels.width)) == Int32(pixels.bytesPerRow) else {
            throw .invalidStride
        }
        let surface = cairo_image_surface_create_for_data(
            pixels.base.assumingMemoryBound(to: UInt8.self), format, Int32(pixels.width), Int32(pixels.height),
            Int32(pixels.bytesPerRow))!
        do {
            try CairoError.check(cairo_surface_status(surface))
            try Self.keep(pixels, alive: surface)
            // Lets the PDF embed the original JPEG stream instead of re-encoding pixels.
            if let jpeg { try Self.attach(jpeg, to: surface) }
        } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        pointer = surface
    }

    deinit { cairo_surface_destroy(pointer) }

    /// cairo reads `pixels` for as long as it keeps the surface, which may outlive this object
    /// (a PDF surface finishing): the surface's user data holds them and releases them with it.
    private static func keep(_ pixels: PixelImage, alive surface: OpaquePointer) throws(CairoError) {
        let retained = Unmanaged.passRetained(pixels)
        let status = cairo_surface_set_user_data(surface, pixelsKey.pointer, retained.toOpaque()) { pointer in
            guard let pointer else { return }
            Unmanaged<PixelImage>.fromOpaque(pointer).release()
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            retained.release()  // cairo did not take it
            throw CairoError(status: status)
        }
    }

    /// Attaches a copy of the JPEG file as the surface's mime data, freed by cairo.
    private static func attach(_ jpeg: Data, to surface: OpaquePointer) throws(CairoError) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, jpeg.count), alignment: 1)
        jpeg.copyBytes(to: copy)
        let status = cairo_surface_set_mime_data(
            surface, CAIRO_MIME_TYPE_JPEG, copy.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt(jpeg.count),
            { pointer in pointer?.deallocate() }, copy.baseAddress)
        guard status == CAIRO_STATUS_SUCCESS else {
            copy.deallocate()  // cairo did not take it
            throw CairoError(status: status)
        }
    }
}

/// The address cairo identifies a kind of user data by: allocated once, never freed.
///
/// `@unchecked Sendable`: cairo only compares the address; nothing reads or writes through it.
final class UserDataKey: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<cairo_user_data_key_t>

    init() {
        pointer = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)
        pointer.initialize(to: cairo_user_data_key_t(unused: 0))
    }
}
