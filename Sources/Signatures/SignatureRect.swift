/// An axis-aligned rectangle in canvas units, stored by its extreme coordinates.
public struct SignatureRect: Sendable, Hashable {
    /// Smallest x inside the rectangle.
    public var minX: Double
    /// Smallest y inside the rectangle (the top edge, since y grows downwards).
    public var minY: Double
    /// Largest x inside the rectangle.
    public var maxX: Double
    /// Largest y inside the rectangle (the bottom edge).
    public var maxY: Double

    /// Creates a rectangle from its extreme coordinates.
    /// - Parameters:
    ///   - minX: Left edge.
    ///   - minY: Top edge.
    ///   - maxX: Right edge, not less than `minX`.
    ///   - maxY: Bottom edge, not less than `minY`.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The horizontal extent.
    public var width: Double { maxX - minX }

    /// The vertical extent.
    public var height: Double { maxY - minY }

    /// Whether `point` lies inside or on the border.
    /// - Parameter point: The point to test.
    public func contains(_ point: SignaturePoint) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }

    /// Whether `other` lies entirely inside this rectangle (borders included).
    /// - Parameter other: The rectangle to test.
    public func contains(_ other: SignatureRect) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// The rectangle grown by `amount` on every side.
    /// - Parameter amount: Distance to grow by; negative values shrink.
    public func insetBy(_ amount: Double) -> SignatureRect {
        SignatureRect(minX: minX + amount, minY: minY + amount, maxX: maxX - amount, maxY: maxY - amount)
    }

    /// The smallest rectangle containing both rectangles.
    /// - Parameter other: The rectangle to include.
    public func union(_ other: SignatureRect) -> SignatureRect {
        SignatureRect(
            minX: min(minX, other.minX), minY: min(minY, other.minY),
            maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY)
        )
    }
}

extension SignatureRect {
    /// A zero-size rectangle at `point`.
    init(point: SignaturePoint) {
        self.init(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
    }

    /// The smallest rectangle containing every point, or `nil` for an empty sequence.
    init?(enclosing points: some Sequence<SignaturePoint>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        var rect = SignatureRect(point: first)
        while let point = iterator.next() { rect.include(point) }
        self = rect
    }

    mutating func include(_ point: SignaturePoint) {
        minX = min(minX, point.x)
        minY = min(minY, point.y)
        maxX = max(maxX, point.x)
        maxY = max(maxY, point.y)
    }

    /// Distance from `point` to the rectangle; 0 inside.
    func distance(to point: SignaturePoint) -> Double {
        let dx = max(minX - point.x, 0, point.x - maxX)
        let dy = max(minY - point.y, 0, point.y - maxY)
        return (dx * dx + dy * dy).squareRoot()
    }
}
