import Dispatch
import Foundation
import Synchronization

/// Lays out a table: column widths, cell content, row heights with row spans,
/// backgrounds and borders. Each row (or group of rows joined by a row span) is one slab;
/// the header rows form one slab that the paginator repeats on every page.
struct TableLayout {
    let blocks: BlockLayout
    /// Tables with at least this many cells lay them out on two threads (see `cellContents`).
    var cellsForTwoThreads = Self.longTable

    /// A cell placed on the grid.
    private struct PlacedCell {
        var cell: TableCell
        var row: Int
        var column: Int
    }

    func slabs(for table: Table, width: Double) throws(StageFailure<LayoutError>) -> [Slab] {
        let columnCount = table.columns.count
        guard columnCount > 0 else { throw .failed(.tableShape("a table needs at least one column")) }
        let allRows = table.headerRows + table.rows
        let placed = try failing { () throws(LayoutError) in try place(allRows, columnCount: columnCount) }

        // Only single-column cells inform auto widths; spanning cells adapt to the result.
        var contents = [[[Block]]](repeating: [], count: columnCount)
        for item in placed where item.cell.columnSpan == 1 { contents[item.column].append(item.cell.blocks) }
        let widths = try failing { () throws(LayoutError) in
            try TrackSizer(blocks: blocks).widths(table.columns, available: width, contents: contents)
        }
        var offsets = [0.0]
        for w in widths { offsets.append(offsets.last! + w) }

        // Lay out every cell's content.
        let cellSlabs = try cellContents(placed, offsets: offsets, defaultPadding: table.cellPadding)
        var laid: [(PlacedCell, Slab, EdgeInsets)] = []
        laid.reserveCapacity(placed.count)
        var rowHeights = [Double](repeating: 0, count: allRows.count)
        for (item, content) in zip(placed, cellSlabs) {
            let padding = item.cell.padding ?? table.cellPadding
            laid.append((item, content, padding))
            if item.cell.rowSpan == 1 {
                rowHeights[item.row] = max(rowHeights[item.row], content.height + padding.top + padding.bottom)
            }
        }
        // A row-spanning cell taller than its rows stretches the last of them.
        for (item, content, padding) in laid where item.cell.rowSpan > 1 {
            let rows = item.row..<(item.row + item.cell.rowSpan)
            let available = rows.reduce(0) { $0 + rowHeights[$1] }
            let needed = content.height + padding.top + padding.bottom
            if needed > available { rowHeights[rows.upperBound - 1] += needed - available }
        }

        // Group rows joined by row spans: such a group cannot be split across pages.
        var groupEnd = Array(allRows.indices)
        for (item, _, _) in laid where item.cell.rowSpan > 1 {
            groupEnd[item.row] = max(groupEnd[item.row], item.row + item.cell.rowSpan - 1)
        }
        // Cells by the row they start in, so building a row touches only its own cells.
        var cellsByRow = [[Int]](repeating: [], count: allRows.count)
        for (index, entry) in laid.enumerated() { cellsByRow[entry.0.row].append(index) }
        var rowTops = [0.0]
        for h in rowHeights { rowTops.append(rowTops.last! + h) }

        func slab(rows: Range<Int>) -> Slab {
            let top = rowTops[rows.lowerBound]
            var backgrounds: [FrameItem] = []
            var content: [FrameItem] = []
            var borders: [FrameItem] = []
            for row in rows {
                if let background = allRows[row].background {
                    // As wide as the table's columns, which may be narrower than the space offered.
                    let tableWidth = offsets.last ?? width
                    backgrounds.append(.fill(Rect(x: 0, y: rowTops[row] - top, width: tableWidth, height: rowHeights[row]), background))
                }
            }
            for index in rows.flatMap({ cellsByRow[$0] }) {
                let (item, cellContent, padding) = laid[index]
                let x = offsets[item.column]
                let y = rowTops[item.row] - top
                let w = offsets[item.column + item.cell.columnSpan] - x
                let h = rowTops[item.row + item.cell.rowSpan] - rowTops[item.row]
                let rect = Rect(x: x, y: y, width: w, height: h)
                if let background = item.cell.background { backgrounds.append(.fill(rect, background)) }
                let free = h - padding.top - padding.bottom - cellContent.height
                let dy: Double = switch item.cell.verticalAlignment {
                case .top: 0
                case .middle: free / 2
                case .bottom: free
                }
                content += cellContent.items.map { $0.offsetBy(dx: x + padding.left, dy: y + padding.top + dy) }
                // Each cell belongs to one row slab: its unplaced items are not needed again, and
                // letting them go keeps a long table from being held twice.
                laid[index].1.items = []
                if let border = item.cell.border ?? table.border, border.width > 0 {
                    borders += Self.outline(rect, border)
                }
            }
            var result = Slab(height: rowTops[rows.upperBound] - top, items: backgrounds + content + borders)
            result.keepWithNext = allRows[rows.upperBound - 1].keepWithNext
            return result
        }

        var result: [Slab] = []
        let headerCount = table.headerRows.count
        var header: TableHeader?
        if headerCount > 0 {
            let end = groupEnd[0..<headerCount].max()! + 1
            var headerSlab = slab(rows: 0..<end)
            headerSlab.label = "table header"
            let shared = TableHeader(slab: headerSlab)
            headerSlab.table = shared
            headerSlab.isTableHeader = true
            headerSlab.keepWithNext = true  // a header alone at a page bottom is useless
            result.append(headerSlab)
            header = shared
        }
        // A row span reaching out of the header pulls those rows into the header.
        var row = headerCount > 0 ? max(headerCount, groupEnd[0..<headerCount].max()! + 1) : 0
        while row < allRows.count {
            var end = groupEnd[row]
            var scan = row
            while scan <= end {
                end = max(end, groupEnd[scan])
                scan += 1
            }
            var bodySlab = slab(rows: row..<(end + 1))
            bodySlab.table = header
            bodySlab.label = "table row \(row - headerCount + 1)"
            result.append(bodySlab)
            row = end + 1
        }
        return result
    }

