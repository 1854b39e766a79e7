import Foundation

/// Turns a centreline with widths into closed outlines to fill: offset curves on both sides,
/// round caps at the ends, and round joins wherever the centreline is not smooth.
///
/// The centreline is cut into smooth runs (consecutive segments meeting with the same tangent). Each
/// run becomes one closed subpath: the left offset forwards, a half-circle cap, the right offset
/// backwards, a half-circle cap. All subpaths (and dots) wind the same way, so their nonzero fill is
/// their union; two runs meeting at a corner overlap in their caps, which makes the join round.
///
/// On the inner side of a bend tighter than the half width, an offset curve would loop back on itself
/// and punch a hole into the nonzero fill; there the offset distance is clamped to the radius of
/// curvature (the offset stops at the centre of curvature), which stays inside the ink.
enum Outline {
    /// Largest distance between an offset curve and its cubic approximation, in canvas units.
    static let tolerance = 0.05
    /// Deepest halving of a segment when approximating its offset; 2⁶ pieces per segment at most.
    static let maxSubdivisionDepth = 6
    /// Segments whose tangents differ by less than this (radians) at a joint are one smooth run.
    static let smoothJoinAngle = 0.5 * Double.pi / 180
    /// Points closer than this are the same point when joining pieces.
    static let samePointDistance = 1e-9
    /// Step of the numerical derivative of an offset curve, in curve parameter.
    static let derivativeStep = 1e-5
    /// Handle length of a quarter circle drawn as one cubic, per unit radius.
    static let quarterCircleHandle = 0.552_284_749_831

    /// The closed outline of a stroke's centreline.
    static func path(for segments: [CenterlineSegment]) -> VectorPath {
        var path = VectorPath()
        for run in smoothRuns(segments) { appendRibbon(segments[run], to: &path) }
        return path
    }

    /// A closed circle of the given diameter.
    static func dot(center: SignaturePoint, diameter: Double) -> VectorPath {
        var path = VectorPath()
        let radius = diameter / 2
        var direction = SignaturePoint(x: 1, y: 0)
        path.move(to: center + direction * radius)
        for _ in 0..<4 {
            appendQuarterArc(center: center, radius: radius, from: direction, to: &path)
            direction = direction.rotatedBackQuarterTurn
        }
        path.close()
        return path
    }

    /// Index ranges of segments joined smoothly (same point, same direction, same width).
    static func smoothRuns(_ segments: [CenterlineSegment]) -> [Range<Int>] {
        guard !segments.isEmpty else { return [] }
        var runs: [Range<Int>] = []
        var start = 0
        for index in 1..<max(segments.count, 1) where !isSmoothJoin(segments[index - 1], segments[index]) {
            runs.append(start..<index)
            start = index
        }
        runs.append(start..<segments.count)
        return runs
    }

    private static func isSmoothJoin(_ a: CenterlineSegment, _ b: CenterlineSegment) -> Bool {
        guard a.end.distance(to: b.start) <= samePointDistance, a.endWidth == b.startWidth,
            let arriving = a.curve.tangent(at: 1), let leaving = b.curve.tangent(at: 0)
        else { return false }
        return SignaturePoint.angle(between: arriving, and: leaving) <= smoothJoinAngle
    }

    private static func appendRibbon(_ run: ArraySlice<CenterlineSegment>, to path: inout VectorPath) {
        guard let first = run.first, let last = run.last else { return }
        let startOffset = OffsetCurve(segment: first, side: 1)
        path.move(to: startOffset.point(at: 0))
        for segment in run { OffsetCurve(segment: segment, side: 1).append(from: 0, to: 1, to: &path) }
        appendCap(at: last.end, tangent: OffsetCurve.tangent(last.curve, at: 1), radius: last.endWidth / 2, to: &path)
        for segment in run.reversed() { OffsetCurve(segment: segment, side: -1).append(from: 1, to: 0, to: &path) }
        appendCap(
            at: first.start, tangent: -OffsetCurve.tangent(first.curve, at: 0), radius: first.startWidth / 2, to: &path)
        path.close()
    }

    /// A half circle around `center` from the left of `tangent` to its right, passing in front.
    private static func appendCap(
        at center: SignaturePoint, tangent: SignaturePoint, radius: Double, to path: inout VectorPath
    ) {
        let left = tangent.rotatedQuarterTurn
        lineIfNeeded(to: center + left * radius, path: &path)
        appendQuarterArc(center: center, radius: radius, from: left, to: &path)
        appendQuarterArc(center: center, radius: radius, from: tangent, to: &path)
    }

