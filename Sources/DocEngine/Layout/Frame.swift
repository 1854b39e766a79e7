/// A laid-out page: positioned items that backends only read.
public struct Page: Sendable {
    public var size: Size
    public var items: [FrameItem]
    /// Creates a page.
    public init(size: Size, items: [FrameItem]) {
        self.size = size
        self.items = items
    }
}

/// The result of layout: pages plus what the PDF needs besides them.
public struct LaidOutDocument: Sendable {
    public var metadata: DocumentMetadata
    public var pages: [Page]
    /// Outline entries: title, level and the page index (0-based) they point at.
    public var bookmarks: [Bookmark]
    /// Creates a laid-out document.
    public init(metadata: DocumentMetadata, pages: [Page], bookmarks: [Bookmark] = []) {
        self.metadata = metadata
        self.pages = pages
        self.bookmarks = bookmarks
    }
}

/// One outline entry of the PDF.
public struct Bookmark: Sendable, Hashable {
    public var title: String
    public var level: Int
    public var pageIndex: Int
    public var y: Double

    /// Creates an outline entry at height `y` of page `pageIndex` (0-based).
    public init(title: String, level: Int, pageIndex: Int, y: Double) {
        self.title = title
        self.level = level
        self.pageIndex = pageIndex
        self.y = y
    }
}

/// A positioned item on a page. Coordinates are in points from the page's top-left.
public enum FrameItem: Sendable {
    case glyphs(GlyphRun)
    case fill(Rect, Color)
    /// A straight line segment.
    case line(from: Point, to: Point, width: Double, color: Color)
    case image(ImageAsset, Rect)
    /// A filled vector outline in page coordinates.
    case shape(VectorShape)
    /// Filled square cells (a QR code's modules), the grid's frame in page coordinates.
    case cells(CellGrid)
    /// Items drawn together with a group opacity (a stamp).
    case group([FrameItem], opacity: Double)
}

/// Shaped glyphs of one font at one size, with the text they stand for,
/// so that the PDF maps them back to exactly that Unicode.
///
/// The face, glyphs, text and cluster map live in one shared box (copied on write), the
/// position and look beside it: a run is copied each time its line is placed in a cell, a row
/// and a page, and a copy then costs one reference count instead of four.
public struct GlyphRun: Sendable {
    /// The face the glyph ids belong to. The run holds it, so any renderer can draw the run
    /// without the `FontBook` it was laid out with.
    public var font: FontFace {
        get { content.font }
        set { uniqueContent().font = newValue }
    }
    public var size: Double
    public var color: Color
    /// The pen position of the first glyph's baseline.
    public var origin: Point
    public var glyphs: [PositionedGlyph] {
        get { content.glyphs }
        _modify { yield &uniqueContent().glyphs }
    }
    /// The UTF-8 text the glyphs represent.
    public var text: String {
        get { content.text }
        _modify { yield &uniqueContent().text }
    }
    /// Cluster map for the PDF text layer: (bytes of text, number of glyphs) pairs in order.
    public var clusters: [GlyphCluster] {
        get { content.clusters }
        _modify { yield &uniqueContent().clusters }
    }
    public var isUnderlined: Bool

    private var content: Content

    init(
        font: FontFace, size: Double, color: Color, origin: Point, glyphs: [PositionedGlyph], text: String,
        clusters: [GlyphCluster], isUnderlined: Bool
    ) {
        content = Content(font: font, glyphs: glyphs, text: text, clusters: clusters)
        self.size = size
        self.color = color
        self.origin = origin
        self.isUnderlined = isUnderlined
    }

    /// The box, made this run's own first if another run shares it.
    private mutating func uniqueContent() -> Content {
        if !isKnownUniquelyReferenced(&content) {
            content = Content(font: content.font, glyphs: content.glyphs, text: content.text, clusters: content.clusters)
        }
        return content
    }

    /// `@unchecked Sendable`: changed only through a run that holds the sole reference
    /// (`uniqueContent`), so a box other runs or threads can see is never written.
    private final class Content: @unchecked Sendable {
        var font: FontFace
        var glyphs: [PositionedGlyph]
        var text: String
        var clusters: [GlyphCluster]

        init(font: FontFace, glyphs: [PositionedGlyph], text: String, clusters: [GlyphCluster]) {
            self.font = font
            self.glyphs = glyphs
            self.text = text
            self.clusters = clusters
        }
    }
}

/// A glyph id with its offset from the run origin.
public struct PositionedGlyph: Sendable, Hashable {
    public var id: UInt32
    public var x: Double
    public var y: Double
}

/// How many UTF-8 bytes map to how many glyphs.
public struct GlyphCluster: Sendable, Hashable {
    public var byteCount: Int
    public var glyphCount: Int
}

extension FrameItem {
    /// The same item moved by `dx`, `dy`.
    func offsetBy(dx: Double, dy: Double) -> FrameItem {
        switch self {
        case .glyphs(var run):
            run.origin.x += dx
            run.origin.y += dy
            return .glyphs(run)
        case .fill(var rect, let color):
            rect.origin.x += dx
            rect.origin.y += dy
            return .fill(rect, color)
        case .line(let from, let to, let width, let color):
            return .line(
                from: Point(x: from.x + dx, y: from.y + dy), to: Point(x: to.x + dx, y: to.y + dy), width: width,
                color: color)
        case .image(let asset, var rect):
            rect.origin.x += dx
            rect.origin.y += dy
            return .image(asset, rect)
        case .shape(let shape):
            return .shape(shape.transformed(scale: 1, dx: dx, dy: dy))
        case .cells(let grid):
            return .cells(grid.transformed(scale: 1, dx: dx, dy: dy))
        case .group(let items, let opacity):
            return .group(items.map { $0.offsetBy(dx: dx, dy: dy) }, opacity: opacity)
        }
    }
}