    /// How many cells make a table long enough to lay out on two threads: a 66-row invoice's items.
    /// One-page documents stay on their own thread, so a service rendering one per core is not
    /// asked for more threads than cores.
    static let longTable = 400

    /// Each cell's content laid out at its column's width, in the order of `placed`.
    ///
    /// Cells do not depend on one another, and in a long table they are most of the layout (a
    /// 400-item invoice's 2 400 cells: three quarters of it). So a table of
    /// `cellsForTwoThreads` cells or more is laid out in two halves at once, on the calling thread
    /// and one other: the paragraph and shape caches they share are locked, faces are read-only
    /// once made. Each half fills its own slots; the slabs are the same whichever thread made
    /// them, so the document is too. When both halves fail, the first half's error is the one
    /// thrown, as laying the cells out in order would.
    private func cellContents(
        _ placed: [PlacedCell], offsets: [Double], defaultPadding: EdgeInsets
    ) throws(StageFailure<LayoutError>) -> [Slab] {
        let blocks = self.blocks
        @Sendable func layOut(_ range: Range<Int>) -> Result<[Slab], StageFailure<LayoutError>> {
            Result { () throws(StageFailure<LayoutError>) -> [Slab] in
                var slabs: [Slab] = []
                slabs.reserveCapacity(range.count)
                for item in placed[range] {
                    let padding = item.cell.padding ?? defaultPadding
                    let cellWidth = offsets[item.column + item.cell.columnSpan] - offsets[item.column]
                    slabs.append(try blocks.stack(item.cell.blocks, width: max(1, cellWidth - padding.left - padding.right)))
                }
                return slabs
            }
        }
        guard placed.count >= cellsForTwoThreads, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            return try layOut(placed.indices).get()
        }
        let middle = placed.count / 2
        let halves = Mutex<[Result<[Slab], StageFailure<LayoutError>>?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let result = layOut(half == 0 ? 0..<middle : middle..<placed.count)
            halves.withLock { $0[half] = result }
        }
        let (first, second) = halves.withLock { ($0[0]!, $0[1]!) }
        return try first.get() + second.get()
    }

    /// Assigns each cell its grid position, skipping slots covered by row spans from above.
    private func place(_ rows: [TableRow], columnCount: Int) throws(LayoutError) -> [PlacedCell] {
        var covered = [Int](repeating: 0, count: columnCount)  // rows still covered per column
        var result: [PlacedCell] = []
        for (rowIndex, row) in rows.enumerated() {
            var column = 0
            for cell in row.cells {
                while column < columnCount, covered[column] > 0 { column += 1 }
                let span = max(1, cell.columnSpan)
                guard column + span <= columnCount else {
                    throw .tableShape("table row \(rowIndex + 1) has more cells than the table's \(columnCount) columns")
                }
                var fixed = cell
                fixed.columnSpan = span
                fixed.rowSpan = max(1, min(cell.rowSpan, rows.count - rowIndex))
                result.append(PlacedCell(cell: fixed, row: rowIndex, column: column))
                for c in column..<(column + span) { covered[c] = fixed.rowSpan }
                column += span
            }
            for c in 0..<columnCount where covered[c] > 0 { covered[c] -= 1 }
        }
        return result
    }

    private static func outline(_ rect: Rect, _ border: Border) -> [FrameItem] {
        let corners = [
            Point(x: rect.minX, y: rect.minY), Point(x: rect.maxX, y: rect.minY),
            Point(x: rect.maxX, y: rect.maxY), Point(x: rect.minX, y: rect.maxY),
        ]
        return (0..<4).map { i in
            .line(from: corners[i], to: corners[(i + 1) % 4], width: border.width, color: border.color)
        }
    }
}
