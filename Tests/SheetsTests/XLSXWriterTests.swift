import DocTestSupport
import Foundation
import Testing

@testable import Sheets

/// The XLSX writer on its own, read back with openpyxl: typed cells, the sheet's shape, text
/// that looks like a formula, deterministic bytes, and the errors it reports.
@Suite struct XLSXWriterTests {
    static let formulaLike = ["=SUM(A1:A9)", "+996 555 12 34 56", "-18 °C рыба", "@Металлопрокат"]

    static func sampleWorkbook() -> Workbook {
        var rows = formulaLike.enumerated().map { index, text in
            SheetRow([
                SheetCell(.number(Double(index + 1)), numberFormat: "0", displayText: "\(index + 1)"),
                SheetCell(.text(text)),
                SheetCell(.number(1234.56), numberFormat: #"#,##0.00 "сом""#, displayText: "1 234,56 сом"),
                SheetCell(.dateTime(SheetDateTime(year: 2026, month: 11, day: 3, hour: 9, minute: 15))),
                SheetCell(.dateTime(SheetDateTime(year: 2026, month: 12, day: 31))),
            ])
        }
        rows.append(SheetRow([.empty, SheetCell(.text("Итого")), SheetCell(.number(4938.24), numberFormat: "#,##0.00")], role: .total))
        return Workbook(
            sheets: [Worksheet(
                name: "Реестр: заказы/2026", columns: ["№", "Груз", "Сумма", "Дата и время", "Дата"].map { SheetColumn(title: $0) },
                rows: rows, headerFill: 0x1B7F5A, headerTextColor: 0xFFFFFF)],
            properties: WorkbookProperties(
                title: "Реестр", author: "ОсОО «Ала-Тоо Логистик»", created: SheetDateTime(year: 2026, month: 12, day: 31)))
    }

    func written(_ workbook: Workbook) throws -> URL {
        let file = try makeTemporaryDirectory().appendingPathComponent("book.xlsx")
        try XLSXWriter.data(of: workbook).write(to: file)
        return file
    }

    @Test func cellsReadBackWithTheirTypes() throws {
        let dump = try readSpreadsheet(try written(Self.sampleWorkbook()))
        let sheet = try #require(dump.sheets.first)
        #expect(sheet.name == "Реестр_ заказы_2026", "`:` and `/` are not allowed in a sheet name")
        #expect(sheet.rows[0].map(\.value) == ["№", "Груз", "Сумма", "Дата и время", "Дата"])
        #expect(sheet.rows[0].allSatisfy { $0.bold }, "the header row is bold")
        for (index, text) in Self.formulaLike.enumerated() {
            let row = sheet.rows[index + 1]
            #expect(row[0].isNumber && row[0].value == "\(index + 1)")
            #expect(row[1].type == "s" && row[1].value == text, "\(text) must stay text, never a formula")
            #expect(row[2].isNumber && row[2].value == "1234.56" && row[2].format == #"#,##0.00 "сом""#)
            #expect(row[3].isDate && row[3].value == "2026-11-03T09:15:00" && row[3].format == "dd.mm.yyyy hh:mm")
            #expect(row[4].isDate && row[4].value == "2026-12-31T00:00:00" && row[4].format == "dd.mm.yyyy")
            #expect(!row[1].bold)
        }
        #expect(sheet.rows[5].allSatisfy { $0.value == nil }, "a blank row sets the totals apart")
        let total = sheet.rows[6]
        #expect(total[1].value == "Итого" && total[1].bold && total[2].value == "4938.24" && total[2].bold)
        #expect(dump.title == "Реестр" && dump.creator == "ОсОО «Ала-Тоо Логистик»")
        #expect(dump.created?.hasPrefix("2026-12-31T00:00:00") == true, "the creation time is the data's, not the clock's")
    }

    @Test func headerIsFrozenFilteredAndColumnsFitTheirContent() throws {
        let sheet = try #require(try readSpreadsheet(try written(Self.sampleWorkbook())).sheets.first)
        #expect(sheet.freeze == "A2")
        #expect(sheet.autofilter == "A1:E5", "the filter covers the header and the data rows, not the totals")
        let widths = sheet.widths
        #expect((widths["B"] ?? 0) >= Double("+996 555 12 34 56".count), "text columns are as wide as their longest text")
        #expect((widths["C"] ?? 0) >= Double("1 234,56 сом".count))
        #expect((widths["A"] ?? 99) < 8, "a narrow column stays narrow")
    }

    @Test func theSameWorkbookGivesTheSameBytesAtAnotherTime() throws {
        let first = try XLSXWriter.data(of: Self.sampleWorkbook())
        Thread.sleep(forTimeInterval: 1.1)  // past a second, which a ZIP or core.xml timestamp would show
        let second = try XLSXWriter.data(of: Self.sampleWorkbook())
        #expect(first == second)
        #expect(first.starts(with: Array("PK".utf8)))
    }

    @Test func sheetNamesAreMadeValidAndUnique() {
        var names = SheetNames()
        #expect(names.claim("Сверка KGS") == "Сверка KGS")
        #expect(names.claim("сверка kgs") == "сверка kgs (2)", "names are unique regardless of case")
        #expect(names.claim("[a]*b?") == "_a__b_")
        #expect(names.claim("'quoted'") == "quoted")
        #expect(names.claim("") == "Sheet")
        #expect(names.claim(String(repeating: "я", count: 40)).count == SheetNames.maximumLength)
    }

    @Test func whatXLSXCannotHoldIsAnErrorNamingTheCell() throws {
        #expect(throws: SheetError.noSheets) { try XLSXWriter.data(of: Workbook()) }
        let long = String(repeating: "x", count: 32_768)
        let tooLong = Workbook(sheets: [Worksheet(name: "S", columns: [SheetColumn(title: "A")], rows: [SheetRow([SheetCell(.text(long))])])])
        #expect(throws: SheetError.invalidValue(sheet: "S", row: 2, column: 1, reason: "text of 32768 characters, more than 32767")) {
            try XLSXWriter.data(of: tooLong)
        }
        let early = Workbook(sheets: [Worksheet(
            name: "S", columns: [SheetColumn(title: "A")],
            rows: [SheetRow([SheetCell(.dateTime(SheetDateTime(year: 1899, month: 12, day: 31)))])])])
        #expect(throws: SheetError.invalidValue(sheet: "S", row: 2, column: 1, reason: "year 1899 is outside Excel's 1900–9999")) {
            try XLSXWriter.data(of: early)
        }
        let infinite = Workbook(sheets: [Worksheet(name: "S", columns: [SheetColumn(title: "A")], rows: [SheetRow([SheetCell(.number(.infinity))])])])
        #expect(throws: SheetError.invalidValue(sheet: "S", row: 2, column: 1, reason: "the number is not finite")) {
            try XLSXWriter.data(of: infinite)
        }
    }

    @Test func creationTimeIsReadAsUTC() {
        #expect(SheetDateTime(year: 1970, month: 1, day: 1).secondsSinceEpoch == 0)
        #expect(SheetDateTime(year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59).secondsSinceEpoch == 1_798_761_599)
        #expect(SheetDateTime(year: 2000, month: 3, day: 1).secondsSinceEpoch == 951_868_800)
    }
}
