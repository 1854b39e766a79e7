import DocEngine

extension Evaluator {
    /// Runs a layout element, changing the style for its content and restoring it after.
    func runElement(_ element: Node.Element, into builder: FlowBuilder) throws(EvaluationFailure) {
        if element.name.utf8.first == UInt8(ascii: "s"), element.name.hasPrefix("sheet") {
            return try runSheetElement(element, into: builder)
        }
        let saved = style
        defer { style = saved }
        let attributes = try ElementAttributes(element, evaluator: self)
        // Cases are compared in order, one string comparison each: a table's cells and rows,
        // most of a long document's elements, come first.
        switch element.name {
        case "row":
            try applyText(attributes)
            let inner = FlowBuilder(.row)
            try runScoped(element.children ?? [], into: inner)
            let row = TableRow(inner.cells, background: try attributes.color("background"),
                               keepWithNext: try attributes.bool("keep") ?? false)
            builder.rows.append((row, try attributes.bool("header") ?? false))
        case "cell":
            try appendCell(element, attributes, into: builder)
        case "page":
            try applyPage(attributes)
        case "meta":
            try applyMeta(attributes)
        case "header", "footer":
            try applyText(attributes)
            let blocks = try flowBlocks(of: element)
            if element.name == "header" { document.header = blocks } else { document.footer = blocks }
        case "p", "heading":
            flushParagraph(builder)
            try appendParagraph(element, attributes, into: builder)
        case "b":
            style.text.isBold = true
            try runScoped(element.children ?? [], into: builder)
        case "i":
            style.text.isItalic = true
            try runScoped(element.children ?? [], into: builder)
        case "span":
            try applyText(attributes)
            try runScoped(element.children ?? [], into: builder)
        case "br":
            builder.pending.append((.lineBreak, false))
        case "pagenumber":
            builder.pending.append((.pageNumber(style.text), false))
        case "pagecount":
            builder.pending.append((.pageCount(style.text), false))
        case "rule":
            flushParagraph(builder)
            builder.blocks.append(.rule(Rule(
                thickness: try attributes.length("thickness") ?? 0.5, color: try attributes.color("color") ?? .black,
                spaceBefore: try attributes.length("spaceBefore") ?? 2, spaceAfter: try attributes.length("spaceAfter") ?? 2)))
        case "space":
            flushParagraph(builder)
            builder.blocks.append(.spacing(try attributes.length("height") ?? 0))
        case "pagebreak":
            flushParagraph(builder)
            builder.blocks.append(.pageBreak)
        case "keep":
            flushParagraph(builder)
            builder.blocks.append(.keepTogether(try flowBlocks(of: element), keepWithPrevious: try attributes.bool("withPrevious") ?? false))
        case "columns":
            flushParagraph(builder)
            try appendColumns(element, attributes, into: builder)
        case "column":
            try applyText(attributes)
            builder.columns.append(Column(width: try attributes.track("width") ?? .fraction(1), blocks: try flowBlocks(of: element)))
        case "table":
            flushParagraph(builder)
            try appendTable(element, attributes, into: builder)
        case "image":
            try appendImage(attributes, into: builder, span: element.tagSpan)
        case "qr":
            flushParagraph(builder)
            let text = try attributes.string("text") ?? ""
            do {
                let drawing = try QRCode.drawing(encoding: text, color: try attributes.color("color") ?? .black)
                let size = try attributes.length("size") ?? 25 * Units.pointsPerMillimetre
                builder.blocks.append(.drawing(DrawingBlock(drawing, width: size, height: size,
                                                            alignment: try attributes.alignment("align") ?? .left)))
            } catch {
                throw EvaluationFailure(message: "\(error)", span: element.tagSpan)
            }
        case "overlay":
            flushParagraph(builder)
            let blocks = try flowBlocks(of: element)
            builder.blocks.append(.overlay(Overlay(
                offset: Point(x: try attributes.length("x") ?? 0, y: try attributes.length("y") ?? 0),
                width: try attributes.length("width") ?? 100, opacity: try attributes.decimalAsDouble("opacity") ?? 1,
                blocks: blocks)))
        default:
            throw EvaluationFailure(message: "unknown element `\(element.name)`", span: element.nameSpan)
        }
    }

