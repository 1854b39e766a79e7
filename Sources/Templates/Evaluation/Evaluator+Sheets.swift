import Foundation
import Sheets

/// The table export: `{% sheet %}` with `sheetcolumn`, `sheetrow` and `sheetcell`. A PDF render
/// skips it; a workbook render (`CompiledTemplate.renderWorkbook`) turns it into a `Worksheet`
/// with typed cells, from the same variables the PDF prints, so both show the same figures.
extension Evaluator {
    /// Excel number formats (locale-neutral codes; the reader's locale decides separators).
    static let integerFormat = "0"
    static let dateFormat = "dd.mm.yyyy"
    static let dateTimeFormat = "dd.mm.yyyy hh:mm"

    func runSheetElement(_ element: Node.Element, into builder: FlowBuilder) throws(EvaluationFailure) {
        // A PDF render lays out nothing of the export and evaluates none of it.
        guard sheets != nil else { return }
        switch element.name {
        case "sheet": try runSheet(element)
        case "sheetcolumn": try appendSheetColumn(element, into: builder)
        case "sheetrow": try appendSheetRow(element, into: builder)
        default: try appendSheetCell(element, into: builder)
        }
    }

    private func runSheet(_ element: Node.Element) throws(EvaluationFailure) {
        let attributes = try ElementAttributes(element, evaluator: self)
        let inner = FlowBuilder(.sheet)
        openSheet = inner
        defer { openSheet = nil }
        try runScoped(element.children ?? [], into: inner)
        guard !inner.sheetColumns.isEmpty else {
            throw EvaluationFailure(message: "a sheet needs at least one `{% sheetcolumn %}`", span: element.tagSpan)
        }
        sheets?.append(Worksheet(
            name: try attributes.string("name") ?? "", columns: inner.sheetColumns.map { SheetColumn(title: $0.title, width: $0.width) },
            rows: inner.sheetRows, headerFill: try attributes.color("headerBackground").map(Self.rgb),
            headerTextColor: try attributes.color("headerColor").map(Self.rgb), isLandscape: try attributes.bool("landscape") ?? false))
    }

    private func appendSheetColumn(_ element: Node.Element, into builder: FlowBuilder) throws(EvaluationFailure) {
        guard builder.sheetRows.isEmpty else {
            throw EvaluationFailure(message: "declare every `sheetcolumn` before the first `sheetrow`", span: element.tagSpan)
        }
        let attributes = try ElementAttributes(element, evaluator: self)
        let currency = try attribute("currency", of: element).map { value, span throws(EvaluationFailure) in try self.currency(value, span: span) }
        builder.sheetColumns.append(SheetColumnSpec(
            title: try attributes.string("title") ?? "", type: try cellType(attributes, element) ?? .text,
            currency: currency, digits: try attributes.integer("digits"), width: try attributes.decimalAsDouble("width"),
            key: try attributes.string("key")))
    }

    private func appendSheetRow(_ element: Node.Element, into builder: FlowBuilder) throws(EvaluationFailure) {
        let attributes = try ElementAttributes(element, evaluator: self)
        let inner = FlowBuilder(.sheetRow)
        try runScoped(element.children ?? [], into: inner)
        builder.sheetRows.append(SheetRow(inner.sheetCells, role: try attributes.bool("total") == true ? .total : .data))
    }

    private func appendSheetCell(_ element: Node.Element, into builder: FlowBuilder) throws(EvaluationFailure) {
        let columns = openSheet?.sheetColumns ?? []
        let attributes = try ElementAttributes(element, evaluator: self)
        if let key = try attributes.string("column") {
            // Jump right to a named column, leaving the cells between blank.
            guard let target = columns.firstIndex(where: { $0.key == key }) else {
                let keys = columns.compactMap(\.key)
                throw EvaluationFailure(message: "no sheetcolumn has key \"\(key)\"", span: element.tagSpan,
                                        hints: keys.isEmpty ? ["give the column `key=\"\(key)\"`"] : ["keys: " + keys.joined(separator: ", ")])
            }
            guard target >= builder.sheetCells.count else {
                throw EvaluationFailure(message: "column \"\(key)\" is left of cells this row already has", span: element.tagSpan)
            }
            builder.sheetCells += Array(repeating: .empty, count: target - builder.sheetCells.count)
        }
        let index = builder.sheetCells.count
        guard index < columns.count else {
            throw EvaluationFailure(
                message: "this row has more cells than the sheet has columns (\(columns.count))", span: element.tagSpan,
                hints: ["add a `{% sheetcolumn %}` or remove the cell"])
        }
        let column = columns[index]
        let type = try cellType(attributes, element) ?? column.type
        let currency = try attribute("currency", of: element).map { value, span throws(EvaluationFailure) in try self.currency(value, span: span) }
        let digits = try attributes.integer("digits") ?? column.digits
        guard let (value, span) = try attribute("value", of: element, keepingMissing: true) else {
            builder.sheetCells.append(.empty)
            return
        }
        builder.sheetCells.append(try sheetCell(value, span: span, type: type, currency: currency ?? column.currency, digits: digits))
    }

