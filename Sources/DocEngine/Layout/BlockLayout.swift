/// Lays out blocks at a given width into slabs, the strips the paginator distributes over pages.
struct BlockLayout {
    let fonts: FontBook
    /// The document's language, for shaping and line breaking.
    let language: TextLanguage
    /// The height a page body offers; groups taller than this cannot be kept together.
    let pageBodyHeight: Double
    var pages: PageNumbers = .placeholder
    /// Checked before each block (table cells included): a cancelled render stops here.
    var cancellation: RenderCancellation? = nil

    func slabs(for blocks: [Block], width: Double) throws(StageFailure<LayoutError>) -> [Slab] {
        var result: [Slab] = []
        for block in blocks {
            try StageFailure<LayoutError>.check(cancellation)
            try append(block, width: width, to: &result)
        }
        return result
    }

    /// Lays out blocks and stacks them into a single strip (cells, columns, headers).
    func stack(_ blocks: [Block], width: Double) throws(StageFailure<LayoutError>) -> Slab {
        var slabs = try slabs(for: blocks, width: width)
        // Space at the edges of a box would only pad it twice.
        while let first = slabs.first, first.isMargin { slabs.removeFirst() }
        while let last = slabs.last, last.isMargin { slabs.removeLast() }
        return Slab.stacked(slabs)
    }

    private func append(_ block: Block, width: Double, to result: inout [Slab]) throws(StageFailure<LayoutError>) {
        switch block {
        case .paragraph(let paragraph):
            try appendParagraph(paragraph, width: width, to: &result)
        case .rule(let rule):
            let y = rule.spaceBefore + rule.thickness / 2
            var slab = Slab(
                height: rule.spaceBefore + rule.thickness + rule.spaceAfter,
                items: [.line(from: Point(x: 0, y: y), to: Point(x: width, y: y), width: rule.thickness, color: rule.color)])
            slab.label = "rule"
            result.append(slab)
        case .spacing(let height):
            result.append(.spacing(height))
        case .columns(let columns):
            result.append(try layoutColumns(columns, width: width))
        case .table(let table):
            result += try TableLayout(blocks: self).slabs(for: table, width: width)
        case .image(let image):
            result.append(layoutImage(image, width: width))
        case .drawing(let drawing):
            result.append(layoutDrawing(drawing, width: width))
        case .keepTogether(let blocks, let keepWithPrevious):
            let inner = try slabs(for: blocks, width: width)
            let total = inner.reduce(0) { $0 + $1.height }
            if keepWithPrevious, !result.isEmpty { result[result.count - 1].keepWithNext = true }
            if total <= pageBodyHeight {
                var kept = Slab.stacked(inner)
                kept.label = "kept group"
                result.append(kept)
            } else {
                result += inner  // taller than a page: it has to break somewhere
            }
        case .overlay(let overlay):
            let content = try stack(overlay.blocks, width: overlay.width)
            let items = content.items.map { $0.offsetBy(dx: overlay.offset.x, dy: overlay.offset.y) }
            var slab = Slab(height: 0, items: overlay.opacity < 1 ? [.group(items, opacity: overlay.opacity)] : items)
            slab.label = "overlay"
            result.append(slab)
        case .pageBreak:
            var slab = Slab(height: 0, items: [])
            slab.startsNewPage = true
            result.append(slab)
        case .bookmark(let title, let level):
            var slab = Slab(height: 0, items: [])
            slab.bookmark = (title, level)
            slab.keepWithNext = true
            result.append(slab)
        }
    }

    private func appendParagraph(_ paragraph: Paragraph, width: Double, to result: inout [Slab])
        throws(StageFailure<LayoutError>)
    {
        if paragraph.spaceBefore > 0 { result.append(.spacing(paragraph.spaceBefore, isMargin: true)) }
        let lines = try failing { () throws(LayoutError) in
            try ParagraphLayout(fonts: fonts, language: language).lines(paragraph, width: width, pages: pages)
        }
        for (index, line) in lines.enumerated() {
            var slab = Slab(height: line.height, items: line.items)
            slab.label = "paragraph line"
            // No orphans (a lone first line at a page bottom) and no widows (a lone last line on top).
            let isFirst = index == 0
            let isBeforeLast = index == lines.count - 2
            slab.keepWithNext = (isFirst && lines.count >= 2) || (isBeforeLast && lines.count >= 3)
            if index == lines.count - 1 { slab.keepWithNext = paragraph.keepWithNext }
            result.append(slab)
        }
        if paragraph.spaceAfter > 0 {
            var space = Slab.spacing(paragraph.spaceAfter, isMargin: true)
            space.keepWithNext = paragraph.keepWithNext
            result.append(space)
        }
    }

