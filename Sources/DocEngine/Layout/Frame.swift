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
public struct GlyphRun: Sendable {
    /// The face the glyph ids belong to. The run holds it, so any renderer can draw the run
    /// without the `FontBook` it was laid out with.
    public var font: FontFace
    public var size: Double
    public var color: Color
    /// The pen position of the first glyph's baseline.
    public var origin: Point
    public var glyphs: [PositionedGlyph]
    /// The UTF-8 text the glyphs represent.
    public var text: String
    /// Cluster map for the PDF text layer: (bytes of text, number of glyphs) pairs in order.
    public var clusters: [GlyphCluster]
    public var isUnderlined: Bool
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
