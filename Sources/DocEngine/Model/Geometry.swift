/// Lengths are PDF points (1/72 inch) throughout the engine.
public enum Units {
    /// Points in one millimetre.
    public static let pointsPerMillimetre = 72.0 / 25.4
}

/// A point in page space: x to the right, y downwards, origin at the top-left.
public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double
    /// Creates a point.
    public init(x: Double, y: Double) { self.x = x; self.y = y }
    public static let zero = Point(x: 0, y: 0)
}

/// A width and a height in points.
public struct Size: Sendable, Hashable {
    public var width: Double
    public var height: Double
    /// Creates a size.
    public init(width: Double, height: Double) { self.width = width; self.height = height }

    /// ISO A4 portrait, 210 × 297 mm.
    public static let a4 = Size(width: 595.2756, height: 841.8898)
    /// ISO A5 portrait, 148 × 210 mm.
    public static let a5 = Size(width: 419.5276, height: 595.2756)
    /// US Letter portrait.
    public static let letter = Size(width: 612, height: 792)
}

/// Distances from the four edges of a page or a cell.
public struct EdgeInsets: Sendable, Hashable {
    public var top: Double
    public var right: Double
    public var bottom: Double
    public var left: Double

    /// Creates insets.
    public init(top: Double, right: Double, bottom: Double, left: Double) {
        self.top = top; self.right = right; self.bottom = bottom; self.left = left
    }

    /// The same inset on every edge.
    public init(all: Double) { self.init(top: all, right: all, bottom: all, left: all) }

    public static let zero = EdgeInsets(all: 0)
}

/// An axis-aligned rectangle.
public struct Rect: Sendable, Hashable {
    public var origin: Point
    public var size: Size
    /// Creates a rectangle.
    public init(x: Double, y: Double, width: Double, height: Double) {
        origin = Point(x: x, y: y)
        size = Size(width: width, height: height)
    }
    public var minX: Double { origin.x }
    public var minY: Double { origin.y }
    public var maxX: Double { origin.x + size.width }
    public var maxY: Double { origin.y + size.height }
}
