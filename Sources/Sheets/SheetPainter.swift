/// Writes one `Worksheet` into an open file: header, rows, widths, freeze, filter, printing.
struct SheetPainter {
    let sheet: Worksheet
    let file: XLSXFile
    /// The name it is written under (valid and unique).
    let name: String

    /// Characters of padding beside the widest content of a column.
    static let widthPadding = 2.0
    /// Fitted widths stay within this many characters: a long address wraps in no one's way.
    static let widthRange = 4.0...70.0
    /// Bold header text is about this much wider than body text.
    static let boldWidthFactor = 1.1
    /// Number formats used when a date cell brings none.
    static let defaultDateFormat = "dd.mm.yyyy"
    static let defaultDateTimeFormat = "dd.mm.yyyy hh:mm"

    func paint() throws(SheetError) {
        let columnCount = max(sheet.columns.count, sheet.rows.map(\.cells.count).max() ?? 0)
        guard columnCount <= XLSXWriter.maximumColumns else {
            throw .tooLarge(sheet: name, reason: "\(columnCount) columns, more than \(XLSXWriter.maximumColumns)")
        }
        let target = try file.addWorksheet(named: name)
        let header = CellStyle(isBold: true, fill: sheet.headerFill, textColor: sheet.headerTextColor, hasBottomRule: true)
        for (column, definition) in sheet.columns.enumerated() {
            try target.writeText(try Self.checkedText(definition.title, sheet: name, row: 0, column: column),
                                 row: 0, column: column, style: header)
        }
        var row = 1
        var previous: SheetRow.Role = .data
        for entry in sheet.rows {
            // Totals stand apart from the table they sum.
            if entry.role == .total, previous == .data, row > 1 { row += 1 }
            guard row < XLSXWriter.maximumRows else {
                throw .tooLarge(sheet: name, reason: "more than \(XLSXWriter.maximumRows) rows")
            }
            for (column, cell) in entry.cells.enumerated() {
                try write(cell, to: target, row: row, column: column, isTotal: entry.role == .total)
            }
            previous = entry.role
            row += 1
        }
        for (column, width) in widths(columnCount: columnCount).enumerated() {
            try target.setWidth(width, column: column)
        }
        target.freezeRows(1)
        if columnCount > 0 {
            try target.autofilter(lastRow: sheet.dataRows.count, lastColumn: columnCount - 1)
        }
        try target.setUpPrinting(landscape: sheet.isLandscape)
    }

    private func write(_ cell: SheetCell, to target: XLSXSheet, row: Int, column: Int, isTotal: Bool) throws(SheetError) {
        var style = CellStyle(numberFormat: cell.numberFormat, isBold: isTotal)
        switch cell.value {
        case .empty:
            if style != .plain { try target.writeBlank(row: row, column: column, style: style) }
        case .text(let text):
            try target.writeText(try Self.checkedText(text, sheet: name, row: row, column: column),
                                 row: row, column: column, style: style)
        case .number(let number):
            guard number.isFinite else {
                throw .invalidValue(sheet: name, row: row + 1, column: column + 1, reason: "the number is not finite")
            }
            try target.writeNumber(number, row: row, column: column, style: style)
        case .dateTime(let value):
            guard (1900...9999).contains(value.year) else {
                throw .invalidValue(sheet: name, row: row + 1, column: column + 1,
                                    reason: "year \(value.year) is outside Excel's 1900–9999")
            }
            if style.numberFormat == nil {
                let hasTime = value.hour != 0 || value.minute != 0 || value.second != 0
                style.numberFormat = hasTime ? Self.defaultDateTimeFormat : Self.defaultDateFormat
            }
            try target.writeDateTime(value, row: row, column: column, style: style)
        }
    }

    /// Each column's width: the fixed one, else the widest content plus padding, within `widthRange`.
    func widths(columnCount: Int) -> [Double] {
        (0..<columnCount).map { column in
            let definition = column < sheet.columns.count ? sheet.columns[column] : nil
            if let fixed = definition?.width { return fixed }
            var widest = Self.displayWidth(definition?.title ?? "") * Self.boldWidthFactor
            for row in sheet.rows where column < row.cells.count {
                let factor = row.role == .total ? Self.boldWidthFactor : 1
                widest = max(widest, Self.displayWidth(row.cells[column].displayText) * factor)
            }
            return min(max(widest + Self.widthPadding, Self.widthRange.lowerBound), Self.widthRange.upperBound)
        }
    }

    /// Characters as a spreadsheet measures them: East Asian wide characters count twice.
    static func displayWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let isWide = (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFF60).contains(value)
            return width + (isWide ? 2 : 1)
        }
    }

    /// The longest text a cell holds (Excel's limit, in characters).
    static let maximumTextLength = 32_767

    /// Text the format can hold: not too long and without NUL, which a C string cannot carry.
    static func checkedText(_ text: String, sheet: String, row: Int, column: Int) throws(SheetError) -> String {
        if text.unicodeScalars.count > maximumTextLength {
            throw .invalidValue(sheet: sheet, row: row + 1, column: column + 1,
                                reason: "text of \(text.unicodeScalars.count) characters, more than \(maximumTextLength)")
        }
        if text.unicodeScalars.contains("\u{0}") {
            throw .invalidValue(sheet: sheet, row: row + 1, column: column + 1, reason: "the text contains a NUL character")
        }
        return text
    }
}
