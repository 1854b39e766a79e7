import Foundation

/// Finds the corners of a stroke: places where the direction turns sharply over a short distance.
///
/// The turn at a point is the angle between the chord arriving from `probeLength` units back and
/// the chord leaving to `probeLength` units ahead, so sensor jitter (a fraction of a unit) barely moves it.
/// A small round loop of radius r turns by about `probeLength / r` radians; with the default 100°
/// threshold loops down to a radius of ~1.7 units stay smooth, while cusps (~180°) become corners.
enum CornerDetection {
    /// Chord length over which the turn is measured, in canvas units.
    static let probeLength = 3.0
    /// Near the stroke's ends a shorter chord is accepted, down to this fraction of `probeLength`.
    static let shortestProbeFraction = 0.5

    /// Indices of corner points, strictly inside the stroke and in increasing order.
    /// - Parameters:
    ///   - points: The stroke's cleaned points.
    ///   - threshold: The turning angle in radians above which a point is a corner candidate.
    static func corners(in points: [SignaturePoint], threshold: Double) -> [Int] {
        let angles = turningAngles(points)
        var corners: [Int] = []
        var index = 0
        // Each run of consecutive candidates is one corner, at its sharpest point (first one on ties).
        while index < angles.count {
            guard angles[index] >= threshold else {
                index += 1
                continue
            }
            var best = index
            while index < angles.count, angles[index] >= threshold {
                if angles[index] > angles[best] { best = index }
                index += 1
            }
            if best > 0, best < points.count - 1 { corners.append(best) }
        }
        return corners
    }

    /// The turning angle at every point (0 where a chord is too short to judge), in O(n) with two cursors.
    static func turningAngles(_ points: [SignaturePoint]) -> [Double] {
        let count = points.count
        guard count >= 3 else { return Array(repeating: 0, count: count) }
        let arc = Polyline.arcLengths(points)
        let shortest = probeLength * shortestProbeFraction
        var angles = Array(repeating: 0.0, count: count)
        var back = 0
        var ahead = 1
        for index in 1..<(count - 1) {
            while back + 1 < index, arc[index] - arc[back + 1] >= probeLength { back += 1 }
            ahead = max(ahead, index + 1)
            while ahead < count - 1, arc[ahead] - arc[index] < probeLength { ahead += 1 }
            guard arc[index] - arc[back] >= shortest, arc[ahead] - arc[index] >= shortest else { continue }
            let arriving = points[index] - points[back]
            let leaving = points[ahead] - points[index]
            angles[index] = SignaturePoint.angle(between: arriving, and: leaving)
        }
        return angles
    }
}
