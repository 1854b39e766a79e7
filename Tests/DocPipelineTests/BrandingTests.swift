import DocTestSupport
import DocEngine
import Foundation
import Testing

/// Every document under every sample brand, as `docengine preview --brand` renders it: the
/// resellers' documents carry their own look and no trace of the platform.
@Suite(.serialized) struct BrandingTests {
    static let brands = ["trackcom", "alatoo", "silkway"]
    static let resellers = ["alatoo", "silkway"]
    static let templates = ["invoice", "act", "request", "driver-assignment", "contract", "contract-supplement"]

    /// Previews of every template per brand, rendered once.
    static let previews: [String: Result<URL, any Error>] = Dictionary(uniqueKeysWithValues: brands.map { brand in
        (brand, Result {
            let output = try makeTemporaryDirectory()
            let result = try execute(docengineBinary.path, [
                "preview", "--brand", "SampleData/brands/\(brand)", "--output", output.path, "--dpi", "72",
            ])
            guard result.status == 0 else { throw PreviewFailure(message: result.stderr) }
            return output
        })
    })

    struct PreviewFailure: Error { let message: String }

    func document(_ brand: String, _ template: String) throws -> URL {
        try Self.previews[brand]!.get().appendingPathComponent("\(template).pdf")
    }

    @Test(arguments: brands)
    func everyTemplateRendersUnderTheBrand(brand: String) throws {
        for template in Self.templates {
            let file = try document(brand, template)
            #expect(try execute("qpdf", ["--check", file.path]).status == 0, "\(brand)/\(template)")
        }
    }

    @Test(arguments: resellers)
    func resellerDocumentsCarryNoPlatformMark(brand: String) throws {
        for template in Self.templates {
            let file = try document(brand, template)
            let text = try execute("pdftotext", ["-enc", "UTF-8", file.path, "-"]).stdout
            let meta = try execute("pdfinfo", ["-meta", file.path]).stdout + (try execute("pdfinfo", [file.path]).stdout)
            for mark in ["Track", "track.kg", "Тракк", "Trask"] {
                #expect(!text.contains(mark), "\(brand)/\(template) text contains \(mark)")
                #expect(!meta.contains(mark), "\(brand)/\(template) metadata contains \(mark)")
            }
        }
    }

    @Test func platformDocumentsCarryItsName() throws {
        let text = try execute("pdftotext", ["-enc", "UTF-8", try document("trackcom", "invoice").path, "-"]).stdout
        #expect(text.contains("Track.com") || text.contains("Трак Ком"))
    }

    @Test(arguments: [("trackcom", ["png"]), ("alatoo", ["png"]), ("silkway", ["jpeg"])])
    func logoAndStampAreEmbedded(brand: String, expected: [String]) throws {
        let list = try execute("pdfimages", ["-list", try document(brand, "invoice").path]).stdout
        let rows = list.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty, "\(brand): no images")
        for kind in expected where kind == "jpeg" { #expect(list.contains("jpeg"), "\(brand): no JPEG logo in \(list)") }
    }

    @Test(arguments: [("alatoo", "#1B7F5A"), ("silkway", "#8E1B3A")])
    func theAccentColourShowsInTheHeader(brand: String, accent: String) throws {
        let png = try Self.previews[brand]!.get().appendingPathComponent("invoice.png")
        let raster = try Raster(png: try Data(contentsOf: png))
        // 72 dpi: one pixel per point; the header (logo and accent rule) sits in the top 90 pt.
        #expect(raster.containsColor(Color(hex: accent)!, tolerance: 10, in: (0, 0, raster.width, 90)))
    }

