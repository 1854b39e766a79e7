/// A fitted cubic and the stretch of input points it covers (indices into the stroke's cleaned points).
struct FittedSegment: Sendable, Hashable {
    var curve: CubicBezier
    var firstIndex: Int
    var lastIndex: Int
}

/// Schneider-style cubic fitting ("An Algorithm for Automatically Fitting Digitized Curves", Graphics
/// Gems 1990) of one run of points between corners.
///
/// A cubic is fitted as Schneider does: end points fixed, control points by least squares over
/// chord-length parameters, refined by Newton–Raphson reparameterisation, accepted when every point is
/// within the tolerance. Two changes make the result shorter without losing smoothness:
///
/// * The end direction is an unknown of the least squares (at a run's start the start direction is
///   too); the next cubic starts in the direction the previous one ended, which keeps the joint G1.
///   When that is ill-posed or strays from the points' own direction, Schneider's fixed tangents are used.
/// * Instead of splitting at the worst point and recursing, each cubic is made as long as it can be
///   (galloping, then binary search over its end point), which gives close to the fewest cubics.
///
/// The least-squares fit follows the smoothed points, but acceptance is measured against the raw
/// (cleaned) points, so the tolerance is a promise about what the finger drew.
enum CurveFitting {
    /// Most points one cubic may cover; bounds the cost of one attempt, so the whole fit is O(n·log k).
    static let maxPointsPerFit = 400
    /// Newton reparameterisation rounds before an attempt gives up.
    static let maxIterations = 20
    /// Reparameterise only when the first error is within this factor of the tolerance.
    static let iterationErrorFactor = 10.0
    /// Tangents are measured to the first point at least this far away, so jitter does not swing them.
    static let tangentProbe = 1.0
    /// A handle longer than this multiple of the covered arc length is a wild fit; use the heuristic instead.
    static let maxHandleToArcRatio = 1.0
    /// Weight of the pull towards the heuristic handles, against a sum of squared Bernstein weights
    /// (each at most 0.44); small enough not to bias a fit over several points.
    static let regularization = 1e-3
    /// Between two samples far apart the pen may have swung beyond both (the bottom of a round letter
    /// drawn fast); a cubic may leave the samples' box by the tolerance plus this fraction of the
    /// largest gap between consecutive samples, and no further.
    static let bulgePerGap = 0.15
    /// Newton steps per point in each reparameterisation round.
    static let newtonStepsPerRound = 3
    /// Most points examined when looking for a tangent's probe point, so dense clusters stay O(k).
    static let maxProbeSteps = 48
    /// A free end direction may differ from the points' own direction by at most this (radians, 45°);
    /// the next cubic starts in that direction, so it must be believable.
    static let maxFreeTangentDeviation = Double.pi / 4

    /// Fits cubics through one run of points.
    /// - Parameters:
    ///   - smoothed: The run's smoothed points (what the curve follows).
    ///   - raw: The run's cleaned points, same count (what the error is measured against).
    ///   - tolerance: Largest allowed distance from a raw point to its place on the curve.
    ///   - indexOffset: Index of the run's first point in the stroke, added to the reported indices.
    static func fit(
        smoothed: [SignaturePoint], raw: [SignaturePoint], tolerance: Double, indexOffset: Int
    ) -> [FittedSegment] {
        precondition(smoothed.count == raw.count && smoothed.count >= 2, "a run has at least two points")
        let fitter = SchneiderFitter(smoothed: smoothed, raw: raw, tolerance: tolerance)
        let last = smoothed.count - 1
        var segments: [FittedSegment] = []
        var start = 0
        // The run's first cubic chooses its own start direction; each later one continues the previous one.
        var leaving: SignaturePoint? = nil
        while start < last {
            let (end, curve) = fitter.longestFit(from: start, leaving: leaving)
            segments.append(FittedSegment(curve: curve, firstIndex: start + indexOffset, lastIndex: end + indexOffset))
            leaving = curve.tangent(at: 1) ?? fitter.centreTangent(at: end)
            start = end
        }
        return segments
    }
}

/// The single-cubic fit and its helpers; `leaving` points along the curve at its start, `arriving`
/// points back into the curve from its end (Schneider's tHat1 and tHat2).
private struct SchneiderFitter {
    let smoothed: [SignaturePoint]
    let raw: [SignaturePoint]
    let tolerance: Double
    let arc: [Double]
    init(smoothed: [SignaturePoint], raw: [SignaturePoint], tolerance: Double) {
        self.smoothed = smoothed
        self.raw = raw
        self.tolerance = tolerance
        self.arc = Polyline.arcLengths(smoothed)
    }

