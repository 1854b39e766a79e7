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
    /// Draws in batches (PDF): consecutive glyph runs in one face, size and colour with one call,
    /// and the lines between fills, images and shapes (table borders, rules) after the text
    /// around them, so that a page's borders of one width and colour are one stroke. See
    /// `drawBatched`. Previews draw item by item: cairo's image backend composites one call's
    /// glyphs as one mask, so where two runs' edge pixels overlap a raster would change by a shade.
    var drawsInBatches = false

    /// Draws `items` in order (in batches when `drawsInBatches`).
    /// - Throws: `CairoError` when cairo cannot make an image's surface.
    func draw(_ items: [FrameItem]) throws(CairoError) {
        if drawsInBatches {
            try drawBatched(items)
            return
        }
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
                stroke(segments, width: width, color: color)
                continue
            }
            try draw(items[index])
            index += 1
        }
    }

    /// Draws `items` with as few cairo calls as the picture allows.
    ///
    /// cairo's work per call is large next to a table cell's few glyphs or a border's few
    /// segments: it records the call, then replays it twice (analysis, PDF), computing extents
    /// and checking the clip each time. So consecutive glyph runs in one face, size and colour
    /// (a row's cells, a paragraph's lines) are one `cairo_show_text_glyphs`, with the runs' own
    /// glyphs, positions, text and order; and lines of one width and colour are stroked together
    /// once the text between them is drawn (`BatchedDrawing` says when). A table's borders on a
    /// page are one stroke instead of one per row, and its rows' text one call per style instead
    /// of one per cell. What moves is only the order of lines against text next to them, which do
    /// not overlap (cells are padded): the page looks the same, pixel for pixel
    /// (`DrawingInBatchesTests`), and the text layer reads the same.
    private func drawBatched(_ items: [FrameItem]) throws(CairoError) {
        try draw(BatchedDrawing(items))
    }

    /// Makes the calls of a drawing worked out beforehand (perhaps on another thread).
    func draw(_ drawing: BatchedDrawing) throws(CairoError) {
        for step in drawing.steps {
            switch step {
            case .glyphs(let batch): try show(batch)
            case .stroke(let segments, let width, let color): stroke(merged: segments, width: width, color: color)
            case .item(let item): try draw(item)
            }
        }
    }

    /// One stroke of `segments` (joined where they meet, see `StrokeSegments`), square caps.
    private func stroke(_ segments: [StrokeSegments.Segment], width: Double, color: Color) {
        stroke(merged: StrokeSegments.merged(segments), width: width, color: color)
    }

    /// One stroke of segments already merged.
    private func stroke(merged segments: [StrokeSegments.Segment], width: Double, color: Color) {
        cairo_new_path(context)
        for segment in segments {
            cairo_move_to(context, segment.from.x, segment.from.y)
            cairo_line_to(context, segment.to.x, segment.to.y)
        }
        setColor(color)
        cairo_set_line_width(context, width)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
        cairo_stroke(context)
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
        if let batch = BatchedDrawing.batch([run]) { try show(batch) }
    }

    /// Draws a batch of glyphs with one call.
    private func show(_ batch: BatchedDrawing.GlyphBatch) throws(CairoError) {
        cairo_set_font_face(context, try batch.font.cairoFace())
        cairo_set_font_size(context, batch.size)
        setColor(batch.color)
        var text = batch.text  // withUTF8 may make the string contiguous first
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                // show_text_glyphs keeps the exact Unicode behind each glyph cluster, so the
                // PDF's text layer (copy, search, pdftotext) returns precisely what was set.
                cairo_show_text_glyphs(
                    context, chars.baseAddress, Int32(chars.count), batch.glyphs, Int32(batch.glyphs.count), batch.clusters,
                    Int32(batch.clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
            }
        }
    }
}
