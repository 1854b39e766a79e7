internal import CXlsxLoader

/// One worksheet of an open `XLSXFile`. The workbook owns the worksheet; this keeps the file
/// alive so the pointer stays valid.
final class XLSXSheet {
    private let pointer: UnsafeMutablePointer<lxw_worksheet>
    private let file: XLSXFile

    init(pointer: UnsafeMutablePointer<lxw_worksheet>, file: XLSXFile) {
        self.pointer = pointer
        self.file = file
    }

    func writeText(_ text: String, row: Int, column: Int, style: CellStyle) throws(SheetError) {
        // Always a string cell (shared string), never a formula, whatever the first character.
        let result = file.api.worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(column), text, file.format(style))
        try file.check(result, "write text at row \(row + 1), column \(column + 1)")
    }

    func writeNumber(_ number: Double, row: Int, column: Int, style: CellStyle) throws(SheetError) {
        let result = file.api.worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(column), number, file.format(style))
        try file.check(result, "write a number at row \(row + 1), column \(column + 1)")
    }

    func writeDateTime(_ value: SheetDateTime, row: Int, column: Int, style: CellStyle) throws(SheetError) {
        var date = lxw_datetime(
            year: Int32(value.year), month: Int32(value.month), day: Int32(value.day), hour: Int32(value.hour),
            min: Int32(value.minute), sec: Double(value.second))
        let result = file.api.worksheet_write_datetime(pointer, lxw_row_t(row), lxw_col_t(column), &date, file.format(style))
        try file.check(result, "write a date at row \(row + 1), column \(column + 1)")
    }

    func writeBlank(row: Int, column: Int, style: CellStyle) throws(SheetError) {
        let result = file.api.worksheet_write_blank(pointer, lxw_row_t(row), lxw_col_t(column), file.format(style))
        try file.check(result, "write a blank cell at row \(row + 1), column \(column + 1)")
    }

    func setWidth(_ width: Double, column: Int) throws(SheetError) {
        let result = file.api.worksheet_set_column(pointer, lxw_col_t(column), lxw_col_t(column), width, nil)
        try file.check(result, "set the width of column \(column + 1)")
    }

    /// Freezes the rows above `rows` so they stay on screen while scrolling.
    func freezeRows(_ rows: Int) {
        file.api.worksheet_freeze_panes(pointer, lxw_row_t(rows), 0)
    }

    func autofilter(lastRow: Int, lastColumn: Int) throws(SheetError) {
        let result = file.api.worksheet_autofilter(pointer, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn))
        try file.check(result, "set the autofilter")
    }

    /// Printing: the header row on every page, one page wide, landscape when asked.
    func setUpPrinting(landscape: Bool) throws(SheetError) {
        if landscape { file.api.worksheet_set_landscape(pointer) }
        file.api.worksheet_fit_to_pages(pointer, 1, 0)
        try file.check(file.api.worksheet_repeat_rows(pointer, 0, 0), "repeat the header row on printed pages")
    }
}