    /// The farthest end point a single cubic from `start` can reach within the tolerance, and that cubic.
    func longestFit(from start: Int, leaving: SignaturePoint?) -> (Int, CubicBezier) {
        let last = min(smoothed.count - 1, start + CurveFitting.maxPointsPerFit - 1)
        var good = start + 1
        var goodCurve = fitPair(first: start, leaving: leaving)
        var bad: Int?
        var step = 1
        // Gallop: double the reach until an attempt fails…
        while good < last {
            step *= 2
            let candidate = min(start + step, last)
            guard let curve = fitSingle(first: start, last: candidate, leaving: leaving) else {
                bad = candidate
                break
            }
            good = candidate
            goodCurve = curve
        }
        // …then binary-search between the last success and the first failure.
        while let failed = bad, failed - good > 1 {
            let middle = (good + failed) / 2
            if let curve = fitSingle(first: start, last: middle, leaving: leaving) {
                good = middle
                goodCurve = curve
            } else {
                bad = middle
            }
        }
        return (good, goodCurve)
    }

    /// The cubic between two neighbouring points: along the tangents if that stays in bounds, else straight.
    func fitPair(first: Int, leaving: SignaturePoint?) -> CubicBezier {
        let p0 = smoothed[first]
        let p3 = smoothed[first + 1]
        if let leaving {
            let third = p0.distance(to: p3) / 3
            let arriving = fixedArrivingTangent(at: first + 1)
            let curve = CubicBezier(p0: p0, p1: p0 + leaving * third, p2: p3 + arriving * third, p3: p3)
            if isWithinBounds(curve, first: first, last: first + 1) { return curve }
        }
        // A straight piece; where it meets its neighbour at an angle, the outline adds a round joint.
        return CubicBezier(p0: p0, p1: .lerp(p0, p3, 1.0 / 3), p2: .lerp(p0, p3, 2.0 / 3), p3: p3)
    }

    /// One cubic from `first` to `last` (at least two apart), or `nil` if none stays within the tolerance.
    /// `leaving` is the start direction (`nil`: free, at a run's start); the end direction is always free.
    func fitSingle(first: Int, last: Int, leaving: SignaturePoint?) -> CubicBezier? {
        var parameters = chordLengthParameters(first: first, last: last)
        var curve = generateBezier(first: first, last: last, parameters: parameters, leaving: leaving)
        var error = maxError(curve, first: first, last: last, parameters: parameters)
        if error <= tolerance, isWithinBounds(curve, first: first, last: last) { return curve }
        guard error <= tolerance * CurveFitting.iterationErrorFactor else { return nil }
        for _ in 0..<CurveFitting.maxIterations {
            guard let improved = reparameterize(curve, first: first, parameters: parameters) else { return nil }
            parameters = improved
            curve = generateBezier(first: first, last: last, parameters: parameters, leaving: leaving)
            error = maxError(curve, first: first, last: last, parameters: parameters)
            if error <= tolerance, isWithinBounds(curve, first: first, last: last) { return curve }
        }
        return nil
    }

    /// The direction back into the curve at `index` estimated from the points, for the fall-back fit.
    private func fixedArrivingTangent(at index: Int) -> SignaturePoint {
        index == smoothed.count - 1 ? tangent(arriving: index) : -centreTangent(at: index)
    }

    // MARK: Schneider's steps

    private func chordLengthParameters(first: Int, last: Int) -> [Double] {
        let total = arc[last] - arc[first]
        guard total > 0 else {
            return (first...last).map { Double($0 - first) / Double(last - first) }
        }
        return (first...last).map { (arc[$0] - arc[first]) / total }
    }

    /// The least-squares cubic with the end direction free (and the start direction free when
    /// `leaving` is `nil`); if that is ill-posed or wild, Schneider's fit with both tangents taken from
    /// the points, with the published fall-backs.
    private func generateBezier(first: Int, last: Int, parameters: [Double], leaving: SignaturePoint?) -> CubicBezier {
        if let curve = freeEndBezier(first: first, last: last, parameters: parameters, leaving: leaving) {
            return curve
        }
        return fixedTangentBezier(
            first: first, last: last, parameters: parameters, leaving: leaving ?? tangent(leaving: first),
            arriving: fixedArrivingTangent(at: last))
    }

