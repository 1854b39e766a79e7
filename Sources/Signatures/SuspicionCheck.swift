import Foundation

/// Flags signatures the app should ask to be redone: tiny, a straight line, or only taps.
enum SuspicionCheck {
    /// The ink must cover at least this fraction of the canvas width or of its height.
    static let smallestCanvasFraction = 0.1
    /// Ink within this many canvas units of one straight line is "a straight line"…
    static let straightLineAbsoluteThickness = 2.0
    /// …or within this fraction of its length, whichever is larger.
    static let straightLineRelativeThickness = 0.05

    static func warnings(for strokes: [CleanedStroke], kinds: [StrokeKind], canvas: SignatureCanvas)
        -> [SignatureWarning]
    {
        let points = strokes.flatMap { $0.samples.map(\.position) }
        var warnings: [SignatureWarning] = []
        if let box = SignatureRect(enclosing: points),
            box.width < canvas.width * smallestCanvasFraction, box.height < canvas.height * smallestCanvasFraction
        {
            warnings.append(.tooSmall)
        }
        let onlyDots = kinds.allSatisfy { $0 == .dot }
        if !onlyDots, isStraightLine(points) { warnings.append(.straightLine) }
        if onlyDots { warnings.append(.onlyDots) }
        return warnings
    }

    /// Whether all points lie in a thin band around their principal axis.
    static func isStraightLine(_ points: [SignaturePoint]) -> Bool {
        guard points.count >= 2 else { return false }
        let count = Double(points.count)
        let mean = points.reduce(SignaturePoint.zero, +) * (1 / count)
        var sxx = 0.0
        var sxy = 0.0
        var syy = 0.0
        for point in points {
            let d = point - mean
            sxx += d.x * d.x
            sxy += d.x * d.y
            syy += d.y * d.y
        }
        // Direction of the largest eigenvector of the covariance matrix.
        let angle = 0.5 * atan2(2 * sxy, sxx - syy)
        let axis = SignaturePoint(x: cos(angle), y: sin(angle))
        let across = axis.rotatedQuarterTurn
        var alongLow = Double.infinity
        var alongHigh = -Double.infinity
        var acrossLow = Double.infinity
        var acrossHigh = -Double.infinity
        for point in points {
            let d = point - mean
            alongLow = min(alongLow, d.dot(axis))
            alongHigh = max(alongHigh, d.dot(axis))
            acrossLow = min(acrossLow, d.dot(across))
            acrossHigh = max(acrossHigh, d.dot(across))
        }
        let length = alongHigh - alongLow
        let thickness = acrossHigh - acrossLow
        guard length > straightLineAbsoluteThickness else { return false }
        return thickness <= max(straightLineAbsoluteThickness, straightLineRelativeThickness * length)
    }
}
