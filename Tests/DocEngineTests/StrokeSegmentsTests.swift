@testable import DocEngine
import DocTestSupport
import Testing

/// A stroke's segments joined and deduplicated (`StrokeSegments`): fewer segments, the same area.
@Suite struct StrokeSegmentsTests {
    typealias Segment = StrokeSegments.Segment

    static func segment(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Segment {
        Segment(from: Point(x: x1, y: y1), to: Point(x: x2, y: y2))
    }

    /// The four edges of each cell of a grid, as a table draws them.
    static func cellOutlines(columns: [Double], rows: [Double]) -> [Segment] {
        var result: [Segment] = []
        for r in 0..<(rows.count - 1) {
            for c in 0..<(columns.count - 1) {
                let (x0, x1, y0, y1) = (columns[c], columns[c + 1], rows[r], rows[r + 1])
                result += [segment(x0, y0, x1, y0), segment(x1, y0, x1, y1), segment(x1, y1, x0, y1), segment(x0, y1, x0, y0)]
            }
        }
        return result
    }

    @Test func aGridOfCellsBecomesOneLinePerRowAndColumn() {
        let columns = [51.023, 73.023, 353.262, 391.262, 561.262]
        let rows = [34.016, 59.074, 75.07, 100.129]
        let merged = StrokeSegments.merged(Self.cellOutlines(columns: columns, rows: rows))
        let horizontal = rows.map { Self.segment(columns.first!, $0, columns.last!, $0) }
        let vertical = columns.map { Self.segment($0, rows.first!, $0, rows.last!) }
        #expect(merged == horizontal + vertical)
    }

    @Test func keepsGapsAndSlantsAndDropsRepeats() {
        let merged = StrokeSegments.merged([
            Self.segment(10, 5, 0, 5),  // reversed
            Self.segment(20, 5, 30, 5),  // a gap of 10 after the first
            Self.segment(0, 5, 10, 5),  // the first again
            Self.segment(25, 5, 40, 5),  // overlaps the second
            Self.segment(0, 0, 10, 10),  // slanted
            Self.segment(3, 3, 3, 3),  // a point
            Self.segment(0, 0, 10, 10),  // slanted, again
        ])
        #expect(
            merged == [
                Self.segment(0, 5, 10, 5), Self.segment(20, 5, 40, 5), Self.segment(0, 0, 10, 10), Self.segment(3, 3, 3, 3),
            ])
    }

    /// On random horizontal and vertical segments of a small grid, every point the segments cover
    /// is covered by the merged ones, and no other point.
    @Test func coversExactlyWhatTheSegmentsCover() {
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<200 {
            var segments: [Segment] = []
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                let line = Double(Int.random(in: 0...3, using: &generator))
                let (a, b) = (Double(Int.random(in: 0...8, using: &generator)), Double(Int.random(in: 0...8, using: &generator)))
                segments.append(Bool.random(using: &generator) ? Self.segment(a, line, b, line) : Self.segment(line, a, line, b))
            }
            let merged = StrokeSegments.merged(segments)
            #expect(merged.count <= segments.count)
            for x in stride(from: -1.0, through: 9, by: 0.5) {
                for y in stride(from: -1.0, through: 9, by: 0.5) {
                    let point = Point(x: x, y: y)
                    #expect(Self.covers(segments, point) == Self.covers(merged, point), "\(segments) at \(point)")
                }
            }
        }
    }

    static func covers(_ segments: [Segment], _ p: Point) -> Bool {
        segments.contains { s in
            let (minX, maxX) = (min(s.from.x, s.to.x), max(s.from.x, s.to.x))
            let (minY, maxY) = (min(s.from.y, s.to.y), max(s.from.y, s.to.y))
            return (minX...maxX).contains(p.x) && (minY...maxY).contains(p.y)
        }
    }
}
