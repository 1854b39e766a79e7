/// Arc-length bookkeeping shared by the stages that measure "a few units along the stroke".
enum Polyline {
    /// Cumulative length from the first point to each point; `result[0] == 0`.
    static func arcLengths(_ points: [SignaturePoint]) -> [Double] {
        var lengths: [Double] = []
        lengths.reserveCapacity(points.count)
        var total = 0.0
        for index in points.indices {
            if index > 0 { total += points[index].distance(to: points[index - 1]) }
            lengths.append(total)
        }
        return lengths
    }
}
