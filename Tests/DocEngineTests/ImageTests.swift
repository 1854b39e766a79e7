import DocEngine
import Foundation
import Testing

@Suite struct ImageTests {
    func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/DocEngineTests/Fixtures/\(name)"))
    }

    /// A PNG signature and IHDR chunk declaring the given size; no pixel data follows.
    func pngHeader(width: UInt32, height: UInt32) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        bytes += Array("IHDR".utf8)
        for value in [width, height] { bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        bytes += [8, 6, 0, 0, 0, 0, 0, 0, 0]
        return Data(bytes)
    }

    @Test func decodesPNGAndJPEG() throws {
        let jpeg = try ImageAsset(data: try fixture("logo.jpg"), name: "logo.jpg")
        #expect(jpeg.pixelWidth == 120 && jpeg.pixelHeight == 60)
        let png = try ImageAsset(data: try fixture("stamp.png"), name: "stamp.png")
        #expect(png.pixelWidth == 80 && png.pixelHeight == 80)
    }

    @Test func refusesHugeImagesBeforeDecoding() {
        #expect(throws: ImageError.tooLarge(name: "huge.png", width: 50_000, height: 50_000, limit: ImageAsset.maximumPixels)) {
            try ImageAsset(data: pngHeader(width: 50_000, height: 50_000), name: "huge.png")
        }
    }

    @Test func reportsBrokenImagesByName() throws {
        #expect(throws: ImageError.unknownFormat(name: "notes.txt")) { try ImageAsset(data: Data("hello".utf8), name: "notes.txt") }
        do {
            _ = try ImageAsset(data: try fixture("truncated.jpg"), name: "truncated.jpg")
            Issue.record("a truncated JPEG decoded")
        } catch {
            #expect("\(error)".hasPrefix("truncated.jpg: unreadable image"))
        }
        var brokenPNG = try fixture("stamp.png")
        brokenPNG.removeLast(100)
        #expect(throws: ImageError.self) { try ImageAsset(data: brokenPNG, name: "stamp.png") }
    }

    @Test func imagesScaleIntoTheirBoxKeepingAspectRatio() throws {
        let logo = try ImageAsset(data: try fixture("logo.jpg"), name: "logo.jpg")
        let document = Document(body: [.image(ImageBlock(logo, width: 200, height: 40))])
        let laid = try LayoutEngine(fonts: bundledFonts).layout(document)
        let rects = laid.pages[0].items.compactMap { if case .image(_, let rect) = $0 { rect } else { nil } }
        #expect(rects.count == 1)
        #expect(abs(rects[0].size.height - 40) < 0.001 && abs(rects[0].size.width - 80) < 0.001)
    }

    @Test func jpegIsEmbeddedAndVisibleInThePDF() throws {
        let logo = try ImageAsset(data: try fixture("logo.jpg"), name: "logo.jpg")
        let stamp = try ImageAsset(data: try fixture("stamp.png"), name: "stamp.png")
        let document = Document(body: [
            .image(ImageBlock(logo, width: 120)),
            paragraph("Руководитель ____________ Асанов Н. Б."),
            .overlay(Overlay(offset: Point(x: 60, y: -30), width: 60, opacity: 0.85, blocks: [.image(ImageBlock(stamp, width: 60))])),
        ])
        let laid = try LayoutEngine(fonts: bundledFonts).layout(document)
        let pdf = try PDFRenderer().render(laid)
        let list = try run("pdfimages", ["-list", try temporaryFile(pdf, suffix: ".pdf")])
        #expect(list.contains("jpeg"), "\(list)")
        #expect(list.split(separator: "\n").count >= 4, "\(list)")  // header lines + logo + stamp
        let png = try PNGRenderer().render(laid.pages[0], dpi: 72)
        let raster = try Raster(png: png)
        // The logo's navy background is where the layout put it, top-left of the body.
        let margin = Int((15 * Units.pointsPerMillimetre).rounded())
        #expect(raster.containsColor(Color(hex: "#1F4E79")!, tolerance: 12, in: (margin + 5, margin + 5, 20, 20)))
    }

    /// The backend makes one surface per asset and keeps it: a logo in the header of every page
    /// is one image object in the PDF, however many pages and renders draw it.
    @Test func anImageOnEveryPageIsEmbeddedOnce() throws {
        for name in ["logo.jpg", "stamp.png"] {
            let asset = try ImageAsset(data: try fixture(name), name: name)
            let document = Document(
                header: [.image(ImageBlock(asset, width: 40))],
                body: (1...150).map { paragraph("Строка \($0)") })
            let laid = try LayoutEngine(fonts: bundledFonts).layout(document)
            #expect(laid.pages.count >= 3)
            let renderer = PDFRenderer()
            _ = try renderer.render(laid)  // a second render draws the cached surface again
            let list = try run("pdfimages", ["-list", try temporaryFile(try renderer.render(laid), suffix: ".pdf")])
            // One row per use after two header lines: page, num, type (image, smask), width, height,
            // color, comp, bpc, enc (jpeg, image), interp, object number, generation, …
            let uses = list.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }.filter { $0[2] == "image" }
            #expect(uses.count == laid.pages.count, "\(name): \(list)")
            #expect(Set(uses.map { $0[10] }).count == 1, "\(name) is embedded more than once: \(list)")
            if name == "logo.jpg" { #expect(uses.allSatisfy { $0[8] == "jpeg" }, "\(list)") }
        }
    }

    /// Decoded pixels belong to no backend: `Raster` reads them without any cairo surface.
    @Test func rasterReadsDecodedPixels() throws {
        let stamp = try Raster(png: try fixture("stamp.png"))
        #expect(stamp.width == 80 && stamp.height == 80)
        let logo = try Raster(png: try fixture("logo.jpg"))
        #expect(logo.containsColor(Color(hex: "#1F4E79")!, tolerance: 12, in: (2, 2, 10, 10)))
    }
}
