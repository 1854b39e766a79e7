internal import CXlsxLoader
import Foundation

/// An open libxlsxwriter workbook writing to one file. It owns the `lxw_workbook`: `close()`
/// writes the file and frees it; a workbook that was never closed is freed in `deinit`.
/// Worksheets and formats belong to the workbook and live exactly as long as it does.
final class XLSXFile {
    /// libxlsxwriter's functions (`XLSXLibrary`).
    let api: docengine_xlsx_functions
    private var pointer: UnsafeMutablePointer<lxw_workbook>?
    /// Formats made so far, by what they look like: libxlsxwriter keeps each one until the end.
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]

    /// Opens a workbook that `close()` will write to `path`.
    /// - Throws: `SheetError.library` when libxlsxwriter cannot be loaded, `SheetError.file`
    ///   when it cannot start a workbook.
    init(path: String) throws(SheetError) {
        api = try XLSXLibrary.functions()
        guard let pointer = api.workbook_new(path) else { throw .file("cannot start a workbook at \(path)") }
        self.pointer = pointer
    }

    deinit {
        if let pointer { api.lxw_workbook_free(pointer) }
    }

    private var workbook: UnsafeMutablePointer<lxw_workbook> {
        guard let pointer else { preconditionFailure("the workbook was already closed") }
        return pointer
    }

    /// Sets title, author, subject and the creation time (UTC).
    func setProperties(_ properties: WorkbookProperties) throws(SheetError) {
        var result = LXW_NO_ERROR
        // libxlsxwriter copies the strings, so they only need to live through the call.
        properties.title.withCString { title in
            properties.author.withCString { author in
                properties.subject.withCString { subject in
                    var c = lxw_doc_properties()
                    c.title = UnsafeMutablePointer(mutating: title)
                    c.author = UnsafeMutablePointer(mutating: author)
                    c.subject = UnsafeMutablePointer(mutating: subject)
                    c.created = time_t(properties.created.secondsSinceEpoch)
                    result = api.workbook_set_properties(workbook, &c)
                }
            }
        }
        try check(result, "set the document properties")
    }

    /// Adds a worksheet named `name` (already valid for Excel).
    func addWorksheet(named name: String) throws(SheetError) -> XLSXSheet {
        guard let sheet = api.workbook_add_worksheet(workbook, name) else {
            throw .library(operation: "add worksheet \"\(name)\"", message: "the name is invalid or already used")
        }
        return XLSXSheet(pointer: sheet, file: self)
    }

    /// The format for `style`, made once per workbook.
    func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        if let known = formats[style] { return known }
        guard let format = api.workbook_add_format(workbook) else { return nil }
        if style.isBold { api.format_set_bold(format) }
        if let numberFormat = style.numberFormat { api.format_set_num_format(format, numberFormat) }
        if let fill = style.fill {
            api.format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            api.format_set_bg_color(format, lxw_color_t(fill))
        }
        if let color = style.textColor { api.format_set_font_color(format, lxw_color_t(color)) }
        if style.hasBottomRule { api.format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if style.hasTopRule { api.format_set_top(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        formats[style] = format
        return format
    }

    /// Writes the file and frees the workbook.
    /// - Throws: `SheetError.library` with libxlsxwriter's reason.
    func close() throws(SheetError) {
        let result = api.workbook_close(workbook)
        pointer = nil  // workbook_close frees it, whatever the result
        try check(result, "write the file")
    }

    /// Throws when libxlsxwriter reports an error.
    func check(_ result: lxw_error, _ operation: String) throws(SheetError) {
        guard result != LXW_NO_ERROR else { return }
        throw .library(operation: operation, message: api.lxw_strerror(result).map { String(cString: $0) } ?? "error \(result.rawValue)")
    }
}

/// What a cell looks like; each distinct look is one libxlsxwriter format.
struct CellStyle: Hashable {
    var numberFormat: String?
    var isBold = false
    var fill: UInt32?
    var textColor: UInt32?
    var hasBottomRule = false
    var hasTopRule = false

    static let plain = CellStyle()
}
