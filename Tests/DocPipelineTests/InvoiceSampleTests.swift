import DocTestSupport
import DocEngine
import Foundation
import Templates
import Testing

/// The acceptance checks of the invoice: every sample rendered by the real command line and
/// inspected with the same tools a reviewer uses (qpdf, pdffonts, pdftotext, pdfinfo).
@Suite(.serialized) struct InvoiceSampleTests {
    static let samples = ["invoice-kgs", "invoice-usd", "invoice-400"]

    struct Sample {
        let json: JSONValue
        let pdf: URL
    }

    func render(_ name: String) throws -> Sample {
        let directory = try makeTemporaryDirectory()
        let pdf = directory.appendingPathComponent("\(name).pdf")
        let data = repositoryRoot.appendingPathComponent("SampleData/\(name).json")
        let result = try execute(docengineBinary.path, ["render", "invoice", "--data", data.path, "-o", pdf.path])
        #expect(result.status == 0, "render failed: \(result.stderr)")
        let json = try JSONParser.parse(try Data(contentsOf: data))
        return Sample(json: json, pdf: pdf)
    }

    @Test(arguments: samples)
    func passesQPDFCheck(name: String) throws {
        let sample = try render(name)
        let check = try execute("qpdf", ["--check", sample.pdf.path])
        #expect(check.status == 0, "qpdf --check: \(check.stdout) \(check.stderr)")
    }

    @Test(arguments: samples)
    func embedsOnlyBundledSubsetFonts(name: String) throws {
        let sample = try render(name)
        let lines = try execute("pdffonts", [sample.pdf.path]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!lines.isEmpty)
        let bundled = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Fonts").path)
            .filter { $0.hasSuffix(".ttf") }.map { $0.replacingOccurrences(of: ".ttf", with: "") }
        for line in lines {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let name = columns[0]
            #expect(name.count > 7 && name.dropFirst(6).hasPrefix("+"), "not a subset: \(line)")
            #expect(bundled.contains(String(name.dropFirst(7))), "font not from Fonts/: \(name)")
            #expect(columns.suffix(5).first == "yes", "not embedded: \(line)")
        }
    }

    @Test(arguments: samples)
    func containsTitlePartiesItemsTotalsAndWords(name: String) throws {
        let sample = try render(name)
        let text = try extractedText(sample.pdf)
        let json = sample.json
        let number = json["document"]!["number"]!.stringValue!
        #expect(text.contains("Счет на оплату № \(number) от "))
        #expect(text.contains(fold(json["issuer"]!["name"]!.stringValue!)))
        #expect(text.contains(fold(json["recipient"]!["name"]!.stringValue!)))
        for item in json["items"]!.arrayValue! {
            #expect(text.contains(fold(item["name"]!.stringValue!)), "missing item \(item["name"]!.stringValue!)")
        }
        let (total, vat) = try expectedTotals(json)
        // Totals as Russian documents write them, 1 234 567,89, written out by the test itself.
        let totalText = writtenAmount(total, english: false)
        #expect(text.contains("Всего к оплате: \(totalText)"))
        #expect(text.contains("Итого: ") && text.contains(writtenAmount(vat, english: false)))
        let words = try #require(AllSamplesTests.totalsInWords[name], "\(name): no total in words written down")
        #expect(text.contains(words))
        #expect(text.contains("Всего наименований \(json["items"]!.arrayValue!.count), на сумму \(totalText)"))
    }

    @Test func kgsInvoiceSaysItsAmountInWordsExactly() throws {
        let text = try extractedText(try render("invoice-kgs").pdf)
        #expect(text.contains("Всего к оплате: 211 525,50"))
        #expect(text.contains("В том числе НДС (12%): 22 663,45"))
        #expect(text.contains("Двести одиннадцать тысяч пятьсот двадцать пять сомов 50 тыйынов"))
    }

    @Test func usdInvoiceHasNoVAT() throws {
        let text = try extractedText(try render("invoice-usd").pdf)
        #expect(text.contains("Без налога (НДС)"))
        #expect(text.contains("Три тысячи восемьдесят четыре доллара США 00 центов"))
    }

    @Test(arguments: samples)
    func renderingTwiceGivesIdenticalBytes(name: String) throws {
        let first = try Data(contentsOf: try render(name).pdf)
        let second = try Data(contentsOf: try render(name).pdf)
        #expect(first == second)
    }

    @Test func metadataComesFromTheData() throws {
        let sample = try render("invoice-kgs")
        let info = try execute("pdfinfo", [sample.pdf.path]).stdout
        #expect(info.contains("Счет на оплату № СЧ-2026-000128 от 22.11.2026"))
        #expect(info.contains("ОсОО «Ала-Тоо Логистик»"))
        #expect(info.contains("2026"))
        #expect(!info.contains(String(Calendar.current.component(.year, from: Date()) + 1)))
    }

    @Test func fourHundredItemsSpanPagesWithHeadersAndOneTotalsBlock() throws {
        let sample = try render("invoice-400")
        let pages = Int(try execute("qpdf", ["--show-npages", sample.pdf.path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(pages > 5)
        var seenRequests: [Int: Int] = [:]
        var totalsPages: [Int] = []
        for page in 1...pages {
            let raw = try execute("pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", sample.pdf.path, "-"]).stdout
            let text = fold(raw.replacingOccurrences(of: "-\n", with: "-"))
            #expect(text.contains("Товары (работы, услуги)"), "page \(page) lacks the table header")
            for match in text.matches(of: /заявка № (\d+)/) { seenRequests[Int(match.1)!, default: 0] += 1 }
            if text.contains("Всего к оплате:") { totalsPages.append(page) }
            if text.contains("Всего к оплате:") {
                #expect(text.contains("Руководитель") && text.contains("Бухгалтер") && text.contains("сомов"))
                #expect(text.contains("заявка № 1400"), "totals separated from the last item")
            }
        }
        #expect(totalsPages == [pages])
        #expect(seenRequests.count == 400)
        #expect(seenRequests.values.allSatisfy { $0 == 1 })
    }
}

/// House rule 3: a 10 000-row invoice gets a correct document, not a crash or a hang.
@Suite struct LargeInvoiceTests {
    @Test func tenThousandRowsRenderCompletely() throws {
        let base = try JSONSerialization.jsonObject(
            with: Data(contentsOf: repositoryRoot.appendingPathComponent("SampleData/invoice-400.json"))) as! [String: Any]
        var object = base
        let items = base["items"] as! [[String: Any]]
        object["items"] = (0..<10_000).map { index -> [String: Any] in
            var item = items[index % items.count]
            item["name"] = "Рейс #\(index + 1)"
            return item
        }
        let directory = try makeTemporaryDirectory()
        let input = directory.appendingPathComponent("big.json")
        try JSONSerialization.data(withJSONObject: object).write(to: input)
        let pdf = directory.appendingPathComponent("big.pdf")
        let result = try execute(docengineBinary.path, ["render", "invoice", "--data", input.path, "-o", pdf.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try execute("qpdf", ["--check", pdf.path]).status == 0)
        let text = try execute("pdftotext", ["-enc", "UTF-8", pdf.path, "-"]).stdout
        let numbers = Set(text.matches(of: /Рейс #(\d+)/).map { Int($0.1)! })
        #expect(numbers.count == 10_000 && numbers.min() == 1 && numbers.max() == 10_000)
        #expect(text.matches(of: /Всего к оплате:/).count == 1)
    }
}
