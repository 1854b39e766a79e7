public import Foundation

/// Turns captured finger strokes into a smooth, inked-looking vector signature.
///
/// The pipeline per stroke: clean (duplicates, glitches) → tap? round dot : find corners → smooth each
/// run between corners → fit cubics (Schneider) → widths from speed or pressure → outline.
/// Everything is deterministic: the same input always gives the same output, bit for bit.
public struct SignatureVectorizer: Sendable {
    /// A stroke whose points all lie within this distance (canvas units) of its box's centre is a tap.
    public static let dotRadius = 1.0

    /// The tuning in use.
    public var options: SignatureOptions

    /// Creates a vectorizer.
    /// - Parameter options: Widths, tolerance and corner angle; the defaults suit phone canvases.
    public init(options: SignatureOptions = SignatureOptions()) {
        self.options = options
    }

    /// Decodes, validates and vectorizes a signature from the app's JSON.
    /// - Parameter json: A document following `signature.schema.json`.
    /// - Returns: The vector signature.
    /// - Throws: ``SignatureError`` naming the first problem in the input or the options.
    public func vectorize(json: Data) throws(SignatureError) -> VectorSignature {
        try options.validate()
        return try vectorize(try SignatureInput(json: json))
    }

    /// Validates and vectorizes a captured signature.
    /// - Parameter input: The captured strokes.
    /// - Returns: The vector signature.
    /// - Throws: ``SignatureError`` naming the first problem in the input or the options.
    public func vectorize(_ input: SignatureInput) throws(SignatureError) -> VectorSignature {
        try options.validate()
        try input.validate()
        let cleaned = input.strokes.map(Cleaning.clean)
        let widthModel = WidthModel(options: options, strokes: cleaned)
        let strokes = cleaned.map { vectorize($0, widthModel: widthModel) }
        let statistics = SignatureStatistics(
            inputPointCount: input.pointCount,
            keptPointCount: cleaned.reduce(0) { $0 + $1.samples.count },
            duplicateCount: cleaned.reduce(0) { $0 + $1.duplicateCount },
            outlierCount: cleaned.reduce(0) { $0 + $1.outlierCount },
            segmentCount: strokes.reduce(0) { $0 + $1.centerline.count },
            usesPressure: widthModel.usesPressure
        )
        return VectorSignature(
            canvas: input.canvas, strokes: strokes,
            warnings: SuspicionCheck.warnings(for: cleaned, kinds: strokes.map(\.kind), canvas: input.canvas),
            statistics: statistics
        )
    }

    /// The kept points of each stroke, as the centreline is promised to follow them (for measuring).
    func keptPoints(of input: SignatureInput) -> [[SignaturePoint]] {
        input.strokes.map { Cleaning.clean($0).samples.map(\.position) }
    }

    private func vectorize(_ stroke: CleanedStroke, widthModel: WidthModel) -> VectorStroke {
        let positions = stroke.samples.map(\.position)
        if let center = Self.dotCenter(positions) {
            let segment = CenterlineSegment(
                start: center, control1: center, control2: center, end: center,
                startWidth: options.dotWidth, endWidth: options.dotWidth)
            return VectorStroke(
                kind: .dot, centerline: [segment], outline: Outline.dot(center: center, diameter: options.dotWidth))
        }
        let widths = widthModel.widths(for: stroke.samples)
        let arc = Polyline.arcLengths(positions)
        let corners = CornerDetection.corners(in: positions, threshold: options.cornerAngleDegrees * .pi / 180)
        let boundaries = [0] + corners + [positions.count - 1]
        var centerline: [CenterlineSegment] = []
        for (first, last) in zip(boundaries, boundaries.dropFirst()) {
            let smoothed = Smoothing.smooth(positions, arc: arc, range: first...last)
            let fitted = CurveFitting.fit(
                smoothed: smoothed, raw: Array(positions[first...last]), tolerance: options.fitTolerance,
                indexOffset: first)
            centerline += fitted.map {
                CenterlineSegment(curve: $0.curve, startWidth: widths[$0.firstIndex], endWidth: widths[$0.lastIndex])
            }
        }
        return VectorStroke(kind: .line, centerline: centerline, outline: Outline.path(for: centerline))
    }

    /// The centre of the points' box if every point lies within ``dotRadius`` of it.
    static func dotCenter(_ points: [SignaturePoint]) -> SignaturePoint? {
        guard let box = SignatureRect(enclosing: points) else { return nil }
        let center = SignaturePoint(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2)
        return points.allSatisfy { $0.distance(to: center) <= dotRadius } ? center : nil
    }
}
