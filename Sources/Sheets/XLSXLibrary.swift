internal import CXlsxLoader

/// libxlsxwriter's functions, loaded on the first spreadsheet (see `xlsx_loader.h` for why it
/// is not linked).
enum XLSXLibrary {
    /// The function table.
    /// - Throws: `SheetError.library` when libxlsxwriter cannot be loaded or lacks a function.
    static func functions() throws(SheetError) -> docengine_xlsx_functions {
        var reason = [CChar](repeating: 0, count: 256)
        guard let table = docengine_xlsx_load(&reason, reason.count) else {
            let message = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw .library(operation: "load libxlsxwriter", message: message)
        }
        return table.pointee
    }
}