    /// Least squares over the free control points: `p2` (2 unknowns) and either `p1` (2 more) or the
    /// length of the handle along `leaving` (1 more). A light pull (`regularization`) towards Schneider's
    /// heuristic handles (a third of the chord along the points' tangents) keeps the problem well posed
    /// when there are fewer interior points than unknowns.
    private func freeEndBezier(first: Int, last: Int, parameters: [Double], leaving: SignaturePoint?) -> CubicBezier? {
        let p0 = smoothed[first]
        let p3 = smoothed[last]
        let third = p0.distance(to: p3) / 3
        let guide1 = p0 + (leaving ?? tangent(leaving: first)) * third
        let guide2 = p3 + fixedArrivingTangent(at: last) * third
        let lambda = CurveFitting.regularization
        var s11 = lambda
        var s12 = 0.0
        var s22 = lambda
        var r1 = guide1 * lambda
        var r2 = guide2 * lambda
        for (offset, t) in parameters.enumerated() {
            let mt = 1 - t
            let b0 = mt * mt * mt
            let b1 = 3 * mt * mt * t
            let b2 = 3 * mt * t * t
            let b3 = t * t * t
            // What p1·b1 + p2·b2 must explain.
            let residual = smoothed[first + offset] - p0 * b0 - p3 * b3
            s11 += b1 * b1
            s12 += b1 * b2
            s22 += b2 * b2
            r1 = r1 + residual * b1
            r2 = r2 + residual * b2
        }
        let determinant = s11 * s22 - s12 * s12
        guard determinant > 0 else { return nil }
        let p1: SignaturePoint
        let p2: SignaturePoint
        if let leaving {
            // p1 = p0 + α·leaving: project p1's equations on `leaving`, then eliminate p2.
            let r1Along = (r1 - p0 * s11).dot(leaving)
            let r2Shifted = r2 - p0 * s12
            let alpha = (r1Along * s22 - s12 * leaving.dot(r2Shifted)) / determinant
            guard alpha > 0 else { return nil }
            p1 = p0 + leaving * alpha
            p2 = (r2Shifted - leaving * (s12 * alpha)) * (1 / s22)
        } else {
            p1 = (r1 * s22 - r2 * s12) * (1 / determinant)
            p2 = (r2 * s11 - r1 * s12) * (1 / determinant)
        }
        let curve = CubicBezier(p0: p0, p1: p1, p2: p2, p3: p3)
        return isReasonable(curve, first: first, last: last) ? curve : nil
    }

    /// Handles of sensible length that do not cross, and an end direction close to the points' own.
    private func isReasonable(_ curve: CubicBezier, first: Int, last: Int) -> Bool {
        let chord = curve.p3 - curve.p0
        let maxHandle = (arc[last] - arc[first]) * CurveFitting.maxHandleToArcRatio
        let minHandle = SignaturePoint.degenerateLength * 1e3
        let handle1 = curve.p1 - curve.p0
        let handle2 = curve.p2 - curve.p3
        guard curve.p1.isFinite, curve.p2.isFinite, handle1.length > minHandle, handle2.length > minHandle,
            handle1.length <= maxHandle, handle2.length <= maxHandle,
            handle1.dot(chord) - handle2.dot(chord) <= chord.lengthSquared
        else { return false }
        let pointsDirection = -fixedArrivingTangent(at: last)
        let curveDirection = -handle2
        return SignaturePoint.angle(between: pointsDirection, and: curveDirection)
            <= CurveFitting.maxFreeTangentDeviation
    }

    /// Schneider's least-squares handle lengths along fixed end tangents, with the published fall-backs.
    private func fixedTangentBezier(
        first: Int, last: Int, parameters: [Double], leaving: SignaturePoint, arriving: SignaturePoint
    ) -> CubicBezier {
        let p0 = smoothed[first]
        let p3 = smoothed[last]
        var c00 = 0.0
        var c01 = 0.0
        var c11 = 0.0
        var x0 = 0.0
        var x1 = 0.0
        for (offset, t) in parameters.enumerated() {
            let mt = 1 - t
            let b0 = mt * mt * mt
            let b1 = 3 * mt * mt * t
            let b2 = 3 * mt * t * t
            let b3 = t * t * t
            let a1 = leaving * b1
            let a2 = arriving * b2
            c00 += a1.dot(a1)
            c01 += a1.dot(a2)
            c11 += a2.dot(a2)
            let residual = smoothed[first + offset] - (p0 * (b0 + b1) + p3 * (b2 + b3))
            x0 += a1.dot(residual)
            x1 += a2.dot(residual)
        }
        let determinant = c00 * c11 - c01 * c01
        let chord = p0.distance(to: p3)
        var alpha1 = 0.0
        var alpha2 = 0.0
        if abs(determinant) > 1e-12 {
            alpha1 = (x0 * c11 - x1 * c01) / determinant
            alpha2 = (c00 * x1 - c01 * x0) / determinant
        }
        let epsilon = 1e-6 * chord
        let maxHandle = (arc[last] - arc[first]) * CurveFitting.maxHandleToArcRatio
        var useHeuristic =
            !(alpha1.isFinite && alpha2.isFinite) || alpha1 < epsilon || alpha2 < epsilon
            || alpha1 > maxHandle || alpha2 > maxHandle
        if !useHeuristic {
            // Handles that cross each other when projected on the chord make a loop (Paper.js' check).
            let line = p3 - p0
            useHeuristic = (leaving * alpha1).dot(line) - (arriving * alpha2).dot(line) > chord * chord
        }
        if useHeuristic {
            alpha1 = chord / 3
            alpha2 = chord / 3
        }
        return CubicBezier(p0: p0, p1: p0 + leaving * alpha1, p2: p3 + arriving * alpha2, p3: p3)
    }

