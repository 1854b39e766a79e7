internal import CCairo
public import Foundation

/// Rasterises one laid-out page to PNG, for previews and golden tests.
public struct PNGRenderer: Sendable {
    /// Creates a renderer. Laid-out pages carry their faces and images, so it needs nothing else.
    public init() {}

    /// Creates a renderer; the fonts are not needed any more (pages carry their faces).
    /// - Parameter fonts: ignored.
    @available(*, deprecated, message: "laid-out pages carry their fonts: use PNGRenderer()")
    public init(fonts: FontBook) {}

    /// The largest raster we produce, so a huge dpi cannot exhaust memory.
    public static let maximumPixels = 100_000_000

    /// Renders `page` at `dpi` dots per inch on a white background.
    /// - Throws: `CairoError` when the size is unreasonable or cairo fails.
    public func render(_ page: Page, dpi: Double) throws(CairoError) -> Data {
        let scale = dpi / 72
        // Sizes are compared as Double first: an absurd dpi must not trap converting to Int.
        let exactWidth = (page.size.width * scale).rounded(.up)
        let exactHeight = (page.size.height * scale).rounded(.up)
        guard dpi > 0, dpi.isFinite, exactWidth >= 1, exactHeight >= 1,
            exactWidth * exactHeight <= Double(Self.maximumPixels)
        else {
            let clamp = { (value: Double) in value.isFinite ? Int(max(0, min(value, Double(Int32.max)))) : Int(Int32.max) }
            throw .rasterOutOfRange(width: clamp(exactWidth), height: clamp(exactHeight))
        }
        let (width, height) = (Int(exactWidth), Int(exactHeight))
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
        try CairoPainter(context: context).draw(page.items)
        try CairoError.check(cairo_status(context))
        cairo_surface_flush(surface)

        // The pixels go to our own PNG writer: see `PNGEncoder` for why not cairo's.
        guard let pixels = cairo_image_surface_get_data(surface),
            let png = PNGEncoder.encodeRGB(
                pixels: pixels, width: width, height: height, stride: Int(cairo_image_surface_get_stride(surface)))
        else { throw .noMemory }
        return png
    }
}
