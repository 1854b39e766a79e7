/// The segments of one stroke (lines of one width and colour, square caps), each stretch of line
/// drawn once.
///
/// A table outlines every cell, so neighbouring cells share edges and a row's top edge is as many
/// segments as the row has cells. Those were a third of a one-page invoice's PDF operators and two
/// thirds of its numbers, each written, wrapped and compressed by cairo. Here, horizontal segments
/// on one line (and vertical ones on one column) that overlap or meet end to end become one
/// segment, and repeated segments are dropped.
///
/// The stroke covers exactly the same area: with square caps, segments meeting end to end cover
/// what one segment from the first start to the last end covers, and one stroke paints its area
/// once however often its path passes over a point.
enum StrokeSegments {
    struct Segment: Equatable, Sendable {
        var from: Point
        var to: Point
    }

    /// `segments` with collinear horizontal and vertical ones joined where they overlap or touch:
    /// horizontal lines from top to bottom, then vertical ones from left to right, each from its
    /// smaller end; any other segment (slanted, or a single point) is kept as given, in order.
    static func merged(_ segments: [Segment]) -> [Segment] {
        // (line, start, end): y and x extent for horizontals, x and y extent for verticals.
        var horizontal: [(line: Double, start: Double, end: Double)] = []
        var vertical: [(line: Double, start: Double, end: Double)] = []
        var other: [Segment] = []
        for segment in segments {
            let (a, b) = (segment.from, segment.to)
            if a.y == b.y, a.x != b.x {
                horizontal.append((a.y, min(a.x, b.x), max(a.x, b.x)))
            } else if a.x == b.x, a.y != b.y {
                vertical.append((a.x, min(a.y, b.y), max(a.y, b.y)))
            } else if !other.contains(segment) {
                other.append(segment)
            }
        }
        var result: [Segment] = []
        result.reserveCapacity(horizontal.count + vertical.count + other.count)
        for (line, start, end) in joined(horizontal) {
            result.append(Segment(from: Point(x: start, y: line), to: Point(x: end, y: line)))
        }
        for (line, start, end) in joined(vertical) {
            result.append(Segment(from: Point(x: line, y: start), to: Point(x: line, y: end)))
        }
        return result + other
    }

    /// Intervals on the same line joined where they overlap or touch, sorted by line then start.
    private static func joined(_ intervals: [(line: Double, start: Double, end: Double)]) -> [(line: Double, start: Double, end: Double)] {
        let sorted = intervals.sorted { ($0.line, $0.start, $0.end) < ($1.line, $1.start, $1.end) }
        var result: [(line: Double, start: Double, end: Double)] = []
        result.reserveCapacity(sorted.count)
        for interval in sorted {
            if let last = result.last, last.line == interval.line, interval.start <= last.end {
                result[result.count - 1].end = max(last.end, interval.end)
            } else {
                result.append(interval)
            }
        }
        return result
    }
}
