/// A table: rows of cells on a grid of column tracks.
public struct Table: Sendable {
    public var columns: [TrackWidth]
    /// Rows repeated at the top of every page the table runs onto.
    public var headerRows: [TableRow]
    public var rows: [TableRow]
    public var border: Border?
    /// Inner padding of every cell unless the cell overrides it.
    public var cellPadding: EdgeInsets

    /// Creates a table.
    public init(
        columns: [TrackWidth], headerRows: [TableRow] = [], rows: [TableRow], border: Border? = Border(),
        cellPadding: EdgeInsets = EdgeInsets(top: 2.5, right: 3, bottom: 2.5, left: 3)
    ) {
        self.columns = columns
        self.headerRows = headerRows
        self.rows = rows
        self.border = border
        self.cellPadding = cellPadding
    }
}

/// A stroke around table cells.
public struct Border: Sendable, Hashable {
    public var width: Double
    public var color: Color
    /// Creates a border.
    public init(width: Double = 0.5, color: Color = .black) {
        self.width = width
        self.color = color
    }
}

/// One table row.
public struct TableRow: Sendable {
    public var cells: [TableCell]
    public var background: Color?
    /// Keeps this row on the same page as the next block (the last row before the totals).
    public var keepWithNext: Bool
    /// Creates a row.
    public init(_ cells: [TableCell], background: Color? = nil, keepWithNext: Bool = false) {
        self.cells = cells
        self.background = background
        self.keepWithNext = keepWithNext
    }
}

/// One table cell.
public struct TableCell: Sendable {
    public var blocks: [Block]
    public var columnSpan: Int
    public var rowSpan: Int
    public var background: Color?
    public var verticalAlignment: VerticalAlignment
    /// Overrides the table's padding.
    public var padding: EdgeInsets?
    /// Overrides the table's border for this cell; `Border(width: 0)` draws none.
    public var border: Border?

    /// Creates a cell.
    public init(
        _ blocks: [Block], columnSpan: Int = 1, rowSpan: Int = 1, background: Color? = nil,
        verticalAlignment: VerticalAlignment = .top, padding: EdgeInsets? = nil, border: Border? = nil
    ) {
        self.blocks = blocks
        self.columnSpan = columnSpan
        self.rowSpan = rowSpan
        self.background = background
        self.verticalAlignment = verticalAlignment
        self.padding = padding
        self.border = border
    }
}
