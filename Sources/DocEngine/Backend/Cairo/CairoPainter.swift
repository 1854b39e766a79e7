internal import CCairo
import Foundation

/// Draws frame items on a cairo context. Shared by the PDF and PNG renderers, so
/// previews match the issued PDF exactly. Everything it needs is in the items: glyph runs
/// carry their faces, images their pixels.
struct CairoPainter {
    let context: OpaquePointer
    /// Cell grids as one-bit masks (PDF, where the viewer scales them) rather than as filled
    /// rectangles (rasters, where a cell may be smaller than a pixel). See `CellGrid`.
    var paintsGridsAsMasks = false
    /// Consecutive glyph runs in one face, size and colour drawn by one call (PDF). The PDF is
    /// byte for byte what a call per run writes; a raster is not (cairo's image backend
    /// composites one call's glyphs as one mask, so where two runs' edge pixels overlap they
    /// differ by a shade), and previews keep drawing run by run.
    var drawsRunsTogether = false

    /// Draws `items` in order.
    /// - Throws: `CairoError` when cairo cannot make an image's surface.
    func draw(_ items: [FrameItem]) throws(CairoError) {
        var index = 0
        while index < items.count {
            // Runs of lines with one width and colour (table borders) become one path and one
            // stroke, each stretch of line in it once: far fewer PDF operators than a stroke per
            // edge, or than every cell's four edges.
            if case .line(_, _, let width, let color) = items[index] {
                var segments: [StrokeSegments.Segment] = []
                while index < items.count, case .line(let from, let to, let w, let c) = items[index], w == width, c == color {
                    segments.append(StrokeSegments.Segment(from: from, to: to))
                    index += 1
                }
                cairo_new_path(context)
                for segment in StrokeSegments.merged(segments) {
                    cairo_move_to(context, segment.from.x, segment.from.y)
                    cairo_line_to(context, segment.to.x, segment.to.y)
                }
                setColor(color)
                cairo_set_line_width(context, width)
                cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
                cairo_stroke(context)
                continue
            }
            // Consecutive runs in one face, size and colour (the cells of a table row, the lines
            // of a paragraph) become one `cairo_show_text_glyphs`: cairo's work per call (the
            // recording, both replays' extents and clip checks) is paid once instead of per run.
            // The glyphs, their positions, their text and their order are the runs' own.
            if drawsRunsTogether, case .glyphs(let first) = items[index], first.canShareCall {
                var runs = [first]
                index += 1
                while index < items.count, case .glyphs(let next) = items[index], next.canShareCall(with: first) {
                    runs.append(next)
                    index += 1
                }
                try drawGlyphs(runs)
                continue
            }
            try draw(items[index])
            index += 1
        }
    }

    private func setColor(_ color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    private func draw(_ item: FrameItem) throws(CairoError) {
        switch item {
        case .fill(let rect, let color):
            setColor(color)
            cairo_rectangle(context, rect.minX, rect.minY, rect.size.width, rect.size.height)
            cairo_fill(context)
        case .line(let from, let to, let width, let color):
            setColor(color)
            cairo_set_line_width(context, width)
            cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
            cairo_move_to(context, from.x, from.y)
            cairo_line_to(context, to.x, to.y)
            cairo_stroke(context)
        case .image(let asset, let rect):
            try drawImage(asset, in: rect)
        case .glyphs(let run):
            try drawGlyphs(run)
        case .shape(let shape):
            drawShape(shape)
        case .cells(let grid):
            try drawCells(grid)
        case .group(let items, let opacity):
            cairo_push_group(context)
            let drawn = Result { () throws(CairoError) in try draw(items) }
            cairo_pop_group_to_source(context)  // even after a failure, so groups stay balanced
            try drawn.get()
            cairo_paint_with_alpha(context, opacity)
        }
    }

    private func drawShape(_ shape: VectorShape) {
        var current = Point.zero
        cairo_new_path(context)
        for element in shape.elements {
            switch element {
            case .move(let p):
                cairo_move_to(context, p.x, p.y)
                current = p
            case .line(let p):
                cairo_line_to(context, p.x, p.y)
                current = p
            case .quad(let c, let p):
                // A quadratic is the cubic with controls two thirds of the way to its control point.
                let c1 = Point(x: current.x + 2 / 3 * (c.x - current.x), y: current.y + 2 / 3 * (c.y - current.y))
                let c2 = Point(x: p.x + 2 / 3 * (c.x - p.x), y: p.y + 2 / 3 * (c.y - p.y))
                cairo_curve_to(context, c1.x, c1.y, c2.x, c2.y, p.x, p.y)
                current = p
            case .cubic(let c1, let c2, let p):
                cairo_curve_to(context, c1.x, c1.y, c2.x, c2.y, p.x, p.y)
                current = p
            case .close:
                cairo_close_path(context)
            }
        }
        setColor(shape.fill)
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_WINDING)
        cairo_fill(context)
    }