    /// A typed cell from a template value; null is a blank cell, an absent field an error.
    private func sheetCell(_ value: Value, span: SourceSpan, type: SheetCellType, currency: Currency?, digits: Int?)
        throws(EvaluationFailure) -> SheetCell
    {
        if case .null = value.resolved() { return .empty }
        switch type {
        case .text:
            return SheetCell(.text(try display(value, span: span)))
        case .integer:
            let number = ExactDecimal(try integer(value, span: span))
            return SheetCell(.number(try double(number, span: span)), numberFormat: Self.integerFormat,
                             displayText: NumberFormatting.formatNumber(number, fractionDigits: 0, language: language))
        case .number:
            var number = try self.number(value, span: span)
            if let digits { number = number.rounded(toScale: min(max(digits, 0), ExactDecimal.maximumScale)) }
            let format = digits.map { $0 > 0 ? "#,##0." + String(repeating: "0", count: $0) : "#,##0" }
            return SheetCell(.number(try double(number, span: span)), numberFormat: format,
                             displayText: NumberFormatting.formatNumber(number, fractionDigits: digits, language: language))
        case .money:
            let amount = try self.number(value, span: span).rounded(toScale: Currency.KGS.minorUnitDigits)
            let label = currency?.shortLabel(in: language)
            let suffix = label.map { " \"" + $0.replacingOccurrences(of: "\"", with: "") + "\"" } ?? ""
            let text = NumberFormatting.formatMoney(amount, language: language) + (label.map { " " + $0 } ?? "")
            return SheetCell(.number(try double(amount, span: span)), numberFormat: "#,##0.00" + suffix, displayText: text)
        case .date:
            let day = try date(value, span: span)
            return SheetCell(.dateTime(SheetDateTime(year: day.year, month: day.month, day: day.day)),
                             numberFormat: Self.dateFormat, displayText: day.numericText)
        case .datetime:
            let text = try string(value, span: span)
            if text.count == 10 { return try sheetCell(value, span: span, type: .date, currency: nil, digits: nil) }
            let moment: LocalDateTime
            do { moment = try LocalDateTime(text) } catch {
                let place = value.path.map { "\($0): " } ?? ""
                throw EvaluationFailure(message: "\(place)expected a date-time like 2026-11-19T18:42:00+06:00, found \"\(text)\"", span: span)
            }
            let stamp = SheetDateTime(year: moment.date.year, month: moment.date.month, day: moment.date.day,
                                      hour: moment.hour, minute: moment.minute, second: moment.second)
            return SheetCell(.dateTime(stamp), numberFormat: Self.dateTimeFormat,
                             displayText: moment.date.numericText + " " + String(zeroPadded: moment.hour, width: 2) + ":"
                                 + String(zeroPadded: moment.minute, width: 2))
        }
    }

    /// An exact decimal as the binary number a spreadsheet stores. Its shortest text round-trips,
    /// so a cell holding 1234.56 reads back as 1234.56.
    private func double(_ number: ExactDecimal, span: SourceSpan) throws(EvaluationFailure) -> Double {
        guard let value = Double(number.description), value.isFinite else {
            throw EvaluationFailure(message: "the number \(number) cannot be stored in a spreadsheet", span: span)
        }
        return value
    }

    private func cellType(_ attributes: ElementAttributes, _ element: Node.Element) throws(EvaluationFailure) -> SheetCellType? {
        guard let name = try attributes.string("type") else { return nil }
        guard let type = SheetCellType(rawValue: name) else {
            throw EvaluationFailure(message: "unknown cell type \"\(name)\"", span: element.tagSpan,
                                    hints: ["use one of: text, integer, number, money, date, datetime"])
        }
        return type
    }

    /// An attribute's evaluated value and span; nil when not written or null (absent data too,
    /// unless `keepingMissing`: a cell of an absent field is an error, not a silent blank).
    private func attribute(_ name: String, of element: Node.Element, keepingMissing: Bool = false) throws(EvaluationFailure)
        -> (Value, SourceSpan)?
    {
        guard let attribute = element.attributes.first(where: { $0.name == name }) else { return nil }
        let value = try evaluate(attribute.value)
        switch value.resolved() {
        case .null: return nil
        case .missing(let path):
            guard keepingMissing else { return nil }
            throw EvaluationFailure(message: "\(path): missing", span: attribute.value.span,
                                    hints: ["the data has no such field; use `| default(null)` for a blank cell"])
        default: return (value, attribute.value.span)
        }
    }

    /// A colour as 0xRRGGBB.
    static func rgb(_ color: Color) -> UInt32 {
        func channel(_ value: Double) -> UInt32 { UInt32((min(max(value, 0), 1) * 255).rounded()) }
        return channel(color.red) << 16 | channel(color.green) << 8 | channel(color.blue)
    }
}

import DocEngine

extension CalendarDate {
    /// `22.11.2026`, as every language prints a numeric date.
    fileprivate var numericText: String {
        String(zeroPadded: day, width: 2) + "." + String(zeroPadded: month, width: 2) + "." + String(year)
    }
}