    @Test func theGuardFailsARenderThatWouldLeakThePlatform() throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("SampleData/invoice-kgs.json"))
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var items = object["items"] as! [[String: Any]]
        items[0]["name"] = "Перевозка через Track.com"
        object["items"] = items
        let directory = try makeTemporaryDirectory()
        let input = directory.appendingPathComponent("leak.json")
        try JSONSerialization.data(withJSONObject: object).write(to: input)
        let output = directory.appendingPathComponent("leak.pdf")
        let result = try execute(docengineBinary.path, [
            "render", "invoice", "--data", input.path, "--brand", "SampleData/brands/alatoo", "-o", output.path,
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("white-label check failed"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        // The platform itself may say its name.
        let platform = try execute(docengineBinary.path, [
            "render", "invoice", "--data", input.path, "--brand", "SampleData/brands/trackcom", "-o", output.path,
        ])
        #expect(platform.status == 0, "\(platform.stderr)")
    }
}

extension BrandingTests {
    /// Renders the KGS invoice under `brand` from a copy of the built-in templates whose invoice
    /// ends with `addition`, as a reseller's edited template would.
    func renderInvoice(appending addition: String, brand: String) throws -> (result: ProcessResult, output: URL) {
        let library = try makeTemporaryDirectory().appendingPathComponent("templates")
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Sources/Templates/BuiltIn"), to: library)
        let invoice = library.appendingPathComponent("invoice.doc")
        try (try String(contentsOf: invoice, encoding: .utf8) + "\n" + addition + "\n")
            .write(to: invoice, atomically: true, encoding: .utf8)
        let output = library.deletingLastPathComponent().appendingPathComponent("invoice.pdf")
        let result = try execute(docengineBinary.path, [
            "render", "invoice", "--templates", library.path, "--data", "SampleData/invoice-kgs.json",
            "--brand", "SampleData/brands/\(brand)", "-o", output.path,
        ])
        return (result, output)
    }

    /// A reseller's edited template that names the platform is caught as well as data that does.
    @Test func theGuardCatchesATemplateThatWouldLeakThePlatform() throws {
        let (result, output) = try renderInvoice(
            appending: "{% p %}Сервис предоставлен платформой Тракк{% endp %}", brand: "silkway")
        #expect(result.status != 0)
        #expect(result.stderr.contains("white-label check failed") && result.stderr.contains("Тракк"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// A QR code is read as a phone reads it: a platform link encoded only in the code, with no
    /// caption, fails a reseller's render all the same.
    @Test func theGuardReadsWhatAQRCodeEncodes() throws {
        let (leak, output) = try renderInvoice(appending: "{% qr \"https://status.track.kg/o/ORD-1\" size=20mm %}", brand: "alatoo")
        #expect(leak.status != 0)
        #expect(leak.stderr.contains("white-label check failed") && leak.stderr.contains("QR code"), "\(leak.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        // The reseller's own tracking domain passes.
        let own = try renderInvoice(
            appending: "{% qr \"https://status.alatoo-logistic.kg/o/ORD-1\" size=20mm %}", brand: "alatoo")
        #expect(own.result.status == 0, "\(own.result.stderr)")
        #expect(FileManager.default.fileExists(atPath: own.output.path))
    }
}

extension BrandingTests {
    /// A brand restyles roles besides its accent through brand.json's `theme`: the request's
    /// label column takes the brand's fill, which no unbranded document uses.
    @Test func aBrandThemeRestylesTheOtherRoles() throws {
        let folder = try makeTemporaryDirectory().appendingPathComponent("alatoo")
        try FileManager.default.copyItem(at: repositoryFile("SampleData/brands/alatoo"), to: folder)
        let manifest = folder.appendingPathComponent("brand.json")
        var brand = try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as! [String: Any]
        brand["theme"] = ["labelBackground": "#FFD400"]
        try JSONSerialization.data(withJSONObject: brand).write(to: manifest)
        let png = folder.deletingLastPathComponent().appendingPathComponent("request.png")
        let result = try execute(docengineBinary.path, [
            "render", "request", "--data", "SampleData/request-ru.json", "--brand", folder.path, "-o", png.path, "--dpi", "72",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let raster = try Raster(png: try Data(contentsOf: png))
        #expect(raster.containsColor(Color(hex: "#FFD400")!, tolerance: 6, in: (0, 0, raster.width, raster.height)))

        brand["theme"] = ["accent": "#FFD400", "mutted": "#000000"]
        try JSONSerialization.data(withJSONObject: brand).write(to: manifest)
        let refused = try execute(docengineBinary.path, [
            "render", "request", "--data", "SampleData/request-ru.json", "--brand", folder.path, "-o", png.path,
        ])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(#"theme: unknown key "accent""#), "the accent comes from accentColor: \(refused.stderr)")
        #expect(refused.stderr.contains(#"did you mean "muted"?"#), "\(refused.stderr)")
    }
}
