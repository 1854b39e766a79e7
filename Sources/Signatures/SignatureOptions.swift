/// The knobs of the vectorizer; the defaults suit a phone canvas of a few hundred units.
public struct SignatureOptions: Sendable, Hashable {
    /// Narrowest line, reached at high speed or zero pressure, in canvas units.
    public var minWidth: Double
    /// Widest line, reached when the finger rests or presses hardest, in canvas units.
    public var maxWidth: Double
    /// Diameter of a tap's dot in canvas units.
    public var dotWidth: Double
    /// The most any kept input point may lie from the centreline, in canvas units (the fitting's error bound).
    public var fitTolerance: Double
    /// Speed in canvas units per millisecond at which the line is halfway between `maxWidth` and `minWidth`.
    public var halfWidthSpeed: Double
    /// A turn sharper than this, in degrees, measured over a few units of stroke, is a corner (a cusp
    /// such as the top of a handwritten "t"); the curve is not kept smooth there.
    public var cornerAngleDegrees: Double

    /// Creates options; every value has a default.
    /// - Parameters:
    ///   - minWidth: Narrowest line width.
    ///   - maxWidth: Widest line width.
    ///   - dotWidth: Diameter of a dot.
    ///   - fitTolerance: Largest allowed distance from a kept input point to the centreline.
    ///   - halfWidthSpeed: Speed (units/ms) giving the middle width.
    ///   - cornerAngleDegrees: Turning angle above which a corner is kept sharp.
    public init(
        minWidth: Double = 0.9, maxWidth: Double = 3.2, dotWidth: Double = 3.6, fitTolerance: Double = 0.75,
        halfWidthSpeed: Double = 0.8, cornerAngleDegrees: Double = 100
    ) {
        self.minWidth = minWidth
        self.maxWidth = maxWidth
        self.dotWidth = dotWidth
        self.fitTolerance = fitTolerance
        self.halfWidthSpeed = halfWidthSpeed
        self.cornerAngleDegrees = cornerAngleDegrees
    }

    /// Largest accepted line width or dot diameter, in canvas units.
    public static let widthRange = 0.05...100.0
    /// Accepted fitting tolerances; below the lower end the fit would chase sensor noise.
    public static let fitToleranceRange = 0.05...10.0
    /// Accepted corner angles in degrees.
    public static let cornerAngleRange = 10.0...179.0
    /// Accepted half-width speeds in units per millisecond.
    public static let halfWidthSpeedRange = 0.001...1000.0

    /// Checks that every option is finite and in range.
    /// - Throws: ``SignatureError/invalidOption(name:message:)`` naming the first bad option.
    public func validate() throws(SignatureError) {
        try Self.check("minWidth", minWidth, in: Self.widthRange)
        try Self.check("maxWidth", maxWidth, in: Self.widthRange)
        try Self.check("dotWidth", dotWidth, in: Self.widthRange)
        try Self.check("fitTolerance", fitTolerance, in: Self.fitToleranceRange)
        try Self.check("halfWidthSpeed", halfWidthSpeed, in: Self.halfWidthSpeedRange)
        try Self.check("cornerAngleDegrees", cornerAngleDegrees, in: Self.cornerAngleRange)
        guard minWidth <= maxWidth else {
            throw .invalidOption(
                name: "minWidth", message: "must not exceed maxWidth (\(SignatureError.format(maxWidth)))")
        }
    }

    private static func check(_ name: String, _ value: Double, in range: ClosedRange<Double>) throws(SignatureError) {
        guard value.isFinite, range.contains(value) else {
            let low = SignatureError.format(range.lowerBound)
            let high = SignatureError.format(range.upperBound)
            throw .invalidOption(
                name: name, message: "must be between \(low) and \(high), found \(SignatureError.format(value))")
        }
    }
}
