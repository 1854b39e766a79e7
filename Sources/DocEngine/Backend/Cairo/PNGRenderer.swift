internal import CCairo
public import Foundation

/// Rasterises one laid-out page to PNG, for previews and golden tests.
public struct PNGRenderer: Sendable {
    public let fonts: FontBook

    /// Creates a renderer drawing with `fonts`.
    public init(fonts: FontBook) { self.fonts = fonts }

    /// The largest raster we produce, so a huge dpi cannot exhaust memory.
    public static let maximumPixels = 100_000_000

    /// Renders `page` at `dpi` dots per inch on a white background.
    /// - Throws: `CairoError` when the size is unreasonable or cairo fails.
    public func render(_ page: Page, dpi: Double) throws(CairoError) -> Data {
        let scale = dpi / 72
        let width = Int((page.size.width * scale).rounded(.up))
        let height = Int((page.size.height * scale).rounded(.up))
        guard dpi > 0, dpi.isFinite, width > 0, height > 0, width * height <= Self.maximumPixels else {
            throw CairoError(message: "a \(width) × \(height) pixel image is out of range; lower the dpi")
        }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        try CairoError.check(cairo_surface_status(surface))
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        // Unhinted metrics match layout; grey antialiasing is the same on every machine.
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(context, options)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        CairoPainter(context: context, fonts: fonts).draw(page.items)
        try CairoError.check(cairo_status(context))
        cairo_surface_flush(surface)

        let sink = ByteSink()
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        try CairoError.check(cairo_surface_write_to_png_stream(surface, { closure, data, length in
            let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, unmanaged.toOpaque()))
        return Data(sink.bytes)
    }
}
