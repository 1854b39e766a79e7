/// Whether a vector stroke is a line or a tap.
public enum StrokeKind: String, Sendable, Hashable, CaseIterable {
    /// A drawn line: centreline cubics and an outline with round caps.
    case line
    /// A tap (one point, or points within ``SignatureVectorizer/dotRadius``): a round dot.
    case dot
}

/// A reason to ask the signer to sign again; the signature is still produced.
public enum SignatureWarning: String, Sendable, Hashable, CaseIterable {
    /// The ink covers less than a tenth of the canvas in both directions.
    case tooSmall
    /// All ink lies close to one straight line.
    case straightLine
    /// The signature consists of taps only.
    case onlyDots
}

/// One cubic of a stroke's centreline, with the ink width at each end (varying linearly in between).
public struct CenterlineSegment: Sendable, Hashable {
    /// Where the segment starts.
    public var start: SignaturePoint
    /// The first control point.
    public var control1: SignaturePoint
    /// The second control point.
    public var control2: SignaturePoint
    /// Where the segment ends (the next segment's start).
    public var end: SignaturePoint
    /// Ink width at `start`, in canvas units.
    public var startWidth: Double
    /// Ink width at `end`, in canvas units.
    public var endWidth: Double

    /// Creates a segment.
    /// - Parameters:
    ///   - start: Start point.
    ///   - control1: First control point.
    ///   - control2: Second control point.
    ///   - end: End point.
    ///   - startWidth: Ink width at the start.
    ///   - endWidth: Ink width at the end.
    public init(
        start: SignaturePoint, control1: SignaturePoint, control2: SignaturePoint, end: SignaturePoint,
        startWidth: Double, endWidth: Double
    ) {
        self.start = start
        self.control1 = control1
        self.control2 = control2
        self.end = end
        self.startWidth = startWidth
        self.endWidth = endWidth
    }

    var curve: CubicBezier { CubicBezier(p0: start, p1: control1, p2: control2, p3: end) }

    init(curve: CubicBezier, startWidth: Double, endWidth: Double) {
        self.init(
            start: curve.p0, control1: curve.p1, control2: curve.p2, end: curve.p3, startWidth: startWidth,
            endWidth: endWidth)
    }
}

/// One stroke of the result: its centreline and the closed outline to fill.
public struct VectorStroke: Sendable, Hashable {
    /// Line or dot.
    public var kind: StrokeKind
    /// The centreline; a dot has a single segment of zero length whose widths are the dot's diameter.
    public var centerline: [CenterlineSegment]
    /// Closed subpaths to fill with the nonzero rule.
    public var outline: VectorPath

    /// Creates a stroke.
    /// - Parameters:
    ///   - kind: Line or dot.
    ///   - centerline: The centreline segments.
    ///   - outline: The closed outline.
    public init(kind: StrokeKind, centerline: [CenterlineSegment], outline: VectorPath) {
        self.kind = kind
        self.centerline = centerline
        self.outline = outline
    }
}

/// Counts that explain what happened to the input.
public struct SignatureStatistics: Sendable, Hashable {
    /// Points in the input.
    public var inputPointCount: Int
    /// Points left after removing duplicates and glitches; these are the ones the centreline follows.
    public var keptPointCount: Int
    /// Points removed because they repeated the previous position exactly.
    public var duplicateCount: Int
    /// Points removed as sensor glitches.
    public var outlierCount: Int
    /// Centreline segments over all strokes (a dot counts as one).
    public var segmentCount: Int
    /// Whether pressure (rather than speed) drove the width.
    public var usesPressure: Bool

    /// Creates statistics.
    /// - Parameters:
    ///   - inputPointCount: Points in the input.
    ///   - keptPointCount: Points kept after cleaning.
    ///   - duplicateCount: Exact duplicates removed.
    ///   - outlierCount: Glitches removed.
    ///   - segmentCount: Centreline segments.
    ///   - usesPressure: Whether pressure drove the width.
    public init(
        inputPointCount: Int, keptPointCount: Int, duplicateCount: Int, outlierCount: Int, segmentCount: Int,
        usesPressure: Bool
    ) {
        self.inputPointCount = inputPointCount
        self.keptPointCount = keptPointCount
        self.duplicateCount = duplicateCount
        self.outlierCount = outlierCount
        self.segmentCount = segmentCount
        self.usesPressure = usesPressure
    }
}

/// A signature as smooth vector geometry, in canvas units.
public struct VectorSignature: Sendable, Hashable {
    /// Digits after the decimal point in the JSON and SVG output.
    public static let outputDecimals = 3

    /// The canvas the signature was drawn on; also the SVG view box.
    public var canvas: SignatureCanvas
    /// One entry per input stroke, in input order.
    public var strokes: [VectorStroke]
    /// Reasons to ask for the signature again, in ``SignatureWarning`` declaration order.
    public var warnings: [SignatureWarning]
    /// What the cleaning and fitting did.
    public var statistics: SignatureStatistics

    /// Creates a signature from its parts.
    /// - Parameters:
    ///   - canvas: The canvas.
    ///   - strokes: The strokes.
    ///   - warnings: Suspicion flags.
    ///   - statistics: Counts.
    public init(
        canvas: SignatureCanvas, strokes: [VectorStroke], warnings: [SignatureWarning], statistics: SignatureStatistics
    ) {
        self.canvas = canvas
        self.strokes = strokes
        self.warnings = warnings
        self.statistics = statistics
    }

    /// All strokes' outlines as one path, to fill with the nonzero rule.
    public var outline: VectorPath {
        var path = VectorPath()
        for stroke in strokes { path.append(stroke.outline) }
        return path
    }

    /// The bounding box of the ink (the filled outline); `nil` only for a signature without strokes.
    public var inkBounds: SignatureRect? { outline.bounds }

    /// Centreline segments over all strokes.
    public var segmentCount: Int { strokes.reduce(0) { $0 + $1.centerline.count } }

    /// Whether any stroke was flagged.
    public var isSuspicious: Bool { !warnings.isEmpty }
}
