import DocTestSupport
import Foundation
import Templates
import Testing

/// Every document × language in SampleData, rendered by `docengine samples` as `make run` does,
/// then checked the way a reviewer would: structure, text, determinism, translation.
@Suite(.serialized) struct AllSamplesTests {
    /// Renders all samples once per test run into a fresh folder.
    static let rendered: Result<URL, any Error> = Result {
        let output = try makeTemporaryDirectory()
        let result = try execute(docengineBinary.path, ["samples", "--samples", "SampleData", "--output", output.path])
        guard result.status == 0 else { throw SampleFailure(message: result.stderr) }
        return output
    }

    struct SampleFailure: Error { let message: String }

    /// Every sample; a missing or empty SampleData/ fails here instead of running no case.
    static let sampleNames = DocTestSupport.sampleNames()

    /// The samples whose data has items, and so totals.
    static let samplesWithItems = sampleNames.filter { name in
        (try? sampleData(name))?["items"]?.arrayValue?.isEmpty == false
    }

    func pdf(_ name: String) throws -> URL {
        try Self.rendered.get().appendingPathComponent("\(name).pdf")
    }

    @Test(arguments: sampleNames)
    func passesQPDFAndCarriesItsTitle(name: String) throws {
        let file = try pdf(name)
        #expect(try execute("qpdf", ["--check", file.path]).status == 0)
        let info = try execute("pdfinfo", [file.path]).stdout
        let title = info.split(separator: "\n").first { $0.hasPrefix("Title:") }.map {
            String($0.dropFirst("Title:".count)).trimmingCharacters(in: .whitespaces)
        }
        #expect(title?.isEmpty == false, "no title in \(name)")
        let text = try extractedText(file)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent("SampleData/\(name).json"))) as? [String: Any]
        if let document = json?["document"] as? [String: Any], let number = document["number"] as? String {
            #expect(text.contains(number), "\(name): the document number is missing")
        }
        for role in ["issuer", "recipient"] {
            if let party = json?[role] as? [String: Any], let partyName = party["name"] as? String {
                #expect(text.contains(fold(partyName)), "\(name): \(role) name missing")
            }
        }
    }

    @Test func renderingTwiceGivesIdenticalBytes() throws {
        let first = try Self.rendered.get()
        let second = try makeTemporaryDirectory()
        let result = try execute(docengineBinary.path, ["samples", "--samples", "SampleData", "--output", second.path])
        #expect(result.status == 0)
        for name in Self.sampleNames {
            let a = try Data(contentsOf: first.appendingPathComponent("\(name).pdf"))
            let b = try Data(contentsOf: second.appendingPathComponent("\(name).pdf"))
            #expect(a == b, "\(name) differs between two renders")
        }
    }

    /// A Kyrgyz or English document must not print a Russian label: every Russian label whose
    /// translation differs may not appear in the text (whole words, longer than 3 letters).
    @Test(arguments: sampleNames.filter { $0.hasSuffix("-ky") || $0.hasSuffix("-en") })
    func hasNoUntranslatedRussianLabels(name: String) throws {
        let language = String(name.suffix(2))
        let russian = try labelStrings("ru")
        let translated = try labelStrings(language)
        let text = " " + (try extractedText(try pdf(name))) + " "
        for (key, value) in russian {
            let phrase = fold(value.replacingOccurrences(of: #"\{\d\}"#, with: " ", options: .regularExpression))
            guard phrase.count > 3, let other = translated[key], !fold(other).contains(phrase) else { continue }
            let words = phrase.split(separator: " ").filter { $0.count > 3 }
            guard words.count >= 1, phrase.split(separator: " ").count == words.count || words.count >= 2 else { continue }
            #expect(!text.contains(" \(phrase) ") && !text.contains(" \(phrase):"), "\(name): Russian label `\(key)` = «\(phrase)»")
        }
    }

    /// Flattens locales/LANG/*.json into "file.key.sub" → string.
    func labelStrings(_ language: String) throws -> [String: String] {
        let folder = repositoryRoot.appendingPathComponent("Sources/Templates/BuiltIn/locales/\(language)")
        var result: [String: String] = [:]
        func walk(_ value: Any, _ prefix: String) {
            if let string = value as? String { result[prefix] = string }
            if let object = value as? [String: Any] { for (key, child) in object { walk(child, prefix + "." + key) } }
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
            walk(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file))), String(file.dropLast(5)))
        }
        return result
    }

    @Test(arguments: sampleNames.filter { $0.hasPrefix("order-package-") })
    func orderPackageHasAnOutlineEntryAtEachPart(name: String) throws {
        let file = try pdf(name)
        let pages = Int(try execute("qpdf", ["--show-npages", file.path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
        let json = try execute("qpdf", ["--json", "--json-key=outlines", file.path]).stdout
        let outlines = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["outlines"] as? [[String: Any]] ?? []
        let package = try JSONSerialization.jsonObject(
            with: Data(contentsOf: repositoryRoot.appendingPathComponent("SampleData/\(name).json"))) as! [String: Any]
        let parts = package["parts"] as! [[String: Any]]
        #expect(outlines.count == parts.count)
        // Each part rendered alone: the package's pages are theirs, in order, and each outline
        // entry points at the first page of its part.
        var firstPage = 1
        let scratch = try makeTemporaryDirectory()
        for (outline, part) in zip(outlines, parts) {
            let page = outline["destpageposfrom1"] as? Int ?? 0
            #expect(page == firstPage, "outline \(outline["title"] ?? "") points at page \(page), expected \(firstPage)")
            let input = scratch.appendingPathComponent("part.json")
            try JSONSerialization.data(withJSONObject: part["data"]!).write(to: input)
            let alone = scratch.appendingPathComponent("part.pdf")
            let rendered = try execute(docengineBinary.path, ["render", part["template"] as! String, "--data", input.path, "-o", alone.path])
            #expect(rendered.status == 0, "\(rendered.stderr)")
            firstPage += Int(try execute("qpdf", ["--show-npages", alone.path]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            // The entry's page begins with that part's title.
            let raw = try execute("pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", file.path, "-"]).stdout
            let number = ((part["data"] as? [String: Any])?["document"] as? [String: Any])?["number"] as? String ?? "?"
            #expect(fold(raw).contains(number), "page \(page) is not the start of part \(part["template"] ?? "")")
        }
        #expect(firstPage - 1 == pages, "the parts have \(firstPage - 1) pages, the package \(pages)")
    }
}

extension AllSamplesTests {
    /// Documents with items print their total in figures, recomputed here from the sample and
    /// written out here, and in words, as a person wrote them down below; neither comes from the
    /// engine's own formatters.
    @Test(arguments: samplesWithItems)
    func printTheirTotalsExactly(name: String) throws {
        let json = try sampleData(name)
        let english = json["locale"]?.stringValue == "en"
        let (total, _) = try expectedTotals(json)
        let text = try extractedText(try pdf(name))
        let figures = writtenAmount(total, english: english)
        #expect(text.contains(figures), "\(name): total \(figures) missing")
        let words = try #require(Self.totalsInWords[name], "\(name): add its total in words to totalsInWords")
        #expect(text.contains(words), "\(name): «\(words)» missing")
    }

    /// Each sample's total in words, written and checked by hand.
    static let totalsInWords = [
        "act-en": "Three thousand eighty-four US dollars 00 cents",
        "act-ky": "Эки жүз алты миң үч жүз элүү сом 50 тыйын",
        "act-ru": "Двести одиннадцать тысяч пятьсот двадцать пять сомов 50 тыйынов",
        "invoice-400": "Сорок три миллиона восемьсот пятьдесят одна тысяча пятьсот двадцать девять сомов 85 тыйынов",
        "invoice-en": "Three thousand eighty-four US dollars 00 cents",
        "invoice-kgs": "Двести одиннадцать тысяч пятьсот двадцать пять сомов 50 тыйынов",
        "invoice-ky": "Эки жүз алты миң үч жүз элүү сом 50 тыйын",
        "invoice-kzt": "Четыреста семьдесят девять тысяч двести пятьдесят тенге 00 тиынов",
        "invoice-rub": "Триста двадцать пять тысяч пятьсот рублей 00 копеек",
        "invoice-usd": "Три тысячи восемьдесят четыре доллара США 00 центов",
        "invoice-vat-on-top": "Сто семьдесят восемь тысяч восемьдесят сомов 00 тыйынов",
        "invoice-nsp": "Сто пять тысяч сомов 00 тыйынов",
        "invoice-zero-rate": "Триста двадцать пять тысяч пятьсот рублей 00 копеек",
    ]

    /// Kyrgyz documents date themselves the Kyrgyz way (2026-жылдын 22-ноябры…).
    @Test(arguments: sampleNames.filter { $0.hasSuffix("-ky") })
    func kyrgyzDocumentsUseKyrgyzDates(name: String) throws {
        let text = try extractedText(try pdf(name))
        #expect(text.contains("-жылдын "), "\(name) has no Kyrgyz date")
        for month in ["ноября", "декабря", "марта"] { #expect(!text.contains(" \(month) 2026"), "\(name): Russian month") }
    }

    @Test func kyrgyzInvoiceSpellsItsTotalInKyrgyz() throws {
        let text = try extractedText(try pdf("invoice-ky"))
        #expect(text.contains("Эки жүз алты миң үч жүз элүү сом 50 тыйын"))
        #expect(text.contains("Төлөөгө бардыгы: 206 350,50"))
    }
}