    /// The element's children run as block content in their own scope.
    private func flowBlocks(of element: Node.Element) throws(EvaluationFailure) -> [Block] {
        let inner = FlowBuilder(.flow)
        try runScoped(element.children ?? [], into: inner)
        flushParagraph(inner)
        return inner.blocks
    }

    /// The text attributes most elements share.
    private func applyText(_ attributes: ElementAttributes) throws(EvaluationFailure) {
        if let size = try attributes.length("size") { style.text.size = size }
        if let bold = try attributes.bool("bold") { style.text.isBold = bold }
        if let italic = try attributes.bool("italic") { style.text.isItalic = italic }
        if let color = try attributes.color("color") { style.text.color = color }
        if let font = try attributes.string("font") { style.text.family = font }
        if let align = try attributes.alignment("align") { style.alignment = align }
        if let leading = try attributes.decimalAsDouble("leading") { style.leading = leading }
    }

    private func applyPage(_ attributes: ElementAttributes) throws(EvaluationFailure) {
        var size = try attributes.pageSize("size") ?? .a4
        if try attributes.string("orientation") == "landscape", size.height > size.width {
            size = Size(width: size.height, height: size.width)
        }
        document.page.size = size
        if let margins = try attributes.insets("margin") { document.page.margins = margins }
        if let font = try attributes.string("font") { style.text.family = font }
        if let fontSize = try attributes.length("fontSize") { style.text.size = fontSize }
    }

    private func applyMeta(_ attributes: ElementAttributes) throws(EvaluationFailure) {
        var metadata = document.metadata
        metadata.title = try attributes.string("title") ?? metadata.title
        metadata.author = try attributes.string("author") ?? metadata.author
        metadata.subject = try attributes.string("subject") ?? metadata.subject
        metadata.keywords = try attributes.string("keywords") ?? metadata.keywords
        metadata.creator = try attributes.string("creator") ?? metadata.creator
        if let created = try attributes.string("created") {
            // A date alone is the start of that day; cairo wants full ISO 8601.
            metadata.creationDate = created.count == 10 ? created + "T00:00:00" : created
        }
        document.metadata = metadata
    }

    private func appendParagraph(_ element: Node.Element, _ attributes: ElementAttributes, into builder: FlowBuilder)
        throws(EvaluationFailure)
    {
        var spaceBefore = 0.0
        var spaceAfter = 0.0
        if element.name == "heading" {
            let level = try attributes.integer("level") ?? 1
            style.text.isBold = true
            style.text.size = [1: 14, 2: 12, 3: 10.5][level] ?? 10
            spaceBefore = style.text.size * 0.6
            spaceAfter = style.text.size * 0.3
        }
        try applyText(attributes)
        let inner = FlowBuilder(.inline)
        try runScoped(element.children ?? [], into: inner)
        let inlines = Typography.glue(inner.takeInlines(), language: language, words: typographyWords)
        let paragraph = Paragraph(
            inlines, alignment: style.alignment, leading: style.leading,
            spaceBefore: try attributes.length("spaceBefore") ?? spaceBefore,
            spaceAfter: try attributes.length("spaceAfter") ?? spaceAfter, indent: try attributes.length("indent") ?? 0,
            keepWithNext: try attributes.bool("keepWithNext") ?? (element.name == "heading"))
        if builder.kind == .inline {
            builder.pending += inlines.map { ($0, false) }
        } else {
            builder.blocks.append(.paragraph(paragraph))
        }
    }