    /// A quarter circle from direction `from` to `from` turned back a quarter (the winding of all outlines).
    static func appendQuarterArc(
        center: SignaturePoint, radius: Double, from: SignaturePoint, to path: inout VectorPath
    ) {
        let next = from.rotatedBackQuarterTurn
        let handle = quarterCircleHandle * radius
        path.addCubic(
            control1: center + from * radius + next * handle,
            control2: center + next * radius + from * handle,
            to: center + next * radius
        )
    }

    static func lineIfNeeded(to point: SignaturePoint, path: inout VectorPath) {
        if let current = currentPoint(of: path), current.distance(to: point) <= samePointDistance { return }
        path.addLine(to: point)
    }

    static func currentPoint(of path: VectorPath) -> SignaturePoint? {
        switch path.elements.last {
        case .moveTo(let point), .lineTo(let point): point
        case .quadTo(_, let to), .cubicTo(_, _, let to): to
        case .close, nil: nil
        }
    }
}

/// One side of a segment's ink: the centreline moved along its normal by the (clamped) half width.
private struct OffsetCurve {
    let segment: CenterlineSegment
    let curve: CubicBezier
    /// +1 for the left side (the tangent turned a quarter towards +y), −1 for the right side.
    let side: Double

    init(segment: CenterlineSegment, side: Double) {
        self.segment = segment
        self.curve = segment.curve
        self.side = side
    }

    static func tangent(_ curve: CubicBezier, at t: Double) -> SignaturePoint {
        curve.tangent(at: t) ?? SignaturePoint(x: 1, y: 0)
    }

    func point(at t: Double) -> SignaturePoint {
        let normal = Self.tangent(curve, at: t).rotatedQuarterTurn
        let halfWidth = (segment.startWidth + (segment.endWidth - segment.startWidth) * t) / 2
        // Positive when the curve bends towards this side, i.e. this side is the inner one.
        let bend = curve.curvature(at: t) * side
        let distance = bend > 0 ? min(halfWidth, 1 / bend) : halfWidth
        return curve.point(at: t) + normal * (side * distance)
    }

    private func derivative(at t: Double) -> SignaturePoint {
        let step = Outline.derivativeStep
        let low = max(0, t - step)
        let high = min(1, t + step)
        return (point(at: high) - point(at: low)) * (1 / (high - low))
    }

    /// Appends cubics approximating the offset from parameter `t0` to `t1` (either direction).
    func append(from t0: Double, to t1: Double, to path: inout VectorPath) {
        Outline.lineIfNeeded(to: point(at: t0), path: &path)
        appendPiece(from: t0, to: t1, depth: 0, to: &path)
    }

    /// Hermite cubic through the ends with the offset's own derivatives, halved until it is close enough.
    /// Where it never gets close (the offset jumps where the centreline turns on the spot), a straight
    /// line between two offset points is used: it stays within the ink, a wild cubic might not.
    private func appendPiece(from t0: Double, to t1: Double, depth: Int, to path: inout VectorPath) {
        let start = point(at: t0)
        let end = point(at: t1)
        let span = (t1 - t0) / 3
        let piece = CubicBezier(
            p0: start, p1: start + derivative(at: t0) * span, p2: end - derivative(at: t1) * span, p3: end)
        if isClose(piece, from: t0, to: t1) {
            path.addCubic(control1: piece.p1, control2: piece.p2, to: piece.p3)
        } else if depth < Outline.maxSubdivisionDepth {
            let middle = (t0 + t1) / 2
            appendPiece(from: t0, to: middle, depth: depth + 1, to: &path)
            appendPiece(from: middle, to: t1, depth: depth + 1, to: &path)
        } else {
            path.addLine(to: end)
        }
    }

    /// Close at three inner points, with handles no longer than the chord (longer ones swing wide
    /// between the checked points).
    private func isClose(_ piece: CubicBezier, from t0: Double, to t1: Double) -> Bool {
        let chord = piece.p0.distance(to: piece.p3)
        guard piece.p1.distance(to: piece.p0) <= chord, piece.p2.distance(to: piece.p3) <= chord else { return false }
        for fraction in [0.25, 0.5, 0.75] {
            let expected = point(at: t0 + (t1 - t0) * fraction)
            if piece.point(at: fraction).distance(to: expected) > Outline.tolerance { return false }
        }
        return true
    }
}
