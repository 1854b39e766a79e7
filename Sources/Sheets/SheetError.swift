/// Why a workbook could not be written, with a message a person can act on.
public enum SheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libxlsxwriter refused an operation; `message` is its own description.
    case library(operation: String, message: String)
    /// A value the XLSX format cannot hold (a text over 32 767 characters, a date before 1900, …).
    case invalidValue(sheet: String, row: Int, column: Int, reason: String)
    /// More rows or columns than a worksheet can have.
    case tooLarge(sheet: String, reason: String)
    /// The workbook has no worksheet.
    case noSheets
    /// The temporary file could not be created or read back.
    case file(String)

    /// One line saying what went wrong and where.
    public var description: String {
        switch self {
        case .library(let operation, let message): "xlsx: \(operation): \(message)"
        case .invalidValue(let sheet, let row, let column, let reason):
            "xlsx: sheet \"\(sheet)\", row \(row), column \(column): \(reason)"
        case .tooLarge(let sheet, let reason): "xlsx: sheet \"\(sheet)\": \(reason)"
        case .noSheets: "xlsx: the workbook has no worksheet"
        case .file(let message): "xlsx: \(message)"
        }
    }
}