    private func appendColumns(_ element: Node.Element, _ attributes: ElementAttributes, into builder: FlowBuilder)
        throws(EvaluationFailure)
    {
        let inner = FlowBuilder(.columns)
        try runScoped(element.children ?? [], into: inner)
        var columns = inner.columns
        if let widths = try attributes.tracks("widths") {
            for index in columns.indices where index < widths.count { columns[index].width = widths[index] }
        }
        builder.blocks.append(.columns(Columns(columns, gap: try attributes.length("gap") ?? 12)))
    }

    private func appendTable(_ element: Node.Element, _ attributes: ElementAttributes, into builder: FlowBuilder)
        throws(EvaluationFailure)
    {
        try applyText(attributes)
        let inner = FlowBuilder(.table)
        try runScoped(element.children ?? [], into: inner)
        guard let columns = try attributes.tracks("columns") else {
            throw EvaluationFailure(message: "a table needs `columns=[…]`", span: element.tagSpan)
        }
        // Header rows are the leading rows marked `header`; they repeat on every page.
        let headerCount = inner.rows.prefix { $0.isHeader }.count
        var headerRows = inner.rows.prefix(headerCount).map(\.row)
        var rows = inner.rows.dropFirst(headerCount).map(\.row)
        if let background = try attributes.color("headerBackground") {
            for index in headerRows.indices where headerRows[index].background == nil { headerRows[index].background = background }
        }
        if let stripe = try attributes.color("stripe") {
            for index in rows.indices where index % 2 == 1 && rows[index].background == nil { rows[index].background = stripe }
        }
        let borderWidth = try attributes.length("border") ?? 0.5
        let table = Table(
            columns: columns, headerRows: headerRows, rows: rows,
            border: borderWidth > 0 ? Border(width: borderWidth, color: try attributes.color("borderColor") ?? .black) : nil,
            cellPadding: try attributes.insets("padding") ?? EdgeInsets(top: 2.5, right: 3, bottom: 2.5, left: 3))
        builder.blocks.append(.table(table))
    }

    private func appendCell(_ element: Node.Element, _ attributes: ElementAttributes, into builder: FlowBuilder)
        throws(EvaluationFailure)
    {
        try applyText(attributes)
        let blocks = try flowBlocks(of: element)
        let valign: VerticalAlignment = switch try attributes.string("valign") {
        case "middle": .middle
        case "bottom": .bottom
        default: .top
        }
        let border = try attributes.length("border").map { Border(width: $0) }
        builder.cells.append(TableCell(
            blocks, columnSpan: try attributes.integer("colspan") ?? 1, rowSpan: try attributes.integer("rowspan") ?? 1,
            background: try attributes.color("background"), verticalAlignment: valign,
            padding: try attributes.insets("padding"), border: border))
    }

    private func appendImage(_ attributes: ElementAttributes, into builder: FlowBuilder, span: SourceSpan)
        throws(EvaluationFailure)
    {
        let name = try attributes.string("name") ?? ""
        if let drawing = assets.drawings[name] {
            flushParagraph(builder)
            builder.blocks.append(.drawing(DrawingBlock(
                drawing, width: try attributes.length("width"), height: try attributes.length("height"),
                alignment: try attributes.alignment("align") ?? .left)))
            return
        }
        guard let asset = assets.images[name] else {
            let available = (Array(assets.images.keys) + Array(assets.drawings.keys)).sorted()
            throw EvaluationFailure(
                message: "no image named \"\(name)\" was supplied", span: span,
                hints: available.isEmpty ? ["this render has no images"] : ["available: " + available.joined(separator: ", ")])
        }
        let width = try attributes.length("width")
        let height = try attributes.length("height")
        if builder.kind == .inline {
            let h = height ?? (width.map { $0 / asset.aspectRatio } ?? style.text.size)
            let w = width.map { min($0, h * asset.aspectRatio) } ?? h * asset.aspectRatio
            builder.pending.append((.image(asset, width: w, height: w / asset.aspectRatio), false))
        } else {
            flushParagraph(builder)
            builder.blocks.append(.image(ImageBlock(asset, width: width, height: height,
                                                    alignment: try attributes.alignment("align") ?? .left)))
        }
    }
}
