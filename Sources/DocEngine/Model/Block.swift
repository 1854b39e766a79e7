/// A block of flowing content.
public indirect enum Block: Sendable {
    case paragraph(Paragraph)
    /// A horizontal line across the available width.
    case rule(Rule)
    /// Vertical space; dropped at the top of a page.
    case spacing(Double)
    /// Side-by-side columns, kept on one page (seller and buyer requisites).
    case columns(Columns)
    case table(Table)
    case image(ImageBlock)
    /// Vector paths scaled into a box (a finger-drawn signature).
    case drawing(DrawingBlock)
    /// Blocks that must stay on one page together (totals, amount in words, signatures).
    /// When `keepWithPrevious` is set, the group also takes the preceding line or row with it,
    /// so a totals block is never orphaned from its table.
    case keepTogether([Block], keepWithPrevious: Bool)
    /// Content drawn at an offset from the current position without taking space (a stamp).
    case overlay(Overlay)
    /// Starts a new page.
    case pageBreak
    /// Marks the position for a PDF outline entry (bookmark).
    case bookmark(String, level: Int)
}

/// A paragraph of styled inline content.
public struct Paragraph: Sendable {
    public var content: [Inline]
    public var alignment: Alignment
    /// Line height as a multiple of the largest font size on the line.
    public var leading: Double
    public var spaceBefore: Double
    public var spaceAfter: Double
    /// First-line indent.
    public var indent: Double
    /// Keeps the paragraph's last line on the page of the next block (headings, captions).
    public var keepWithNext: Bool

    /// Creates a paragraph.
    public init(
        _ content: [Inline], alignment: Alignment = .left, leading: Double = 1.25, spaceBefore: Double = 0,
        spaceAfter: Double = 0, indent: Double = 0, keepWithNext: Bool = false
    ) {
        self.content = content
        self.alignment = alignment
        self.leading = leading
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.indent = indent
        self.keepWithNext = keepWithNext
    }
}

/// Inline content of a paragraph.
public enum Inline: Sendable {
    /// Text in one style. `origin` names where it came from (a JSON path or a template position)
    /// so that an undrawable character is reported precisely.
    case text(String, TextStyle, origin: String?)
    /// The current page number.
    case pageNumber(TextStyle)
    /// The total number of pages.
    case pageCount(TextStyle)
    /// A forced line break.
    case lineBreak
    /// An image sitting on the baseline.
    case image(ImageAsset, width: Double, height: Double)
}

/// A horizontal rule.
public struct Rule: Sendable {
    public var thickness: Double
    public var color: Color
    public var spaceBefore: Double
    public var spaceAfter: Double
    /// Creates a rule.
    public init(thickness: Double = 0.5, color: Color = .black, spaceBefore: Double = 2, spaceAfter: Double = 2) {
        self.thickness = thickness
        self.color = color
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }
}

/// Side-by-side columns.
public struct Columns: Sendable {
    public var columns: [Column]
    public var gap: Double
    /// Creates columns.
    public init(_ columns: [Column], gap: Double = 12) {
        self.columns = columns
        self.gap = gap
    }
}

/// One column of a `Columns` block.
public struct Column: Sendable {
    public var width: TrackWidth
    public var blocks: [Block]
    /// Creates a column.
    public init(width: TrackWidth = .fraction(1), blocks: [Block]) {
        self.width = width
        self.blocks = blocks
    }
}

/// How wide a table column or a side-by-side column is.
public enum TrackWidth: Sendable, Hashable {
    /// A fixed width in points.
    case fixed(Double)
    /// A share of the width left after fixed and auto tracks.
    case fraction(Double)
    /// A share of the whole available width (0...1).
    case relative(Double)
    /// As wide as the content's longest unbreakable piece, up to its natural width.
    case auto
}

/// An image scaled into a box, preserving its aspect ratio.
public struct ImageBlock: Sendable {
    public var asset: ImageAsset
    /// Maximum width; nil = the available width.
    public var width: Double?
    /// Maximum height; nil = derived from the width.
    public var height: Double?
    public var alignment: Alignment
    /// Creates an image block.
    public init(_ asset: ImageAsset, width: Double? = nil, height: Double? = nil, alignment: Alignment = .left) {
        self.asset = asset
        self.width = width
        self.height = height
        self.alignment = alignment
    }
}

/// Content placed at an offset from where the flow currently is, without taking space.
public struct Overlay: Sendable {
    public var offset: Point
    public var width: Double
    public var opacity: Double
    public var blocks: [Block]
    /// Creates an overlay.
    public init(offset: Point, width: Double, opacity: Double = 1, blocks: [Block]) {
        self.offset = offset
        self.width = width
        self.opacity = opacity
        self.blocks = blocks
    }
}
