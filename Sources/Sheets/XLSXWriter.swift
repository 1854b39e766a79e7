public import Foundation

/// Writes a `Workbook` as an XLSX file through libxlsxwriter.
///
/// Every worksheet gets the same shape: a bold header row of the column titles, frozen, with an
/// autofilter over it and the data rows; columns as wide as their content; totals rows in bold
/// after a blank row; printed with the header repeated on every page and one page wide.
/// Text cells are always string cells, so text that starts with `=`, `+`, `-` or `@` is never a
/// formula. The same workbook gives the same bytes: the creation time comes from
/// `WorkbookProperties.created` and libxlsxwriter dates every ZIP entry 1980-01-01.
public enum XLSXWriter {
    /// The media type of an XLSX file.
    public static let mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The most rows a worksheet holds (Excel's limit), header included.
    public static let maximumRows = 1_048_576
    /// The most columns a worksheet holds (Excel's limit).
    public static let maximumColumns = 16_384

    /// The workbook as XLSX bytes.
    /// - Parameter workbook: what to write.
    /// - Returns: the file's bytes.
    /// - Throws: `SheetError` naming the sheet, row and column of a value the format cannot hold,
    ///   or libxlsxwriter's own message.
    public static func data(of workbook: Workbook) throws(SheetError) -> Data {
        guard !workbook.sheets.isEmpty else { throw .noSheets }
        // libxlsxwriter writes to a path (1.1.4 has no memory output); the file is private to
        // this call and removed before returning.
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("docengine-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try XLSXFile(path: path)
        try file.setProperties(workbook.properties)
        var names = SheetNames()
        for sheet in workbook.sheets {
            try SheetPainter(sheet: sheet, file: file, name: names.claim(sheet.name)).paint()
        }
        try file.close()
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw .file("cannot read back the written workbook at \(path)")
        }
        return bytes
    }
}
