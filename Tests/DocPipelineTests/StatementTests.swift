import DocTestSupport
import Foundation
import Templates
import Testing

/// The statements (order register, receipts, client list, reconciliation act) through the real
/// command line, checked the way their readers would: the PDF with pdftotext, the spreadsheet
/// with openpyxl and LibreOffice, figures recomputed here with Foundation's `Decimal`.
@Suite(.serialized) struct StatementTests {
    /// Renders a sample with `docengine render` to `name.pdf`, `.xlsx` or `.png`.
    static func render(_ sample: String, to format: String, environment: [String] = []) throws -> URL {
        let template = ["order-register", "order-receipts", "client-list", "reconciliation"].first { sample.hasPrefix($0 + "-") }!
        let output = try makeTemporaryDirectory().appendingPathComponent("\(sample).\(format)")
        let arguments = ["render", template, "--data", repositoryFile("SampleData/\(sample).json").path, "-o", output.path]
        let result = environment.isEmpty
            ? try execute(docengineBinary.path, arguments)
            : try execute("env", environment + [docengineBinary.path] + arguments)
        guard result.status == 0 else { throw TestFailure("render \(sample) to \(format): \(result.stderr)") }
        return output
    }

    static func decimal(_ value: JSONValue?) throws -> Decimal {
        guard let text = value?.stringValue ?? value?.jsonText, let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { throw TestFailure("not a decimal: \(value?.jsonText ?? "nothing")") }
        return number
    }

