/// Takes the sensor jitter out of a run of points (a stretch between corners), moving no point far.
///
/// Each point becomes a weighted average of its neighbours within `radius` units of arc length
/// (a triangular kernel), and the move is then capped at `maxShift`. The cap is what keeps the
/// fidelity promise: together with the fitting tolerance it bounds how far the centreline can
/// drift from what the finger drew. The window shrinks towards the run's ends, so the ends stay put.
enum Smoothing {
    /// Half-width of the averaging window in canvas units; about five times the typical jitter.
    static let radius = 1.5
    /// Largest move of a point in canvas units; a little above the jitter of ±0.3 units.
    static let maxShift = 0.35
    /// Cap on neighbours per side, so slow drawing (many samples per unit) stays O(n·k).
    static let maxNeighboursPerSide = 24

    /// Smoothed copies of `points[range]`; the first and last point of the range are unchanged.
    static func smooth(_ points: [SignaturePoint], arc: [Double], range: ClosedRange<Int>) -> [SignaturePoint] {
        var result = Array(points[range])
        guard range.count >= 3 else { return result }
        for index in (range.lowerBound + 1)..<range.upperBound {
            let window = min(radius, arc[index] - arc[range.lowerBound], arc[range.upperBound] - arc[index])
            guard window > 0 else { continue }
            var sum = points[index]
            var weightSum = 1.0
            var neighbour = index - 1
            while neighbour >= range.lowerBound, index - neighbour <= maxNeighboursPerSide {
                let distance = arc[index] - arc[neighbour]
                if distance >= window { break }
                let weight = 1 - distance / window
                sum = sum + points[neighbour] * weight
                weightSum += weight
                neighbour -= 1
            }
            neighbour = index + 1
            while neighbour <= range.upperBound, neighbour - index <= maxNeighboursPerSide {
                let distance = arc[neighbour] - arc[index]
                if distance >= window { break }
                let weight = 1 - distance / window
                sum = sum + points[neighbour] * weight
                weightSum += weight
                neighbour += 1
            }
            let shift = sum * (1 / weightSum) - points[index]
            let shiftLength = shift.length
            let capped = shiftLength > maxShift ? shift * (maxShift / shiftLength) : shift
            result[index - range.lowerBound] = points[index] + capped
        }
        return result
    }
}
