import Foundation

/// A point (or a vector) in canvas units: origin top left, y pointing down.
public struct SignaturePoint: Sendable, Hashable {
    /// Horizontal position in canvas units.
    public var x: Double
    /// Vertical position in canvas units, growing downwards.
    public var y: Double

    /// Creates a point from its coordinates.
    /// - Parameters:
    ///   - x: Horizontal position in canvas units.
    ///   - y: Vertical position in canvas units, growing downwards.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The origin, also the zero vector.
    public static let zero = SignaturePoint(x: 0, y: 0)

    /// Whether both coordinates are finite (neither NaN nor infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

// Vector arithmetic used by the geometry stages. Internal on purpose: the public type stays a plain value.
extension SignaturePoint {
    static func + (lhs: SignaturePoint, rhs: SignaturePoint) -> SignaturePoint {
        SignaturePoint(x: lhs.x + rhs.x, y: lhs.y + rhs.y)
    }

    static func - (lhs: SignaturePoint, rhs: SignaturePoint) -> SignaturePoint {
        SignaturePoint(x: lhs.x - rhs.x, y: lhs.y - rhs.y)
    }

    static func * (lhs: SignaturePoint, rhs: Double) -> SignaturePoint {
        SignaturePoint(x: lhs.x * rhs, y: lhs.y * rhs)
    }

    static func * (lhs: Double, rhs: SignaturePoint) -> SignaturePoint {
        rhs * lhs
    }

    static prefix func - (point: SignaturePoint) -> SignaturePoint {
        SignaturePoint(x: -point.x, y: -point.y)
    }

    /// Dot product.
    func dot(_ other: SignaturePoint) -> Double { x * other.x + y * other.y }

    /// z component of the 3-D cross product; positive when `other` turns towards +y from `self`.
    func cross(_ other: SignaturePoint) -> Double { x * other.y - y * other.x }

    var length: Double { (x * x + y * y).squareRoot() }

    var lengthSquared: Double { x * x + y * y }

    func distance(to other: SignaturePoint) -> Double { (self - other).length }

    /// The unit vector in the same direction, or `nil` for a (near) zero vector.
    var normalized: SignaturePoint? {
        let length = self.length
        guard length > Self.degenerateLength, length.isFinite else { return nil }
        return SignaturePoint(x: x / length, y: y / length)
    }

    /// The vector rotated a quarter turn from +x towards +y (the stroke's "left" normal in these docs).
    var rotatedQuarterTurn: SignaturePoint { SignaturePoint(x: -y, y: x) }

    /// The vector rotated a quarter turn the other way, from +y towards +x.
    var rotatedBackQuarterTurn: SignaturePoint { SignaturePoint(x: y, y: -x) }

    /// Linear interpolation between two points.
    static func lerp(_ a: SignaturePoint, _ b: SignaturePoint, _ t: Double) -> SignaturePoint {
        SignaturePoint(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
    }

    /// Vectors shorter than this have no usable direction (far below a canvas unit).
    static let degenerateLength = 1e-9

    /// The angle between two direction vectors in radians, 0...π; 0 when either is degenerate.
    static func angle(between a: SignaturePoint, and b: SignaturePoint) -> Double {
        guard let ua = a.normalized, let ub = b.normalized else { return 0 }
        let cosine = min(1, max(-1, ua.dot(ub)))
        return acos(cosine)
    }
}