    private func drawCells(_ grid: CellGrid) throws(CairoError) {
        guard grid.frame.size.width > 0, grid.frame.size.height > 0 else { return }
        setColor(grid.color)
        cairo_save(context)
        defer { cairo_restore(context) }
        cairo_translate(context, grid.frame.minX, grid.frame.minY)
        cairo_scale(context, grid.frame.size.width / Double(grid.columns), grid.frame.size.height / Double(grid.rows))
        if paintsGridsAsMasks {
            let mask = try CellMask(grid)
            let pattern = cairo_pattern_create_for_surface(mask.pointer)!
            defer { cairo_pattern_destroy(pattern) }
            // Nearest: hard cell edges at any zoom, and `/Interpolate false` in the PDF.
            cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
            cairo_mask(context, pattern)
            return
        }
        cairo_new_path(context)
        for block in grid.filledBlocks {
            cairo_rectangle(
                context, Double(block.columns.lowerBound), Double(block.rows.lowerBound),
                Double(block.columns.count), Double(block.rows.count))
        }
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_WINDING)
        cairo_fill(context)
    }

    private func drawImage(_ asset: ImageAsset, in rect: Rect) throws(CairoError) {
        guard rect.size.width > 0, rect.size.height > 0 else { return }
        let surface: ImageSurface
        switch asset.content {
        case .vector(let svg):
            // rsvg_handle_render_document, under the document's lock (RsvgHandle is not
            // thread-safe): paths and text go into the PDF as vectors, not pixels. A failure was
            // already ruled out by the trial render when the asset was created.
            svg.render(on: context, in: rect)
            return
        case .raster(let pixels, let jpeg):
            surface = try ImageSurface.surface(for: asset, pixels: pixels, jpeg: jpeg)
        }
        cairo_save(context)
        cairo_translate(context, rect.minX, rect.minY)
        cairo_scale(context, rect.size.width / Double(asset.pixelWidth), rect.size.height / Double(asset.pixelHeight))
        cairo_set_source_surface(context, surface.pointer, 0, 0)
        // Downscaled logos stay smooth in previews; the PDF keeps the full-resolution image.
        cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_GOOD)
        cairo_rectangle(context, 0, 0, Double(asset.pixelWidth), Double(asset.pixelHeight))
        cairo_fill(context)
        cairo_restore(context)
    }

    private func drawGlyphs(_ run: GlyphRun) throws(CairoError) {
        try drawGlyphs([run])
    }

    /// Draws `runs`, which share one face, size and colour, with one call.
    private func drawGlyphs(_ runs: [GlyphRun]) throws(CairoError) {
        guard let first = runs.first else { return }
        var glyphs: [cairo_glyph_t] = []
        var clusters: [cairo_text_cluster_t] = []
        glyphs.reserveCapacity(runs.reduce(0) { $0 + $1.glyphs.count })
        clusters.reserveCapacity(runs.reduce(0) { $0 + $1.clusters.count })
        var text = first.text
        if runs.count > 1 { text.reserveCapacity(runs.reduce(0) { $0 + $1.text.utf8.count }) }
        for (position, run) in runs.enumerated() {
            if position > 0 { text += run.text }
            for glyph in run.glyphs {
                glyphs.append(cairo_glyph_t(index: UInt(glyph.id), x: run.origin.x + glyph.x, y: run.origin.y + glyph.y))
            }
            for cluster in run.clusters {
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(cluster.byteCount), num_glyphs: Int32(cluster.glyphCount)))
            }
        }
        guard !glyphs.isEmpty else { return }
        cairo_set_font_face(context, try first.font.cairoFace())
        cairo_set_font_size(context, first.size)
        setColor(first.color)
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                // show_text_glyphs keeps the exact Unicode behind each glyph cluster, so the
                // PDF's text layer (copy, search, pdftotext) returns precisely what was set.
                cairo_show_text_glyphs(
                    context, chars.baseAddress, Int32(chars.count), &glyphs, Int32(glyphs.count), &clusters,
                    Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
            }
        }
    }
}

extension GlyphRun {
    /// Whether the run's clusters account for every glyph and every byte of its text, as
    /// `cairo_show_text_glyphs` requires of the runs drawn by one call.
    fileprivate var canShareCall: Bool {
        !glyphs.isEmpty && clusters.reduce(0) { $0 + $1.glyphCount } == glyphs.count
            && clusters.reduce(0) { $0 + $1.byteCount } == text.utf8.count
    }

    /// Whether the run can be drawn by the same call as `first`: same face, size and colour.
    fileprivate func canShareCall(with first: GlyphRun) -> Bool {
        font === first.font && size == first.size && color == first.color && canShareCall
    }
}
