internal import CCairo

/// A page's items as the calls `CairoPainter` makes for them in batches, worked out without
/// cairo: consecutive glyph runs in one face, size and colour become one glyph batch (the runs'
/// glyphs, positions, text and cluster maps, in order), and lines of one width and colour one
/// stroke of merged segments, made once the text between them is drawn, until a fill, image,
/// shape, grid or group comes (which must stay above or below them as it was), a line of another
/// style, or the end. Everything else is drawn as it is.
///
/// Only arrays are built here, no cairo call is made, so a page's drawing can be worked out on
/// one thread while cairo draws the page before it on another (`PDFRenderer`).
struct BatchedDrawing: Sendable {
    /// One cairo call, or a few that go together.
    enum Step: Sendable {
        case glyphs(GlyphBatch)
        case stroke([StrokeSegments.Segment], width: Double, color: Color)
        case item(FrameItem)
    }

    /// Runs that share one face, size and colour, ready for one `cairo_show_text_glyphs`.
    ///
    /// `@unchecked Sendable`: cairo's glyph and cluster structs are plain numbers; the batch is
    /// built on one thread and only read on the other after it is handed over.
    struct GlyphBatch: @unchecked Sendable {
        let font: FontFace
        let size: Double
        let color: Color
        var glyphs: [cairo_glyph_t]
        var clusters: [cairo_text_cluster_t]
        /// The runs' text, one after another, in UTF-8.
        var text: String
    }

    private(set) var steps: [Step] = []

    init(_ items: [FrameItem]) {
        var runs: [GlyphRun] = []
        var segments: [StrokeSegments.Segment] = []
        var lineStyle: (width: Double, color: Color)?
        func addRuns() {
            guard !runs.isEmpty else { return }
            if let batch = Self.batch(runs) { steps.append(.glyphs(batch)) }
            runs.removeAll(keepingCapacity: true)
        }
        func addLines() {
            guard let style = lineStyle else { return }
            steps.append(.stroke(StrokeSegments.merged(segments), width: style.width, color: style.color))
            segments.removeAll(keepingCapacity: true)
            lineStyle = nil
        }
        for item in items {
            switch item {
            case .glyphs(let run) where run.canShareCall:
                if let first = runs.first, !run.canShareCall(with: first) { addRuns() }
                runs.append(run)
            case .line(let from, let to, let width, let color):
                if let style = lineStyle, style.width != width || style.color != color {
                    addRuns()
                    addLines()
                }
                lineStyle = (width, color)
                segments.append(StrokeSegments.Segment(from: from, to: to))
            default:
                addRuns()
                addLines()
                steps.append(.item(item))
            }
        }
        addRuns()
        addLines()
    }

    /// `runs`, which share one face, size and colour, as one batch; nil when they have no glyph.
    static func batch(_ runs: [GlyphRun]) -> GlyphBatch? {
        guard let first = runs.first else { return nil }
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
        guard !glyphs.isEmpty else { return nil }
        return GlyphBatch(font: first.font, size: first.size, color: first.color, glyphs: glyphs, clusters: clusters, text: text)
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