    private func layoutColumns(_ columns: Columns, width: Double) throws(StageFailure<LayoutError>) -> Slab {
        let tracks = try failing { () throws(LayoutError) in
            try TrackSizer(blocks: self).widths(
                columns.columns.map(\.width), available: width - columns.gap * Double(max(0, columns.columns.count - 1)),
                contents: columns.columns.map { [$0.blocks] })
        }
        var items: [FrameItem] = []
        var height = 0.0
        var x = 0.0
        for (column, trackWidth) in zip(columns.columns, tracks) {
            let content = try stack(column.blocks, width: trackWidth)
            items += content.items.map { $0.offsetBy(dx: x, dy: 0) }
            height = max(height, content.height)
            x += trackWidth + columns.gap
        }
        var slab = Slab(height: height, items: items)
        slab.label = "columns block"
        return slab
    }

    private func layoutImage(_ image: ImageBlock, width: Double) -> Slab {
        let size = Self.fit(image.asset, maxWidth: min(image.width ?? width, width), maxHeight: image.height)
        let x: Double = switch image.alignment {
        case .right: width - size.width
        case .center: (width - size.width) / 2
        default: 0
        }
        var slab = Slab(height: size.height, items: [.image(image.asset, Rect(x: x, y: 0, width: size.width, height: size.height))])
        slab.label = "image \(image.asset.name)"
        return slab
    }

    private func layoutDrawing(_ block: DrawingBlock, width: Double) -> Slab {
        let natural = block.drawing.size
        guard natural.width > 0, natural.height > 0 else { return Slab(height: 0, items: []) }
        var scale = min(block.width ?? width, width) / natural.width
        if let height = block.height { scale = min(scale, height / natural.height) }
        let size = Size(width: natural.width * scale, height: natural.height * scale)
        let x: Double = switch block.alignment {
        case .right: width - size.width
        case .center: (width - size.width) / 2
        default: 0
        }
        let shapes = block.drawing.shapes.map { FrameItem.shape($0.transformed(scale: scale, dx: x, dy: 0)) }
        let grids = block.drawing.grids.map { FrameItem.cells($0.transformed(scale: scale, dx: x, dy: 0)) }
        var slab = Slab(height: size.height, items: shapes + grids)
        slab.label = "drawing"
        return slab
    }

    /// The largest size with the image's aspect ratio inside the box.
    static func fit(_ asset: ImageAsset, maxWidth: Double, maxHeight: Double?) -> Size {
        var w = maxWidth
        var h = w / asset.aspectRatio
        if let maxHeight, h > maxHeight {
            h = maxHeight
            w = h * asset.aspectRatio
        }
        return Size(width: w, height: h)
    }

    /// Narrowest and widest sensible widths of blocks, for auto-sized tracks.
    func intrinsicWidths(_ blocks: [Block]) throws(LayoutError) -> (min: Double, max: Double) {
        var minimum = 0.0
        var maximum = 0.0
        for block in blocks {
            let (lo, hi): (Double, Double)
            switch block {
            case .paragraph(let paragraph):
                (lo, hi) = try ParagraphLayout(fonts: fonts, language: language).intrinsicWidths(paragraph)
            case .image(let image):
                let w = image.width ?? (image.height.map { $0 * image.asset.aspectRatio } ?? 60)
                (lo, hi) = (w, w)
            case .drawing(let block):
                let ratio = block.drawing.size.height > 0 ? block.drawing.size.width / block.drawing.size.height : 1
                let w = block.width ?? (block.height.map { $0 * ratio } ?? 60)
                (lo, hi) = (w, w)
            case .keepTogether(let inner, _):
                (lo, hi) = try intrinsicWidths(inner)
            case .columns(let columns):
                let parts = try columns.columns.map { column throws(LayoutError) in try intrinsicWidths(column.blocks) }
                let gaps = columns.gap * Double(max(0, parts.count - 1))
                (lo, hi) = (parts.reduce(gaps) { $0 + $1.min }, parts.reduce(gaps) { $0 + $1.max })
            default:
                (lo, hi) = (0, 0)
            }
            minimum = max(minimum, lo)
            maximum = max(maximum, hi)
        }
        return (minimum, maximum)
    }
}
