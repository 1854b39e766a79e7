import DocEngine
import Foundation
import Testing

@Suite struct SVGImageTests {
    static let green = Color(hex: "#1B7F5A")!
    static let amber = Color(hex: "#F2A900")!

    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/DocEngineTests/Fixtures/\(name)"))
    }

    /// A minimal SVG around `body`, with `prologue` before the root element.
    static func svg(_ body: String, prologue: String = "", size: String = #"width="100" height="50""#) -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>\(prologue)
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" \(size)>\(body)</svg>
            """.utf8)
    }

    func renderPDF(_ asset: ImageAsset, width: Double = 200) throws -> Data {
        let document = Document(body: [.image(ImageBlock(asset, width: width)), paragraph("Ала-Тоо")])
        return try PDFRenderer().render(try LayoutEngine(fonts: bundledFonts).layout(document))
    }

    @Test func sizeComesFromWidthAndHeightInCSSPixels() throws {
        let logo = try ImageAsset(data: try fixture("logo.svg"), name: "logo.svg")
        #expect(logo.isVector)
        #expect(logo.pixelWidth == 200 && logo.pixelHeight == 80)
        #expect(abs(logo.aspectRatio - 2.5) < 1e-9)
        let millimetres = try ImageAsset(data: Self.svg("", size: #"width="50.8mm" height="25.4mm""#), name: "mm.svg")
        #expect(millimetres.pixelWidth == 192 && millimetres.pixelHeight == 96)
        let png = try ImageAsset(data: try fixture("stamp.png"), name: "stamp.png")
        #expect(!png.isVector)
    }

    @Test func viewBoxGivesTheSizeWhenWidthAndHeightAreRelative() throws {
        let asset = try ImageAsset(data: Self.svg("", size: #"width="100%" viewBox="0 0 300 120""#), name: "wide.svg")
        #expect(asset.pixelWidth == 300 && asset.pixelHeight == 120)
        #expect(throws: ImageError.invalidSVG(name: "nosize.svg", reason: "no absolute width and height, and no viewBox")) {
            try ImageAsset(data: Self.svg("", size: #"width="100%""#), name: "nosize.svg")
        }
    }

    @Test func absurdSizesAreRefused() {
        #expect(throws: ImageError.tooLarge(name: "huge.svg", width: 100_000, height: 100_000, limit: ImageAsset.maximumPixels)) {
            try ImageAsset(data: Self.svg("", size: #"width="100000" height="100000""#), name: "huge.svg")
        }
        #expect(throws: ImageError.self) {
            try ImageAsset(data: Self.svg("", size: #"width="1e300" height="1""#), name: "huge.svg")
        }
    }

    @Test func logoIsDrawnAsVectorsAndVisible() throws {
        let logo = try ImageAsset(data: try fixture("logo.svg"), name: "logo.svg")
        let pdf = try renderPDF(logo)
        let list = try run("pdfimages", ["-list", try temporaryFile(pdf, suffix: ".pdf")])
        // Only pdfimages' two header lines: no raster image anywhere in the PDF.
        #expect(list.split(separator: "\n").count == 2, "\(list)")
        #expect(list.hasPrefix("page"), "pdfimages did not run: \(list)")

        let laid = try LayoutEngine(fonts: bundledFonts).layout(
            Document(body: [.image(ImageBlock(logo, width: 200))]))
        let raster = try Raster(png: try PNGRenderer().render(laid.pages[0], dpi: 72))
        let margin = Int((15 * Units.pointsPerMillimetre).rounded())
        #expect(raster.containsColor(Self.green, tolerance: 6, in: (margin + 2, margin + 2, 10, 10)))
        #expect(raster.containsColor(Self.amber, tolerance: 6, in: (margin + 150, margin + 20, 20, 20)))
        #expect(raster.containsColor(.white, tolerance: 6, in: (margin + 25, margin + 40, 10, 10)))
    }

    @Test func pdfIsDeterministic() throws {
        let first = try renderPDF(try ImageAsset(data: try fixture("logo.svg"), name: "logo.svg"))
        let logo = try ImageAsset(data: try fixture("logo.svg"), name: "logo.svg")
        #expect(try renderPDF(logo) == first)
        #expect(try renderPDF(logo) == first)
    }

    @Test func concurrentRendersShareOneAsset() async throws {
        let logo = try ImageAsset(data: try fixture("logo.svg"), name: "logo.svg")
        let expected = try renderPDF(logo)
        let results = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<16 { group.addTask { try renderPDF(logo) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func rasterOfAnSVGRendersItsPixels() throws {
        let raster = try Raster(png: try fixture("logo.svg"))
        #expect(raster.width == 200 && raster.height == 80)
        #expect(raster.containsColor(Self.amber, tolerance: 6, in: (150, 20, 20, 20)))
    }

    static let externalReferences: [(body: String, prologue: String, reference: String)] = [
        (#"<image href="http://example.com/logo.png" width="10" height="10"/>"#, "", #"href="http://example.com/logo.png""#),
        (#"<image xlink:href="file.png" width="10" height="10"/>"#, "", #"xlink:href="file.png""#),
        (#"<use href="shapes.svg#peak"/>"#, "", #"href="shapes.svg#peak""#),
        (#"<rect width="9" height="9" style="fill: url(http://example.com/p.svg#g)"/>"#, "", "url(http://example.com/p.svg#g)"),
        (#"<rect width="9" height="9" fill="url('fill.svg#g')"/>"#, "", "url('fill.svg#g')"),
        (#"<style>@import url(https://fonts.example.com/a.css);</style>"#, "", "@import url(https://fonts.example.com/a.css)"),
        ("<text>&xxe;</text>", #"<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
         #"<!ENTITY xxe SYSTEM "file:///etc/passwd">"#),
        ("", #"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">"#,
         #"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">"#),
    ]

    @Test(arguments: externalReferences)
    func externalReferencesAreRefusedByName(body: String, prologue: String, reference: String) {
        do {
            _ = try ImageAsset(data: Self.svg(body, prologue: prologue), name: "logo.svg")
            Issue.record("accepted \(body)")
        } catch {
            #expect(error == .externalReference(name: "logo.svg", reference: reference))
            #expect("\(error)".hasPrefix("logo.svg: refers to an external file or URL ("), "\(error)")
        }
    }

    @Test func embeddedPNGIsAllowedButItsHeaderIsChecked() throws {
        let stamp = try fixture("stamp.png").base64EncodedString()
        let embedded = Self.svg(#"<image href="data:image/png;base64,\#(stamp)" width="80" height="80"/>"#)
        #expect(try ImageAsset(data: embedded, name: "stamp.svg").isVector)

        var header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        header += [0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50, 8, 6, 0, 0, 0, 0, 0, 0, 0]  // 50 000 × 50 000
        let bomb = Self.svg(#"<image href="data:image/png;base64,\#(Data(header).base64EncodedString())"/>"#)
        do {
            _ = try ImageAsset(data: bomb, name: "stamp.svg")
            Issue.record("accepted an embedded 50 000 × 50 000 PNG")
        } catch {
            #expect("\(error)" == "stamp.svg: invalid SVG (an embedded image is 50000 × 50000 pixels, more than 40 megapixels)")
        }
    }

    @Test func brokenAndUnsafeSVGsAreRefusedByName() {
        for (data, message) in [
            (Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g></svg>"#.utf8), "broken.svg: invalid SVG (XML parse error"),
            (Self.svg("<text>&a;</text>", prologue: #"<!DOCTYPE svg [<!ENTITY a "aaaa">]>"#),
             "broken.svg: invalid SVG (XML entity declarations are not allowed"),
            (Data(#"<?xml version="1.0"?><html><body/></html>"#.utf8), "broken.svg: invalid SVG (XML does not have <svg> root)"),
        ] {
            do {
                _ = try ImageAsset(data: data, name: "broken.svg")
                Issue.record("accepted \(String(decoding: data, as: UTF8.self))")
            } catch {
                #expect("\(error)".hasPrefix(message), "\(error)")
            }
        }
    }
}