    static func decimal(_ text: String?) throws -> Decimal {
        guard let text, let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw TestFailure("not a decimal: \(text ?? "nothing")")
        }
        return number
    }

    /// Sum of `amount` per currency over the sample's orders, computed here.
    static func ordersTotals(_ json: JSONValue) throws -> [String: Decimal] {
        var totals: [String: Decimal] = [:]
        for order in json["orders"]?.arrayValue ?? [] {
            totals[order["currency"]!.stringValue!, default: 0] += try decimal(order["amount"])
        }
        return totals
    }

    // MARK: - Order register

    @Test func theRegisterSpreadsheetHoldsEveryOrderOnceWithTheSameTotalsAsThePDF() throws {
        let json = try sampleData("order-register-ru")
        let orders = try #require(json["orders"]?.arrayValue)
        #expect(orders.count >= 73)
        let book = try readSpreadsheet(try Self.render("order-register-ru", to: "xlsx"))
        let sheet = try #require(book.sheets.first)
        #expect(book.sheets.count == 1 && sheet.name == "Реестр заказов")
        #expect(sheet.freeze == "A2", "the header row is frozen")
        #expect(sheet.autofilter == "A1:O\(orders.count + 1)", "the filter covers the header and every order")
        let header = sheet.rows[0]
        #expect(header.map(\.value).prefix(3) == ["№", "Заказ", "Дата, время"] && header.allSatisfy { $0.bold })

        let data = Array(sheet.rows[1...orders.count])
        #expect(data.map { $0[1].value ?? "" }.sorted() == orders.map { $0["id"]!.stringValue! }.sorted(), "every order once")
        var sums: [String: Decimal] = [:]
        for row in data {
            #expect(row[0].isNumber && row[0].format == "0")
            #expect(row[2].isDate, "\(row[1].value ?? ""): the date is a date")
            #expect(row[11].isNumber, "\(row[1].value ?? ""): the amount is a number")
            #expect(row[11].format.hasPrefix("#,##0.00"))
            sums[row[12].value ?? "?", default: 0] += try Self.decimal(row[11].value)
        }
        let expected = try Self.ordersTotals(json)
        #expect(sums == expected, "the amounts sum per currency to the orders' totals exactly")
        // The dates are the local times the orders were recorded at, in date order.
        let byID = Dictionary(uniqueKeysWithValues: orders.map { ($0["id"]!.stringValue!, $0["date"]!.stringValue!) })
        for row in data {
            #expect(row[2].value == byID[row[1].value ?? ""].map { String($0.prefix(19)) })
        }
        // Text that looks like a formula stays a text cell, as written.
        for prefix in ["=", "-", "+", "@"] {
            let cargo = try #require(orders.compactMap { $0["cargo"]?.stringValue }.first { $0.hasPrefix(prefix) })
            let cell = try #require(data.map { $0[5] }.first { $0.value == cargo }, "cargo \(cargo) is missing")
            #expect(cell.type == "s", "\(cargo) must be a text cell")
        }

        // The totals rows: «Итого, KGS» with the same sum the PDF prints.
        let pdf = try extractedText(try Self.render("order-register-ru", to: "pdf"))
        for (currency, total) in expected {
            let row = try #require(sheet.rows.first { $0[1].value == "Итого, \(currency)" }, "no total row for \(currency)")
            #expect(row[1].bold && row[11].isNumber)
            #expect(try Self.decimal(row[11].value) == total)
            #expect(pdf.contains(writtenAmount(total, english: false)), "the PDF prints the \(currency) total \(total)")
        }
        let completed = orders.filter { $0["status"]?.stringValue == "completed" }.count
        let done = try #require(sheet.rows.first { $0[1].value == "Выполнено заказов" })
        #expect(done[0].isNumber && done[0].value == "\(completed)")
    }

    @Test func theRegisterPDFRunsOverPagesWithItsHeaderOnEachAndEveryOrderOnce() throws {
        let json = try sampleData("order-register-ru")
        let orders = try #require(json["orders"]?.arrayValue)
        let file = try Self.render("order-register-ru", to: "pdf")
        #expect(try execute("qpdf", ["--check", file.path]).status == 0)
        let pages = Int(try execute("qpdf", ["--show-npages", file.path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(pages >= 3, "73 orders take several landscape pages, not \(pages)")
        let size = try execute("pdfinfo", [file.path]).stdout
        #expect(size.contains("841.89 x 595.2"), "landscape A4: \(size)")
        var ordersOnPages = 0
        for page in 1...max(pages, 1) {
            let text = fold(try execute("pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", file.path, "-"]).stdout)
            let ids = orders.filter { text.contains($0["id"]!.stringValue!) }.count
            ordersOnPages += ids
            if ids > 0 {
                for label in ["Заказ", "Дата, время", "Маршрут", "Груз", "Исполнитель, транспорт", "Сумма", "Статус, оплата"] {
                    #expect(text.contains(label), "page \(page) lacks the header «\(label)»")
                }
            }
        }
        #expect(ordersOnPages == orders.count)
        let text = try extractedText(file)
        for order in orders {
            let id = order["id"]!.stringValue!
            #expect(text.components(separatedBy: id).count == 2, "\(id) is printed exactly once")
        }
        // Totals per currency equal the sum of the rows, and the counts.
        for (currency, total) in try Self.ordersTotals(json) {
            #expect(text.contains(writtenAmount(total, english: false)), "\(currency) total \(total)")
        }
        let cancelled = orders.filter { $0["status"]?.stringValue == "cancelled" }.count
        let failed = orders.filter { $0["status"]?.stringValue == "failed" }.count
        #expect(text.contains("Всего заказов: \(orders.count); выполнено: \(orders.count - cancelled - failed); "
            + "не выполнено: \(cancelled + failed) (отменено: \(cancelled), сорвано: \(failed))."))
        // Date order: the ids appear in the order of their moments.
        let positions = orders.sorted { try! moment($0["date"]!.stringValue!) < moment($1["date"]!.stringValue!) }
            .map { text.range(of: $0["id"]!.stringValue!)!.lowerBound }
        #expect(positions == positions.sorted(), "the orders are printed in date order")
    }

    /// Seconds since 1970 of an RFC 3339 date-time with an offset, computed with Foundation.
    func moment(_ text: String) throws -> Double {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { throw TestFailure("not a date-time: \(text)") }
        return date.timeIntervalSince1970
    }

    @Test func theSpreadsheetIsByteIdenticalAcrossRunsAndTimeZones() throws {
        let first = try Data(contentsOf: try Self.render("order-register-ru", to: "xlsx", environment: ["TZ=UTC"]))
        Thread.sleep(forTimeInterval: 1.1)
        let second = try Data(contentsOf: try Self.render("order-register-ru", to: "xlsx", environment: ["TZ=Asia/Bishkek"]))
        let third = try Data(contentsOf: try Self.render("order-register-ru", to: "xlsx", environment: ["TZ=America/New_York"]))
        #expect(first == second && second == third)
    }

    @Test(arguments: ["order-register-ru", "client-list-ru", "reconciliation-ru"])
    func libreOfficeReadsTheSpreadsheetWithoutComplaint(sample: String) throws {
        let xlsx = try Self.render(sample, to: "xlsx")
        let ods = try convertWithLibreOffice(xlsx, to: "ods")
        #expect(ods.stderr.isEmpty, "LibreOffice complained: \(ods.stderr)")
        let csv = try convertWithLibreOffice(xlsx, to: "csv")
        #expect(csv.stderr.isEmpty, "LibreOffice complained: \(csv.stderr)")
        let text = try String(contentsOf: csv.file, encoding: .utf8)
        if sample == "order-register-ru" {
            #expect(text.contains("=2+3 паллеты плитки (как записал клиент)"), "LibreOffice keeps the text, no formula")
            #expect(!text.contains(",5,"), "nothing evaluated =2+3")
            #expect(text.contains("Итого, KGS"))
        }
    }

    @Test func aTemplateWithoutATableExportRefusesXLSX() throws {
        let output = try makeTemporaryDirectory().appendingPathComponent("invoice.xlsx")
        let result = try execute(docengineBinary.path, [
            "render", "invoice", "--data", repositoryFile("SampleData/invoice-kgs.json").path, "-o", output.path,
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("template `invoice` declares no table export"))
        #expect(!FileManager.default.fileExists(atPath: output.path), "no file is left behind")
    }

    @Test func aResellersSpreadsheetThatWouldNameThePlatformIsRefused() throws {
        guard var data = try sampleData("order-register-ru").objectValue, var orders = data["orders"]?.arrayValue,
            var first = orders[0].objectValue
        else { throw TestFailure("order-register-ru has no orders") }
        first["cargo"] = .string("Запчасти, заказ через Track.com")
        orders[0] = .object(first)
        data["orders"] = .array(orders)
        let directory = try makeTemporaryDirectory()
        let input = directory.appendingPathComponent("leak.json")
        try Data(JSONValue.object(data).jsonText.utf8).write(to: input)
        let output = directory.appendingPathComponent("leak.xlsx")
        let result = try execute(docengineBinary.path, [
            "render", "order-register", "--data", input.path, "--brand", "SampleData/brands/alatoo", "-o", output.path,
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("white-label check failed") && result.stderr.contains("Track.com"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let branded = try execute(docengineBinary.path, [
            "render", "order-register", "--data", "SampleData/order-register-ru.json", "--brand", "SampleData/brands/alatoo",
            "-o", output.path,
        ])
        #expect(branded.status == 0, "\(branded.stderr)")
        let sheet = try #require(try readSpreadsheet(output).sheets.first)
        #expect(sheet.rows.count > 74, "the brand changes the look, not the rows")
    }

    // MARK: - Receipts

    @Test func receiptsShowAmountsInFiguresAndWordsAndATrackingQRWhereThereIsALink() throws {
        let json = try sampleData("order-receipts-ru")
        let orders = try #require(json["orders"]?.arrayValue)
        let file = try Self.render("order-receipts-ru", to: "pdf")
        let text = try extractedText(file)
        for order in orders {
            let id = order["id"]!.stringValue!
            #expect(text.contains("Квитанция к заказу № \(id)"), "\(id) has its receipt")
            #expect(text.contains(writtenAmount(try Self.decimal(order["amount"]), english: false)))
        }
        #expect(text.components(separatedBy: "линия отреза").count - 1 == orders.count, "a cut line above every receipt")
        let pages = Int(try execute("qpdf", ["--show-npages", file.path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(pages >= 2 && pages < orders.count, "several receipts to a page: \(orders.count) on \(pages)")
        // The words of two receipts, written here by hand.
        let amounts = Set(orders.map { $0["amount"]!.stringValue! })
        #expect(amounts.contains("0.00") && text.contains("Ноль сомов 00 тыйынов"), "the cancelled order's receipt")
        // Every link on page 1 decodes from its QR code.
        let png = try Self.render("order-receipts-ru", to: "png")
        let decoded = try execute("zbarimg", ["--quiet", "--raw", png.path]).stdout
        let page1 = fold(try execute("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", file.path, "-"]).stdout)
        let linked = orders.filter { $0["trackingUrl"] != nil && page1.contains($0["id"]!.stringValue!) }
        #expect(!linked.isEmpty)
        for order in linked { #expect(decoded.contains(order["trackingUrl"]!.stringValue!)) }
        let unlinked = orders.filter { $0["trackingUrl"] == nil && page1.contains($0["id"]!.stringValue!) }
        #expect(decoded.split(separator: "\n").count == linked.count, "no QR code for \(unlinked.count) receipts without a link")
    }

    // MARK: - Client list

    @Test func theClientListSpreadsheetHasATurnoverColumnPerCurrencyAndTheSameTotals() throws {
        let json = try sampleData("client-list-ru")
        let clients = try #require(json["clients"]?.arrayValue)
        let sheet = try #require(try readSpreadsheet(try Self.render("client-list-ru", to: "xlsx")).sheets.first)
        let titles = sheet.rows[0].map { $0.value ?? "" }
        #expect(titles.suffix(3) == ["Оборот, KGS", "Оборот, KZT", "Оборот, USD"])
        #expect(sheet.freeze == "A2" && sheet.autofilter == "A1:N\(clients.count + 1)")
        var expected: [String: Decimal] = [:]
        for (index, client) in clients.enumerated() {
            let row = sheet.rows[index + 1]
            #expect(row[1].value == client["name"]?.stringValue)
            #expect(row[7].isDate && row[7].value == client["registeredOn"]!.stringValue! + "T00:00:00")
            #expect(row[9].isNumber && row[9].value == client["completedOrders"]!.jsonText)
            for entry in client["turnover"]?.arrayValue ?? [] {
                let currency = entry["currency"]!.stringValue!
                expected[currency, default: 0] += try Self.decimal(entry["amount"])
                let cell = row[11 + ["KGS", "KZT", "USD"].firstIndex(of: currency)!]
                let amount = try Self.decimal(entry["amount"])
                #expect(try cell.isNumber && Self.decimal(cell.value) == amount)
            }
        }
        let total = try #require(sheet.rows.last)
        #expect(total[1].value == "Итого" && total[1].bold)
        #expect(total[0].value == "\(clients.count)")
        #expect(total[9].value == "\(clients.reduce(0) { $0 + ($1["completedOrders"]?.jsonText).flatMap(Int.init)! })")
        let pdf = try extractedText(try Self.render("client-list-ru", to: "pdf"))
        for (index, currency) in ["KGS", "KZT", "USD"].enumerated() {
            #expect(try Self.decimal(total[11 + index].value) == expected[currency])
            #expect(pdf.contains(writtenAmount(expected[currency]!, english: false) + " " + currency))
        }
    }

    // MARK: - Reconciliation

    /// The closing sentence of each currency, written out by hand (figures and words), for data
    /// whose balances close positive (KGS), at zero (USD) and negative (KZT).
    static let closingSentences = [
        "reconciliation-ru": [
            "По данным ОсОО «Ала-Тоо Логистик» на 31 декабря 2026 г. задолженность в пользу ОсОО «Ала-Тоо Логистик» "
                + "составляет 106 350,50 сом (Сто шесть тысяч триста пятьдесят сомов 50 тыйынов).",
            "По данным ОсОО «Ала-Тоо Логистик» на 31 декабря 2026 г. взаимная задолженность отсутствует.",
            "По данным ОсОО «Ала-Тоо Логистик» на 31 декабря 2026 г. задолженность в пользу ОсОО «Нарын Агро Экспорт» "
                + "составляет 270 750,00 тенге (Двести семьдесят тысяч семьсот пятьдесят тенге 00 тиынов).",
        ],
        "reconciliation-en": [
            "According to Ala-Too Logistic LLC, as of 31 December 2026 there is no mutual debt.",
            "According to Ala-Too Logistic LLC, as of 31 December 2026 the debt in favour of Steppe Grain Trading LLP "
                + "amounts to 270,750.00 KZT (Two hundred seventy thousand seven hundred fifty tenge 00 tiyn).",
        ],
        "reconciliation-ky": [
            "«Ала-Тоо Логистик» ЖЧК маалыматы боюнча 2026-жылдын 31-декабрына карата «Ала-Тоо Логистик» ЖЧК пайдасына карыз "
                + "106 350,50 сом (Бир жүз алты миң үч жүз элүү сом 50 тыйын) түзөт.",
            "«Ала-Тоо Логистик» ЖЧК маалыматы боюнча 2026-жылдын 31-декабрына карата өз ара карыз жок.",
        ],
    ]

    @Test(arguments: ["reconciliation-ru", "reconciliation-ky", "reconciliation-en"])
    func theClosingBalanceIsOpeningPlusDebitsMinusCreditsInFiguresAndWords(sample: String) throws {
        let json = try sampleData(sample)
        let english = json["locale"]?.stringValue == "en"
        // pdftotext drops a hyphen that ends a line («31-» / «декабрына»), so hyphens are not compared.
        let text = try extractedText(try Self.render(sample, to: "pdf")).replacingOccurrences(of: "-", with: "")
        let settlements = try #require(json["settlements"]?.arrayValue)
        var signs: [Int] = []
        for account in settlements {
            var debit = Decimal.zero
            var credit = Decimal.zero
            for entry in account["entries"]?.arrayValue ?? [] {
                if entry["type"]?.stringValue == "invoice" { debit += try Self.decimal(entry["amount"]) }
                else { credit += try Self.decimal(entry["amount"]) }
            }
            let opening = try Self.decimal(account["openingBalance"])
            let closing = opening + debit - credit
            signs.append(closing > 0 ? 1 : closing < 0 ? -1 : 0)
            // The turnover row prints both sums; a non-zero closing balance is printed as it is owed.
            #expect(text.contains(writtenAmount(debit, english: english)) && text.contains(writtenAmount(credit, english: english)),
                    "\(sample) \(account["currency"]?.stringValue ?? ""): turnover")
            if closing != 0 {
                #expect(text.contains(writtenAmount(closing < 0 ? -closing : closing, english: english)))
            }
        }
        if sample == "reconciliation-ru" { #expect(signs == [1, 0, -1], "the sample covers positive, zero and negative") }
        for sentence in try #require(Self.closingSentences[sample]) {
            #expect(text.contains(sentence.replacingOccurrences(of: "-", with: "")), "\(sample): «\(sentence)» missing")
        }
    }

    @Test func theReconciliationSpreadsheetHasASheetPerCurrencyClosingAsThePDF() throws {
        let book = try readSpreadsheet(try Self.render("reconciliation-ru", to: "xlsx"))
        #expect(book.sheets.map(\.name) == ["Сверка KGS", "Сверка USD", "Сверка KZT"])
        let kgs = book.sheets[0]
        #expect(kgs.rows[1][1].value == "Сальдо начальное" && kgs.rows[1][2].value == "45000")
        let closing = try #require(kgs.rows.last)
        #expect(closing[1].value == "Сальдо конечное" && closing[1].bold && closing[2].value == "106350.5")
        let kzt = try #require(book.sheets[2].rows.last)
        #expect(kzt[2].value == nil && kzt[3].value == "270750", "a negative balance is a credit")
        for sheet in book.sheets {
            for row in sheet.rows.dropFirst() where row[0].value != nil { #expect(row[0].isDate) }
        }
    }

    // MARK: - Goldens

    /// One page of each new document, in all three languages between them; `RECORD_SNAPSHOTS=1`
    /// rewrites the references and fails, so that someone looks.
    @Test(arguments: ["order-register-ru", "order-receipts-ky", "client-list-en", "reconciliation-ru"])
    func firstPageMatchesTheReference(sample: String) throws {
        let template = ["order-register", "order-receipts", "client-list", "reconciliation"].first { sample.hasPrefix($0 + "-") }!
        let png = try makeTemporaryDirectory().appendingPathComponent("\(sample).png")
        let result = try execute(docengineBinary.path, [
            "render", template, "--data", repositoryFile("SampleData/\(sample).json").path, "-o", png.path, "--dpi", "40",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        try assertGoldenPNG(try Data(contentsOf: png), named: sample, in: repositoryFile("Tests/DocPipelineTests/Goldens"))
    }
}