    /// Largest distance from a raw point to the curve at its parameter.
    private func maxError(_ curve: CubicBezier, first: Int, last: Int, parameters: [Double]) -> Double {
        var worst = 0.0
        for index in (first + 1)..<last {
            worst = max(worst, curve.point(at: parameters[index - first]).distance(to: raw[index]))
        }
        return worst
    }

    /// One Newton–Raphson step per point towards its closest curve point; `nil` if the order breaks.
    private func reparameterize(_ curve: CubicBezier, first: Int, parameters: [Double]) -> [Double]? {
        var result = parameters
        for (offset, start) in parameters.enumerated() {
            let point = smoothed[first + offset]
            var t = start
            for _ in 0..<CurveFitting.newtonStepsPerRound {
                let difference = curve.point(at: t) - point
                let d1 = curve.derivative(at: t)
                let d2 = curve.secondDerivative(at: t)
                let denominator = d1.dot(d1) + difference.dot(d2)
                guard abs(denominator) > 1e-12 else { break }
                t = min(1, max(0, t - difference.dot(d1) / denominator))
            }
            result[offset] = t
        }
        for index in 1..<result.count where result[index] < result[index - 1] { return nil }
        return result
    }

    /// The curve may not wander further than the tolerance outside the box of the points it covers.
    private func isWithinBounds(_ curve: CubicBezier, first: Int, last: Int) -> Bool {
        var box = SignatureRect(point: smoothed[first])
        var largestGap = 0.0
        for index in first...last {
            box.include(smoothed[index])
            box.include(raw[index])
            if index > first { largestGap = max(largestGap, smoothed[index].distance(to: smoothed[index - 1])) }
        }
        return box.insetBy(-(tolerance + largestGap * CurveFitting.bulgePerGap)).contains(curve.bounds)
    }

    // MARK: Tangents

    /// Unit direction from point `index` towards the first point at least `tangentProbe` ahead.
    func tangent(leaving index: Int) -> SignaturePoint {
        direction(from: index, step: 1) ?? direction(from: index, step: -1).map { -$0 } ?? SignaturePoint(x: 1, y: 0)
    }

    /// Unit direction from point `index` back towards the first point at least `tangentProbe` behind.
    func tangent(arriving index: Int) -> SignaturePoint {
        direction(from: index, step: -1) ?? direction(from: index, step: 1).map { -$0 } ?? SignaturePoint(x: -1, y: 0)
    }

    /// Unit direction of travel through point `index`, from the probe point behind to the one ahead.
    func centreTangent(at index: Int) -> SignaturePoint {
        let behind = probePoint(from: index, step: -1)
        let ahead = probePoint(from: index, step: 1)
        return (ahead - behind).normalized ?? tangent(leaving: index)
    }

    private func direction(from index: Int, step: Int) -> SignaturePoint? {
        (probePoint(from: index, step: step) - smoothed[index]).normalized
    }

    /// The first point `tangentProbe` away in the direction of `step`, or the run's end point.
    private func probePoint(from index: Int, step: Int) -> SignaturePoint {
        var cursor = index + step
        while cursor >= 0, cursor < smoothed.count, abs(cursor - index) <= CurveFitting.maxProbeSteps {
            if smoothed[cursor].distance(to: smoothed[index]) >= CurveFitting.tangentProbe { return smoothed[cursor] }
            cursor += step
        }
        let limit = index + step * CurveFitting.maxProbeSteps
        return smoothed[min(max(limit, 0), smoothed.count - 1)]
    }
}
