/// How a run of text looks. Families are resolved by the `FontBook`; the engine
/// falls back to another bundled face only for characters the family lacks.
public struct TextStyle: Sendable, Hashable {
    public var family: String?
    public var size: Double
    public var isBold: Bool
    public var isItalic: Bool
    public var color: Color
    public var isUnderlined: Bool

    /// Creates a style; `family` nil means the font book's default family.
    public init(
        family: String? = nil, size: Double = 10, isBold: Bool = false, isItalic: Bool = false,
        color: Color = .black, isUnderlined: Bool = false
    ) {
        self.family = family
        self.size = size
        self.isBold = isBold
        self.isItalic = isItalic
        self.color = color
        self.isUnderlined = isUnderlined
    }
}

/// Horizontal alignment of lines in a paragraph or of a block in its box.
public enum Alignment: String, Sendable, Hashable {
    case left, right, center, justify
}

/// Vertical alignment of a table cell's content.
public enum VerticalAlignment: String, Sendable, Hashable {
    case top, middle, bottom
}
