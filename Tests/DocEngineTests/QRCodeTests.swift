import DocEngine
import Foundation
import Testing

@Suite struct QRCodeTests {
    static let trackingLink = "https://track.example.kg/o/ORD-261122-0042?t=Ab3dE"
    static let cyrillic = "Заявка на перевозку № 0042, Бишкек → Ош"
    /// 500 characters cycling through letters, digits and URL punctuation.
    static let long: String = {
        let alphabet = Array("ABCdef0123456789xyzXYZ-_.~/?=&")
        return String((0..<500).map { alphabet[($0 * 7 + $0 / 3) % alphabet.count] })
    }()

    func laidOut(_ drawing: Drawing, width: Double = 120) throws -> LaidOutDocument {
        try LayoutEngine(fonts: bundledFonts).layout(Document(body: [.drawing(DrawingBlock(drawing, width: width))]))
    }

    /// Renders the drawing on page 1 at 150 dpi and returns what zbarimg reads from it.
    func decoded(_ drawing: Drawing, width: Double = 120) throws -> String {
        let png = try PNGRenderer().render(try laidOut(drawing, width: width).pages[0], dpi: 150)
        let file = try temporaryFile(png, suffix: ".png")
        defer { try? FileManager.default.removeItem(atPath: file) }
        var output = try run("zbarimg", ["--raw", "-q", file])
        if output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    @Test(arguments: [trackingLink, cyrillic, long])
    func renderedCodeDecodesToTheInput(text: String) throws {
        #expect(try decoded(QRCode.drawing(encoding: text)) == text)
    }

    @Test(arguments: QRErrorCorrection.allCases)
    func everyErrorCorrectionDecodes(level: QRErrorCorrection) throws {
        #expect(try decoded(QRCode.drawing(encoding: Self.trackingLink, errorCorrection: level)) == Self.trackingLink)
    }

    @Test func sizeIsModulesPlusQuietZone() throws {
        // One byte fits version 1 (21 modules) at every level; 4 quiet modules on each side.
        let drawing = try QRCode.drawing(encoding: "A")
        #expect(drawing.size == Size(width: 29, height: 29))
        #expect(try QRCode.drawing(encoding: Self.long).size.width > 29)
    }

    @Test func darkModulesAreOneGridInsideTheQuietZone() throws {
        let drawing = try QRCode.drawing(encoding: Self.trackingLink, color: Color(hex: "#1F4E79")!)
        #expect(drawing.shapes.isEmpty)
        #expect(drawing.grids.count == 1)
        let grid = try #require(drawing.grids.first)
        #expect(grid.color == Color(hex: "#1F4E79")!)
        let modules = Int(drawing.size.width) - 8
        #expect(grid.columns == modules && grid.rows == modules)
        #expect(grid.frame == Rect(x: 4, y: 4, width: Double(modules), height: Double(modules)))
        // The three finder patterns: a dark 7×7 ring, a light ring, a dark 3×3 centre.
        for (top, left) in [(0, 0), (0, modules - 7), (modules - 7, 0)] {
            for row in 0..<7 {
                for column in 0..<7 {
                    let ring = max(abs(row - 3), abs(column - 3))
                    #expect(grid.isFilled(row: top + row, column: left + column) == (ring != 2), "finder at \(top), \(left)")
                }
            }
        }
    }

    @Test func filledBlocksCoverEveryDarkModuleOnceAndMergeRepeatedRuns() throws {
        let grid = try #require(QRCode.drawing(encoding: Self.trackingLink).grids.first)
        let blocks = grid.filledBlocks
        var covered = [[Int]](repeating: [Int](repeating: 0, count: grid.columns), count: grid.rows)
        for block in blocks {
            #expect(!block.rows.isEmpty && !block.columns.isEmpty)
            for row in block.rows {
                for column in block.columns { covered[row][column] += 1 }
            }
        }
        for row in 0..<grid.rows {
            for column in 0..<grid.columns {
                #expect(covered[row][column] == (grid.isFilled(row: row, column: column) ? 1 : 0), "\(row), \(column)")
            }
        }
        // Identical runs in consecutive rows are merged: fewer rectangles than horizontal runs,
        // and no rectangle continues straight into another one below it.
        let runs = covered.reduce(0) { total, row in
            total + row.indices.filter { row[$0] == 1 && ($0 == 0 || row[$0 - 1] == 0) }.count
        }
        #expect(blocks.count < runs)
        for upper in blocks {
            #expect(!blocks.contains { $0.rows.lowerBound == upper.rows.upperBound && $0.columns == upper.columns })
        }
    }

    @Test func sameTextGivesTheSameDrawingAndPDF() throws {
        let first = try QRCode.drawing(encoding: Self.trackingLink)
        let second = try QRCode.drawing(encoding: Self.trackingLink)
        #expect(first.size == second.size)
        #expect(first.grids == second.grids)
        let renderer = PDFRenderer()
        #expect(try renderer.render(laidOut(first)) == renderer.render(laidOut(second)))
        // Case matters: byte mode, not the case-folding alphanumeric mode.
        let lower = try QRCode.drawing(encoding: Self.trackingLink.lowercased())
        #expect(lower.grids != first.grids)
    }

    @Test func emptyTextIsAnError() {
        #expect(throws: QRCodeError.emptyText) { try QRCode.drawing(encoding: "") }
    }

    @Test func oversizedTextIsAnError() {
        let text = String(repeating: "x", count: 2_345)
        #expect(throws: QRCodeError.textTooLong(byteCount: 2_345, limit: 2_000)) { try QRCode.drawing(encoding: text) }
        #expect(QRCodeError.textTooLong(byteCount: 2_345, limit: 2_000).description
            == "the text is too long for a QR code (2345 bytes, at most 2000)")
        // The limit counts UTF-8 bytes: 1 001 Cyrillic letters are 2 002 bytes.
        #expect(throws: QRCodeError.textTooLong(byteCount: 2_002, limit: 2_000)) {
            try QRCode.drawing(encoding: String(repeating: "ж", count: 1_001))
        }
    }

    @Test func textBeyondTheLevelsCapacityIsAnError() throws {
        // Version 40-H holds 1 273 bytes; 1 500 fit our limit and level L, below version 40 (177 modules).
        let text = String(repeating: "x", count: 1_500)
        #expect(throws: QRCodeError.exceedsCapacity(byteCount: 1_500, errorCorrection: .high)) {
            try QRCode.drawing(encoding: text, errorCorrection: .high)
        }
        let low = try QRCode.drawing(encoding: text, errorCorrection: .low)
        #expect(low.size.width < 177 + 8, "\(low.size)")
        #expect(try decoded(low, width: 480) == text)
    }

    /// The PDF rendered by poppler at 150 dpi, as zbarimg reads it.
    func decodedFromPDF(_ drawing: Drawing, width: Double = 120) throws -> String {
        let pdf = try temporaryFile(try PDFRenderer().render(laidOut(drawing, width: width)), suffix: ".pdf")
        defer { try? FileManager.default.removeItem(atPath: pdf) }
        let png = pdf + "-page"
        _ = try run("pdftoppm", ["-r", "150", "-png", "-singlefile", pdf, png])
        defer { try? FileManager.default.removeItem(atPath: png + ".png") }
        var output = try run("zbarimg", ["--raw", "-q", png + ".png"])
        if output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    @Test(arguments: [trackingLink, cyrillic, long])
    func issuedPDFDecodesToTheInput(text: String) throws {
        #expect(try decodedFromPDF(QRCode.drawing(encoding: text)) == text)
    }

    /// A reseller's accent colour reaches the mask: poppler paints the dark modules in it, and
    /// nothing else on the page (light modules and the quiet zone stay unpainted).
    @Test func pdfPaintsTheModulesInTheCodesColour() throws {
        let drawing = try QRCode.drawing(encoding: Self.trackingLink, color: Color(hex: "#1F4E79")!)
        let pdf = try temporaryFile(try PDFRenderer().render(laidOut(drawing)), suffix: ".pdf")
        defer { try? FileManager.default.removeItem(atPath: pdf) }
        // A binary PPM: "P6\n<width> <height>\n255\n" then RGB bytes; no antialiasing at 72 dpi.
        let ppm = pdf + "-page"
        _ = try run("pdftoppm", ["-r", "72", "-aa", "no", "-aaVector", "no", "-singlefile", pdf, ppm])
        defer { try? FileManager.default.removeItem(atPath: ppm + ".ppm") }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: ppm + ".ppm")))
        var newlines = 0
        let pixelsStart = try #require(bytes.firstIndex { byte in
            if byte == 0x0A { newlines += 1 }
            return newlines == 3
        }) + 1
        var colours: [[UInt8]: Int] = [:]
        for offset in stride(from: pixelsStart, to: bytes.count - 2, by: 3) {
            colours[Array(bytes[offset..<(offset + 3)]), default: 0] += 1
        }
        #expect(Set(colours.keys) == [[0x1F, 0x4E, 0x79], [0xFF, 0xFF, 0xFF]], "\(colours.keys)")
        #expect((colours[[0x1F, 0x4E, 0x79]] ?? 0) > 1_000)
    }

    @Test func pdfCarriesTheCodeAsAOneBitMaskOnePixelPerModuleNeverSmoothed() throws {
        let drawing = try QRCode.drawing(encoding: Self.trackingLink)
        let modules = Int(drawing.size.width) - 8
        let pdf = try PDFRenderer().render(laidOut(drawing))
        let file = try temporaryFile(pdf, suffix: ".pdf")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let list = try run("pdfimages", ["-list", file])
        let lines = list.split(separator: "\n")
        #expect(lines.count == 3, "\(list)")  // two header lines, one image
        // page num type width height color comp bpc enc interp …
        let columns = try #require(lines.last).split(separator: " ", omittingEmptySubsequences: true)
        #expect(columns[2] == "stencil" && columns[3] == "\(modules)" && columns[4] == "\(modules)", "\(list)")
        #expect(columns[7] == "1" && columns[9] == "no", "one bit, not interpolated: \(list)")
        #expect(pdf.count < 4_000, "a mask, not thousands of path operators: \(pdf.count) bytes")
    }
}
