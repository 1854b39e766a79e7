/// One worksheet: a table with one header row of column titles, data rows, and totals rows.
///
/// The writer gives every worksheet the same shape, so registers and lists look alike: the header
/// row bold and frozen, an autofilter over the header and the data rows, columns as wide as their
/// content, and the totals rows bold after a blank row.
public struct Worksheet: Sendable, Equatable {
    /// The tab name. The writer makes it valid for Excel (at most 31 characters, none of `[]:*?/\`,
    /// unique in the workbook).
    public var name: String
    /// The columns, left to right; their titles form the header row.
    public var columns: [SheetColumn]
    /// The rows under the header, top to bottom.
    public var rows: [SheetRow]
    /// The header row's fill, as 0xRRGGBB; nil leaves it unfilled.
    public var headerFill: UInt32?
    /// The header row's text colour, as 0xRRGGBB; nil is black.
    public var headerTextColor: UInt32?
    /// Print in landscape (wide registers).
    public var isLandscape: Bool

    /// Creates a worksheet.
    /// - Parameters:
    ///   - name: the tab name.
    ///   - columns: the columns, left to right.
    ///   - rows: the rows under the header.
    ///   - headerFill: the header row's fill (0xRRGGBB).
    ///   - headerTextColor: the header row's text colour (0xRRGGBB).
    ///   - isLandscape: whether it prints in landscape.
    public init(
        name: String, columns: [SheetColumn], rows: [SheetRow] = [], headerFill: UInt32? = nil,
        headerTextColor: UInt32? = nil, isLandscape: Bool = false
    ) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.headerFill = headerFill
        self.headerTextColor = headerTextColor
        self.isLandscape = isLandscape
    }

    /// The data rows: the rows before the first totals row (what the autofilter covers).
    public var dataRows: ArraySlice<SheetRow> { rows.prefix { $0.role == .data } }
}

/// A column: its title in the header row and, optionally, a fixed width.
public struct SheetColumn: Sendable, Equatable {
    /// The title in the header row.
    public var title: String
    /// The width in characters; nil fits the column to its content.
    public var width: Double?

    /// Creates a column.
    /// - Parameters:
    ///   - title: the header text.
    ///   - width: a fixed width in characters, or nil to fit the content.
    public init(title: String, width: Double? = nil) {
        self.title = title
        self.width = width
    }
}

/// A row under the header.
public struct SheetRow: Sendable, Equatable {
    /// What a row is, which decides how it looks.
    public enum Role: Sendable, Equatable {
        /// An ordinary row of the table.
        case data
        /// A totals row: bold, after a blank row, outside the autofilter.
        case total
    }

    /// The cells, left to right; missing cells at the end are blank.
    public var cells: [SheetCell]
    /// What the row is.
    public var role: Role

    /// Creates a row.
    /// - Parameters:
    ///   - cells: the cells, left to right.
    ///   - role: data or totals.
    public init(_ cells: [SheetCell], role: Role = .data) {
        self.cells = cells
        self.role = role
    }
}
