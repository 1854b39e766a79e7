import Foundation

/// A cubic Bézier curve; the geometric workhorse of fitting, outlining and measuring.
struct CubicBezier: Sendable, Hashable {
    var p0: SignaturePoint
    var p1: SignaturePoint
    var p2: SignaturePoint
    var p3: SignaturePoint

    /// Samples taken along a curve before refining the closest point: one per `closestPointSpacing` of
    /// control polygon, within these bounds, so the best sample lands in the right basin.
    private static let closestPointSampleRange = 16...1024
    /// Canvas units of control polygon per sample; below the fitting tolerance, so no basin is skipped.
    private static let closestPointSpacing = 0.5
    /// Refinement steps (ternary narrowing) for the closest point; each shrinks the interval to 2/3.
    private static let closestPointRefinements = 24

    func point(at t: Double) -> SignaturePoint {
        let mt = 1 - t
        let a = mt * mt * mt
        let b = 3 * mt * mt * t
        let c = 3 * mt * t * t
        let d = t * t * t
        return SignaturePoint(
            x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
            y: a * p0.y + b * p1.y + c * p2.y + d * p3.y
        )
    }

    func derivative(at t: Double) -> SignaturePoint {
        let mt = 1 - t
        let a = (p1 - p0) * (3 * mt * mt)
        let b = (p2 - p1) * (6 * mt * t)
        let c = (p3 - p2) * (3 * t * t)
        return a + b + c
    }

    func secondDerivative(at t: Double) -> SignaturePoint {
        let a = (p2 - p1 * 2 + p0) * (6 * (1 - t))
        let b = (p3 - p2 * 2 + p1) * (6 * t)
        return a + b
    }

    /// The unit tangent at `t`, falling back to higher derivatives and then the chord where the
    /// first derivative vanishes (a handle of zero length); `nil` only for a curve that is a single point.
    func tangent(at t: Double) -> SignaturePoint? {
        if let unit = derivative(at: t).normalized { return unit }
        // Where B' vanishes the curve still leaves along B'' (or B''' = const), signed by the side of t.
        let sign: Double = t < 0.5 ? 1 : -1
        if let unit = (secondDerivative(at: t) * sign).normalized { return unit }
        let third = (p3 - p0) + (p1 - p2) * 3
        if let unit = third.normalized { return unit }
        return (p3 - p0).normalized
    }

    /// Signed curvature at `t` (positive when turning towards the left normal); 0 where undefined.
    func curvature(at t: Double) -> Double {
        let d1 = derivative(at: t)
        let speed = d1.length
        guard speed > SignaturePoint.degenerateLength else { return 0 }
        return d1.cross(secondDerivative(at: t)) / (speed * speed * speed)
    }

    /// The exact bounding box, from the end points and the interior extrema of each coordinate.
    var bounds: SignatureRect {
        var rect = SignatureRect(point: p0)
        rect.include(p3)
        for t in extremaParameters() { rect.include(point(at: t)) }
        return rect
    }

    /// Parameters in (0, 1) where x′ or y′ vanishes.
    func extremaParameters() -> [Double] {
        Self.derivativeRoots(p0.x, p1.x, p2.x, p3.x) + Self.derivativeRoots(p0.y, p1.y, p2.y, p3.y)
    }

    /// Parameters in (0, 1) where y′ vanishes: the curve's highest and lowest turning points.
    func verticalExtremaParameters() -> [Double] {
        Self.derivativeRoots(p0.y, p1.y, p2.y, p3.y)
    }

    /// Roots in (0, 1) of the derivative of a one-dimensional cubic Bézier.
    private static func derivativeRoots(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> [Double] {
        // B'(t)/3 = (1-t)²(b-a) + 2(1-t)t(c-b) + t²(d-c) = qa t² + qb t + qc
        let qa = (b - a) - 2 * (c - b) + (d - c)
        let qb = 2 * ((c - b) - (b - a))
        let qc = b - a
        var roots: [Double] = []
        let epsilon = 1e-12
        if abs(qa) < epsilon {
            if abs(qb) > epsilon { roots.append(-qc / qb) }
        } else {
            let discriminant = qb * qb - 4 * qa * qc
            if discriminant >= 0 {
                let root = discriminant.squareRoot()
                roots.append((-qb + root) / (2 * qa))
                roots.append((-qb - root) / (2 * qa))
            }
        }
        return roots.filter { $0 > 0 && $0 < 1 && $0.isFinite }
    }

    /// Distance from `target` to the nearest point of the curve.
    func distance(to target: SignaturePoint) -> Double {
        let polygon = p0.distance(to: p1) + p1.distance(to: p2) + p2.distance(to: p3)
        let wanted = polygon.isFinite ? Int(min(polygon / Self.closestPointSpacing, 1e6)) : 0
        let samples = min(max(wanted, Self.closestPointSampleRange.lowerBound), Self.closestPointSampleRange.upperBound)
        var bestT = 0.0
        var bestDistance = Double.infinity
        for index in 0...samples {
            let t = Double(index) / Double(samples)
            let distance = point(at: t).distance(to: target)
            if distance < bestDistance {
                bestDistance = distance
                bestT = t
            }
        }
        // Narrow the bracket around the best sample; the distance is unimodal there for our curves,
        // and taking the minimum with the sample keeps the answer an upper bound either way.
        var low = max(0, bestT - 1 / Double(samples))
        var high = min(1, bestT + 1 / Double(samples))
        for _ in 0..<Self.closestPointRefinements {
            let m1 = low + (high - low) / 3
            let m2 = high - (high - low) / 3
            if point(at: m1).distance(to: target) < point(at: m2).distance(to: target) {
                high = m2
            } else {
                low = m1
            }
        }
        return min(bestDistance, point(at: (low + high) / 2).distance(to: target))
    }

    /// The curve split at `t` into two curves that together trace the same points.
    func split(at t: Double) -> (CubicBezier, CubicBezier) {
        let a = SignaturePoint.lerp(p0, p1, t)
        let b = SignaturePoint.lerp(p1, p2, t)
        let c = SignaturePoint.lerp(p2, p3, t)
        let ab = SignaturePoint.lerp(a, b, t)
        let bc = SignaturePoint.lerp(b, c, t)
        let middle = SignaturePoint.lerp(ab, bc, t)
        return (CubicBezier(p0: p0, p1: a, p2: ab, p3: middle), CubicBezier(p0: middle, p1: bc, p2: c, p3: p3))
    }
}
