/// A grid of square cells, each filled or empty, painted in one colour: a QR code's modules.
///
/// A PDF carries the grid as a one-bit image mask, one pixel per cell, never smoothed: a few
/// hundred bytes where the same cells as rectangles are tens of kilobytes of path operators that
/// cairo formats number by number and zlib compresses (a payment QR code cost more than the rest
/// of its invoice). Viewers and printers scale the mask with hard edges, so the code stays as crisp
/// as the vector it replaces. Rasters (previews) fill the cells as rectangles instead, so a code
/// smaller than a pixel per cell is antialiased rather than decimated.
public struct CellGrid: Sendable, Hashable {
    /// Where the grid sits, in the coordinates of whatever holds it (a drawing, then a page).
    public var frame: Rect
    /// Cells across and down.
    public let columns: Int
    public let rows: Int
    /// The fill of filled cells; empty cells stay unpainted.
    public var color: Color
    /// The text the cells encode (a QR code's), so that a search of the page's text, such as the
    /// white-label guard's, reads what a phone would; nil for a grid that encodes nothing.
    public var encodedText: String?
    private let filled: [Bool]  // row-major

    /// Creates a grid of `columns` × `rows` cells filling `frame`, asking `isFilled` for each cell.
    public init(
        columns: Int, rows: Int, frame: Rect, color: Color, encodedText: String? = nil,
        isFilled: (_ row: Int, _ column: Int) -> Bool
    ) {
        precondition(columns > 0 && rows > 0, "a cell grid has at least one cell")
        self.columns = columns
        self.rows = rows
        self.frame = frame
        self.color = color
        self.encodedText = encodedText
        var filled: [Bool] = []
        filled.reserveCapacity(columns * rows)
        for row in 0..<rows {
            for column in 0..<columns { filled.append(isFilled(row, column)) }
        }
        self.filled = filled
    }

    /// Whether the cell at `row`, `column` is filled.
    public func isFilled(row: Int, column: Int) -> Bool {
        filled[row * columns + column]
    }

    /// How many cells are filled.
    public var filledCount: Int { filled.count { $0 } }

    /// The same grid with its frame scaled by `scale`, then moved by `dx`, `dy`.
    func transformed(scale: Double, dx: Double, dy: Double) -> CellGrid {
        var moved = self
        moved.frame = Rect(
            x: frame.minX * scale + dx, y: frame.minY * scale + dy,
            width: frame.size.width * scale, height: frame.size.height * scale)
        return moved
    }
}

extension CellGrid {
    /// A block of filled cells: the rows and columns it covers, upper bounds excluded.
    public struct Block: Sendable, Hashable {
        public var rows: Range<Int>
        public var columns: Range<Int>
    }

    /// The filled cells as few disjoint rectangles: each horizontal run of filled cells, grown
    /// down over the rows that repeat it exactly. Ordered by top row, then left column, so the
    /// same grid always gives the same rectangles.
    public var filledBlocks: [Block] {
        var finished: [Block] = []
        var open: [Block] = []  // runs of the previous row, still growing, left to right
        for row in 0...rows {
            let runs = row < rows ? filledRuns(row: row) : []
            var next: [Block] = []
            var openIndex = 0
            for run in runs {
                // Both lists are sorted by column; runs of a row never overlap.
                while openIndex < open.count, open[openIndex].columns.lowerBound < run.lowerBound {
                    finished.append(open[openIndex])
                    openIndex += 1
                }
                if openIndex < open.count, open[openIndex].columns == run {
                    var grown = open[openIndex]
                    grown.rows = grown.rows.lowerBound..<(row + 1)
                    next.append(grown)
                    openIndex += 1
                } else {
                    next.append(Block(rows: row..<(row + 1), columns: run))
                }
            }
            finished += open[openIndex...]
            open = next
        }
        return finished.sorted {
            ($0.rows.lowerBound, $0.columns.lowerBound) < ($1.rows.lowerBound, $1.columns.lowerBound)
        }
    }

    /// The column ranges of the filled runs in one row, left to right.
    private func filledRuns(row: Int) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var column = 0
        while column < columns {
            guard isFilled(row: row, column: column) else {
                column += 1
                continue
            }
            let start = column
            while column < columns, isFilled(row: row, column: column) { column += 1 }
            runs.append(start..<column)
        }
        return runs
    }
}
