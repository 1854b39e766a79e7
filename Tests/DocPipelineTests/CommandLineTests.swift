import DocTestSupport
import Foundation
import Testing

/// The command line's contract: exit 0 on success; otherwise non-zero, one line on stderr
/// saying where the problem is, and no output file left behind.
@Suite struct CommandLineTests {
    func writeData(_ json: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("data.json")
        try Data(json.utf8).write(to: url)
        return url
    }

    func sampleWith(_ edit: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("SampleData/invoice-kgs.json"))
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        edit(&object)
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    func expectFailure(data json: String, mentions expected: [String], output name: String = "out.pdf") throws {
        let directory = try makeTemporaryDirectory()
        let data = try writeData(json, in: directory)
        let output = directory.appendingPathComponent(name)
        let result = try execute(docengineBinary.path, ["render", "invoice", "--data", data.path, "-o", output.path])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line on stderr, got: \(result.stderr)")
        for fragment in expected { #expect(result.stderr.contains(fragment), "stderr: \(result.stderr)") }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "data.json" }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test func aBadDecimalNamesItsJSONPath() throws {
        let json = try sampleWith { object in
            var items = object["items"] as! [[String: Any]]
            items[3]["price"] = "12,50 сом"
            object["items"] = items
        }
        // The data contract catches it before the template runs, at the same JSON path.
        try expectFailure(
            data: json, mentions: ["items[3].price: expected a decimal greater than zero such as \"12.50\", found \"12,50 сом\""])
    }

    /// Issue 11: `items[0].vatrate` was dropped without a word and the invoice printed VAT at the
    /// document's rate. The contract now refuses it before evaluation; no file is written.
    @Test func aMisspeltFieldIsRefusedWithItsPathAndASuggestion() throws {
        let json = try sampleWith { object in
            var items = object["items"] as! [[String: Any]]
            items[0]["vatrate"] = "0"
            object["items"] = items
        }
        try expectFailure(data: json, mentions: ["error: items[0].vatrate: unknown field; did you mean vatRate?"])
    }

    /// `samples` and `preview` check every sample against the contract too.
    @Test func samplesAndPreviewRefuseDataThatBreaksTheContract() throws {
        let directory = try makeTemporaryDirectory()
        let samples = directory.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        let json = try sampleWith { object in
            var items = object["items"] as! [[String: Any]]
            items[0]["vatrate"] = "0"
            object["items"] = items
        }
        try Data(json.utf8).write(to: samples.appendingPathComponent("invoice-typo.json"))
        let out = directory.appendingPathComponent("out")
        let rendered = try execute(
            docengineBinary.path, ["samples", "--samples", samples.path, "--output", out.path])
        #expect(rendered.status != 0)
        #expect(rendered.stderr.contains("invoice-typo.json: items[0].vatrate: unknown field; did you mean vatRate?"), "\(rendered.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("invoice-typo.pdf").path))
        let previewed = try execute(
            docengineBinary.path,
            [
                "preview", "--brand", repositoryRoot.appendingPathComponent("SampleData/brands/alatoo").path,
                "--samples", samples.path, "--output", out.appendingPathComponent("preview").path,
            ])
        #expect(previewed.status != 0)
        #expect(previewed.stderr.contains("error: items[0].vatrate: unknown field; did you mean vatRate?"), "\(previewed.stderr)")
    }

    @Test func anUnknownFieldAndAWrongTypeAreRefusedTogether() throws {
        let directory = try makeTemporaryDirectory()
        let json = try sampleWith { object in
            object["colour"] = "red"
            var issuer = object["issuer"] as! [String: Any]
            issuer["usesSeal"] = "yes"
            object["issuer"] = issuer
        }
        let data = try writeData(json, in: directory)
        let output = directory.appendingPathComponent("out.pdf")
        let result = try execute(docengineBinary.path, ["render", "invoice", "--data", data.path, "-o", output.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("error: colour: unknown field"), "\(result.stderr)")
        #expect(result.stderr.contains(#"error: issuer.usesSeal: expected a boolean, found "yes""#), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func aMissingFieldNamesItsJSONPath() throws {
        let json = try sampleWith { object in
            var issuer = object["issuer"] as! [String: Any]
            issuer.removeValue(forKey: "bank")
            object["issuer"] = issuer
        }
        try expectFailure(data: json, mentions: ["issuer.bank.name: missing"])
    }

    @Test func invalidJSONSaysWhere() throws {
        try expectFailure(data: "{\"document\": {\"number\": 1,}}", mentions: ["line 1, column"])
    }

    @Test func anUndrawableCharacterNamesItsOrigin() throws {
        let json = try sampleWith { object in
            var items = object["items"] as! [[String: Any]]
            items[0]["name"] = "Перевозка 🚚"
            object["items"] = items
        }
        try expectFailure(data: json, mentions: ["items[0].name", "U+1F69A"], output: "out.png")
    }

    @Test func anUnknownTemplateIsAClearError() throws {
        let directory = try makeTemporaryDirectory()
        let data = try writeData("{}", in: directory)
        let result = try execute(docengineBinary.path, ["render", "invioce", "--data", data.path, "-o", directory.appendingPathComponent("x.pdf").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown template 'invioce'"))
    }

    @Test func dataTextIsPrintedLiterally() throws {
        let name = "Груз {{ order.id }} <b>жирный</b> & «ёлки» {% if x %} " + String(repeating: "Ө", count: 300)
        let json = try sampleWith { object in
            var items = object["items"] as! [[String: Any]]
            items[1]["name"] = name
            object["items"] = items
        }
        let directory = try makeTemporaryDirectory()
        let data = try writeData(json, in: directory)
        let pdf = directory.appendingPathComponent("literal.pdf")
        let result = try execute(docengineBinary.path, ["render", "invoice", "--data", data.path, "-o", pdf.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try extractedText(pdf).replacingOccurrences(of: "Ө Ө", with: "ӨӨ")
        #expect(text.contains("Груз {{ order.id }} <b>жирный</b> & «ёлки» {% if x %}"))
        #expect(text.replacingOccurrences(of: " ", with: "").contains(String(repeating: "Ө", count: 300)))
    }

    @Test func pngOutputOfAChosenPage() throws {
        let directory = try makeTemporaryDirectory()
        let png = directory.appendingPathComponent("page.png")
        let data = repositoryRoot.appendingPathComponent("SampleData/invoice-400.json")
        let result = try execute(docengineBinary.path, ["render", "invoice", "--data", data.path, "-o", png.path, "--page", "3", "--dpi", "50"])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        let missing = try execute(docengineBinary.path, ["render", "invoice", "--data", data.path, "-o", png.path, "--page", "999"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("page 999 does not exist"))
    }

    @Test func checkReportsEveryMistakeWithPositions() throws {
        let fixture = repositoryRoot.appendingPathComponent("Tests/TemplatesTests/Fixtures/Templates/five-mistakes.doc")
        let result = try execute(docengineBinary.path, ["check", fixture.path])
        #expect(result.status != 0)
        let summaries = result.stdout.split(separator: "\n").filter { $0.hasPrefix("five-mistakes.doc:") && $0.contains(": error: ") }
        #expect(summaries.count == 5, "\(result.stdout)")
        #expect(result.stdout.contains("^"))
    }

    @Test func checkPassesTheBuiltInInvoice() throws {
        let template = repositoryRoot.appendingPathComponent("Sources/Templates/BuiltIn/invoice.doc")
        let result = try execute(docengineBinary.path, ["check", template.path])
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func helpIsEverywhere() throws {
        for command in [["--help"], ["render", "--help"], ["check", "--help"], ["samples", "--help"]] {
            let result = try execute(docengineBinary.path, command)
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE"))
        }
    }
}

@Suite struct LiteralCargoNameTests {
    @Test func aHostileCargoNameRendersLiterallyAndStaysInsideThePage() throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("SampleData/request-ru.json"))
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var order = object["order"] as! [String: Any]
        var cargo = order["cargo"] as! [String: Any]
        let word = String(repeating: "Ң", count: 150) + String(repeating: "ө", count: 150)
        cargo["name"] = "Сыр {{ order.id }} <b>&amp;</b> & «Ала-Тоо» " + word
        order["cargo"] = cargo
        object["order"] = order
        let directory = try makeTemporaryDirectory()
        let input = directory.appendingPathComponent("cargo.json")
        try JSONSerialization.data(withJSONObject: object).write(to: input)
        let pdf = directory.appendingPathComponent("request.pdf")
        let result = try execute(docengineBinary.path, ["render", "request", "--data", input.path, "-o", pdf.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try extractedText(pdf)
        #expect(text.contains("Сыр {{ order.id }} <b>&amp;</b> & «Ала-Тоо»"))
        #expect(text.replacingOccurrences(of: " ", with: "").contains(word))
        // Every word box lies inside the page's right margin: the long word wrapped in its cell.
        let boxes = try execute("pdftotext", ["-bbox", pdf.path, "-"]).stdout
        let maxX = boxes.matches(of: /xMax="([0-9.]+)"/).compactMap { Double($0.1) }.max() ?? 0
        #expect(maxX > 0 && maxX < 595.3 - 20, "text reaches x = \(maxX)")
    }
}
