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

    /// The rectangles of a QR drawing's one shape, in module coordinates (quiet zone included).
    func moduleRectangles(of shape: VectorShape) -> [(a: Point, b: Point, c: Point, d: Point)]? {
        guard shape.elements.count % 5 == 0 else { return nil }
        var result: [(a: Point, b: Point, c: Point, d: Point)] = []
        for start in stride(from: 0, to: shape.elements.count, by: 5) {
            guard case .move(let a) = shape.elements[start], case .line(let b) = shape.elements[start + 1],
                case .line(let c) = shape.elements[start + 2], case .line(let d) = shape.elements[start + 3],
                case .close = shape.elements[start + 4]
            else { return nil }
            result.append((a, b, c, d))
        }
        return result
    }

    @Test func darkModulesAreDisjointRectanglesInOneShape() throws {
        let drawing = try QRCode.drawing(encoding: Self.trackingLink, color: Color(hex: "#1F4E79")!)
        #expect(drawing.shapes.count == 1)
        let shape = try #require(drawing.shapes.first)
        #expect(shape.fill == Color(hex: "#1F4E79")!)
        let rectangles = try #require(moduleRectangles(of: shape), "every subpath is move, line ×3, close")
        #expect(!rectangles.isEmpty)
        let side = Int(drawing.size.width)
        let modules = side - 8
        var covered = [[Int]](repeating: [Int](repeating: 0, count: side), count: side)
        for (a, b, c, d) in rectangles {
            // Axis-aligned, turning the same way, on whole module coordinates, inside the quiet zone.
            #expect(a.y == b.y && c.y == d.y && c.y > a.y && a.x == d.x && b.x == c.x && b.x > a.x)
            #expect(a.x == a.x.rounded() && b.x == b.x.rounded() && a.y == a.y.rounded() && c.y == c.y.rounded())
            #expect(a.x >= 4 && b.x <= Double(4 + modules) && a.y >= 4 && c.y <= Double(4 + modules))
            guard a.x >= 0, b.x <= Double(side), a.y >= 0, c.y <= Double(side) else { continue }
            for row in Int(a.y)..<Int(c.y) {
                for column in Int(a.x)..<Int(b.x) { covered[row][column] += 1 }
            }
        }
        // No module is painted twice.
        #expect(covered.allSatisfy { $0.allSatisfy { $0 <= 1 } })
        // The three finder patterns: a dark 7×7 ring, a light ring, a dark 3×3 centre.
        for (top, left) in [(4, 4), (4, 4 + modules - 7), (4 + modules - 7, 4)] {
            for row in 0..<7 {
                for column in 0..<7 {
                    let ring = max(abs(row - 3), abs(column - 3))
                    #expect((covered[top + row][left + column] == 1) == (ring != 2), "finder at \(top), \(left)")
                }
            }
        }
        // Identical runs in consecutive rows are merged: fewer rectangles than horizontal runs,
        // and no rectangle continues straight into another one below it.
        let runs = covered.reduce(0) { total, row in
            total + row.indices.filter { row[$0] == 1 && ($0 == 0 || row[$0 - 1] == 0) }.count
        }
        #expect(rectangles.count < runs)
        for upper in rectangles {
            #expect(!rectangles.contains { $0.a.y == upper.c.y && $0.a.x == upper.a.x && $0.b.x == upper.b.x })
        }
    }

    @Test func sameTextGivesTheSameDrawingAndPDF() throws {
        let first = try QRCode.drawing(encoding: Self.trackingLink)
        let second = try QRCode.drawing(encoding: Self.trackingLink)
        #expect(first.size == second.size)
        #expect(first.shapes.map(\.elements) == second.shapes.map(\.elements))
        #expect(first.shapes.map(\.fill) == second.shapes.map(\.fill))
        let renderer = PDFRenderer()
        #expect(try renderer.render(laidOut(first)) == renderer.render(laidOut(second)))
        // Case matters: byte mode, not the case-folding alphanumeric mode.
        let lower = try QRCode.drawing(encoding: Self.trackingLink.lowercased())
        #expect(lower.shapes.map(\.elements) != first.shapes.map(\.elements))
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

    @Test func pdfDrawsTheCodeAsVectorsWithoutImages() throws {
        let pdf = try PDFRenderer().render(laidOut(QRCode.drawing(encoding: Self.trackingLink)))
        let file = try temporaryFile(pdf, suffix: ".pdf")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let list = try run("pdfimages", ["-list", file])
        let lines = list.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("page"), "\(list)")  // the two header lines only
    }
}
