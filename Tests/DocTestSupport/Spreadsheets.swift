public import Foundation

/// An XLSX file as openpyxl — an independent reader, not the library that wrote it — sees it
/// (`scripts/xlsx-dump.py`).
public struct SpreadsheetDump: Decodable, Sendable {
    /// One worksheet.
    public struct Sheet: Decodable, Sendable {
        public var name: String
        /// The top-left cell of the scrolling pane (`A2`: the first row is frozen), or nil.
        public var freeze: String?
        /// The autofilter's range (`A1:O74`), or nil.
        public var autofilter: String?
        /// Column widths by letter, in characters.
        public var widths: [String: Double]
        public var rows: [[Cell]]
    }

    /// One cell.
    public struct Cell: Decodable, Sendable {
        /// Text as written, a number as Python's repr (exact for decimals of up to 15 digits), a
        /// date as ISO 8601; nil for a blank cell.
        public var value: String?
        /// openpyxl's type: `s` text, `n` number (dates too, with `isDate`), `f` formula, `b` boolean.
        public var type: String
        public var isDate: Bool
        public var format: String
        public var bold: Bool

        /// Whether the cell holds a number that is not a date.
        public var isNumber: Bool { type == "n" && !isDate && value != nil }
    }

    public var sheets: [Sheet]
    public var title: String?
    public var creator: String?
    public var created: String?
}

/// The Python of the tests' own venv (`.build/test-python`, with openpyxl), made on first use by
/// `scripts/ensure-python.sh` (what `make test` runs first).
/// - Throws: `TestFailure` when the venv cannot be made.
public func testPython() throws -> URL {
    let python = repositoryFile(".build/test-python/bin/python")
    let result = try execute(repositoryFile("scripts/ensure-python.sh").path, [])
    guard result.status == 0, FileManager.default.isExecutableFile(atPath: python.path) else {
        throw TestFailure("scripts/ensure-python.sh failed: \(result.stderr)")
    }
    return python
}

/// Reads an XLSX file back with openpyxl.
/// - Throws: `TestFailure` when openpyxl cannot read it.
public func readSpreadsheet(_ file: URL) throws -> SpreadsheetDump {
    let result = try execute(try testPython().path, [repositoryFile("scripts/xlsx-dump.py").path, file.path])
    guard result.status == 0 else { throw TestFailure("openpyxl cannot read \(file.lastPathComponent): \(result.stderr)") }
    return try JSONDecoder().decode(SpreadsheetDump.self, from: Data(result.stdout.utf8))
}

/// Converts a spreadsheet with LibreOffice headless (`soffice --convert-to`), in a profile of its
/// own so that parallel tests do not share one. CSV is written as UTF-8 (filter options 44,34,76).
/// - Returns: the converted file, and what LibreOffice printed on stderr.
/// - Throws: `TestFailure` when the conversion fails or writes nothing.
public func convertWithLibreOffice(_ file: URL, to format: String) throws -> (file: URL, stderr: String) {
    let folder = try makeTemporaryDirectory()
    let profile = folder.appendingPathComponent("profile").absoluteString
    let target = format == "csv" ? "csv:Text - txt - csv (StarCalc):44,34,76,1" : format
    let result = try execute("soffice", [
        "-env:UserInstallation=\(profile)", "--headless", "--convert-to", target, "--outdir", folder.path, file.path,
    ])
    let output = folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "." + format)
    guard result.status == 0, FileManager.default.fileExists(atPath: output.path) else {
        throw TestFailure("LibreOffice could not convert \(file.lastPathComponent) to \(format): \(result.stdout) \(result.stderr)")
    }
    // Its one habitual line is about Java, which a spreadsheet does not need.
    let complaints = result.stderr.split(separator: "\n").filter { !$0.contains("javaldx") && !$0.isEmpty }
    return (output, complaints.joined(separator: "\n"))
}
