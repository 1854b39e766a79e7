import Foundation

extension LaidOutDocument {
    /// A stable text picture of the frame tree, for layout snapshots: one line per item, in
    /// drawing order, with positions and sizes in points rounded to 0.01, and the text, face,
    /// size and colour of each glyph run.
    ///
    /// ```
    /// page 1 of 2: 595.28 × 841.89
    ///   text (42.52, 60.12) PT Sans Bold 14.00 #000000, 13 glyphs to +98.20: "Счёт на оплату"
    ///   fill (42.52, 80.00) 510.24 × 12.00 #EEEEEE
    ///   line (42.52, 80.00) → (552.76, 80.00) width 0.50 #000000
    /// ```
    /// - Returns: the dump, ending with a line feed.
    public func layoutDump() -> String {
        var lines: [String] = []
        for (index, page) in pages.enumerated() {
            lines.append("page \(index + 1) of \(pages.count): \(Self.format(page.size))")
            Self.dump(page.items, depth: 1, into: &lines)
        }
        for bookmark in bookmarks {
            lines.append(
                "bookmark level \(bookmark.level) page \(bookmark.pageIndex + 1) at \(Self.format(bookmark.y)): "
                    + bookmark.title.debugDescription)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func dump(_ items: [FrameItem], depth: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        for item in items {
            switch item {
            case .glyphs(let run):
                let face = "\(run.font.familyName) \(run.font.styleName)"
                let extent = run.glyphs.last.map { format($0.x) } ?? "0.00"
                let underline = run.isUnderlined ? " underlined" : ""
                lines.append(
                    "\(indent)text \(format(run.origin)) \(face) \(format(run.size)) \(format(run.color))\(underline), "
                        + "\(run.glyphs.count) glyphs to +\(extent): \(run.text.debugDescription)")
            case .fill(let rect, let color):
                lines.append("\(indent)fill \(format(rect.origin)) \(format(rect.size)) \(format(color))")
            case .line(let from, let to, let width, let color):
                lines.append("\(indent)line \(format(from)) → \(format(to)) width \(format(width)) \(format(color))")
            case .image(let asset, let rect):
                let kind = asset.isVector ? "svg" : "raster"
                lines.append(
                    "\(indent)image \(format(rect.origin)) \(format(rect.size)) \(kind) "
                        + "\(asset.pixelWidth)×\(asset.pixelHeight) \(asset.name.debugDescription)")
            case .shape(let shape):
                lines.append("\(indent)shape \(shape.elements.count) elements \(bounds(of: shape)) \(format(shape.fill))")
            case .cells(let grid):
                lines.append(
                    "\(indent)cells \(format(grid.frame.origin)) \(format(grid.frame.size)) "
                        + "\(grid.columns)×\(grid.rows), \(grid.filledCount) filled \(format(grid.color))")
            case .group(let inner, let opacity):
                lines.append("\(indent)group opacity \(format(opacity))")
                dump(inner, depth: depth + 1, into: &lines)
            }
        }
    }

    /// The box around a shape's points (control points included): enough to see it move or grow.
    private static func bounds(of shape: VectorShape) -> String {
        var points: [Point] = []
        for element in shape.elements {
            switch element {
            case .move(let p), .line(let p): points.append(p)
            case .quad(let c, let p): points += [c, p]
            case .cubic(let c1, let c2, let p): points += [c1, c2, p]
            case .close: break
            }
        }
        guard let first = points.first else { return "empty" }
        var (minX, minY, maxX, maxY) = (first.x, first.y, first.x, first.y)
        for p in points {
            (minX, maxX) = (min(minX, p.x), max(maxX, p.x))
            (minY, maxY) = (min(minY, p.y), max(maxY, p.y))
        }
        return "\(format(Point(x: minX, y: minY))) \(format(Size(width: maxX - minX, height: maxY - minY)))"
    }

    /// A length rounded to 0.01 pt, never `-0.00`.
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return String(format: "%.2f", rounded == 0 ? 0 : rounded)
    }

    private static func format(_ point: Point) -> String { "(\(format(point.x)), \(format(point.y)))" }

    private static func format(_ size: Size) -> String { "\(format(size.width)) × \(format(size.height))" }

    /// `#RRGGBB`, with the alpha after a slash when the colour is not opaque.
    private static func format(_ color: Color) -> String {
        func hex(_ component: Double) -> String {
            let value = Int((min(max(component, 0), 1) * 255).rounded())
            return (value < 16 ? "0" : "") + String(value, radix: 16, uppercase: true)
        }
        let alpha = color.alpha < 1 ? "/\(format(color.alpha))" : ""
        return "#" + hex(color.red) + hex(color.green) + hex(color.blue) + alpha
    }
}
