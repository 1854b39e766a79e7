import DocEngine
package import Sheets

extension WhiteLabelGuard {
    /// Throws when a reseller's spreadsheet shows a platform mark: in its properties, a sheet
    /// name, a column title or any text cell (the same guarantee as for PDFs, docs/documents.md §0.9).
    package func check(_ workbook: Workbook) throws(Violation) {
        var findings: [LaidOutDocument.TextOccurrence] = []
        func scan(_ text: String, place: String) {
            for mark in marks where Self.contains(text, mark) {
                findings.append(.init(place: place, mark: mark, context: String(text.prefix(120))))
            }
        }
        let properties = workbook.properties
        for text in [properties.title, properties.author, properties.subject] { scan(text, place: "properties") }
        for sheet in workbook.sheets {
            scan(sheet.name, place: "sheet name")
            for column in sheet.columns { scan(column.title, place: "sheet \(sheet.name) header") }
            for (index, row) in sheet.rows.enumerated() {
                for cell in row.cells {
                    if case .text(let text) = cell.value { scan(text, place: "sheet \(sheet.name) row \(index + 2)") }
                }
            }
        }
        if !findings.isEmpty { throw Violation(findings: findings) }
    }
}
