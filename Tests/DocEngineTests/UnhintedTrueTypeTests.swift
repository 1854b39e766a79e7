import CCairo
import CFreeType
@testable import DocEngine
import Foundation
import Testing

/// The fonts are used without their hinting programs. These tests hold that nothing else
/// changes: every glyph's outline and advance are the same, and bad bytes are refused.
@Suite struct UnhintedTrueTypeTests {
    static let fontFiles = ["PTSans-Regular.ttf", "PTSans-Bold.ttf", "PTSans-Italic.ttf", "DejaVuSans.ttf"]

    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Fonts/\(name)")))
    }

    func strip(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBytes { UnhintedTrueType.strip($0) }
    }

    @Test(arguments: fontFiles)
    func everyGlyphKeepsItsOutlineAndAdvance(file: String) throws {
        let original = try bytes(file)
        let unhinted = try #require(strip(original))
        try withFaces(original, unhinted) { before, after in
            #expect(before.pointee.num_glyphs == after.pointee.num_glyphs)
            var composites = 0
            for glyph in 0..<UInt32(before.pointee.num_glyphs) {
                let a = try outline(of: glyph, in: before)
                let b = try outline(of: glyph, in: after)
                #expect(a == b, "glyph \(glyph) of \(file) changed")
                if a.isComposite { composites += 1 }
            }
            if file.hasPrefix("DejaVu") { #expect(composites > 100, "the composite glyph path must be exercised") }
        }
    }

    @Test(arguments: fontFiles)
    func hintingIsGone(file: String) throws {
        let original = try bytes(file)
        let unhinted = try #require(strip(original))
        try withFaces(original, unhinted) { before, after in
            for tag in ["fpgm", "prep", "cvt "] {
                #expect(tableLength(tag, in: before) > 0, "\(file) had \(tag)")
                #expect(tableLength(tag, in: after) == 0, "\(file) still has \(tag)")
            }
            // No glyph carries instructions any more (the header's maximum is not trusted).
            #expect(tableLength("glyf", in: after) < tableLength("glyf", in: before))
        }
        // A font already without hinting has nothing to strip.
        #expect(strip(unhinted) == nil)
    }

    @Test func ptSansGlyphsShrinkToLessThanAThird() throws {
        // 80 % of PT Sans's glyf table is instructions.
        let original = try bytes("PTSans-Regular.ttf")
        let unhinted = try #require(strip(original))
        try withFaces(original, unhinted) { before, after in
            #expect(tableLength("glyf", in: after) * 3 < tableLength("glyf", in: before))
        }
    }

    @Test func truncatedOrDamagedFontsAreRefusedWithoutCrashing() throws {
        let original = try bytes("PTSans-Regular.ttf")
        for length in [0, 4, 11, 12, 100, 400, original.count / 3, original.count - 1] {
            let cut = Array(original.prefix(length))
            if length < original.count / 2 { #expect(strip(cut) == nil, "a \(length)-byte prefix") } else { _ = strip(cut) }
        }
        #expect(strip(Array(repeating: 0xFF, count: 4096)) == nil)
        // A glyph offset pointing past the end of glyf.
        var damaged = original
        let loca = try #require(tableRecord("loca", in: original))
        damaged[loca.offset + 2] = 0xFF
        damaged[loca.offset + 3] = 0xFF
        #expect(strip(damaged) == nil)
    }

    @Test func theBundledFontBookUsesTheUnhintedFonts() throws {
        // The embedded subsets are what it is all for: no hinting programs reach the PDF.
        let document = Document(body: [paragraph("Заявка на перевозку груза № 42 — Бишкек, Алматы")])
        let pdf = try PDFRenderer().render(try LayoutEngine(fonts: bundledFonts).layout(document))
        let path = try temporaryFile(pdf, suffix: ".pdf")
        let qdf = path + ".qdf"
        _ = try run("qpdf", ["--qdf", "--object-streams=disable", path, qdf])
        let expanded = try Data(contentsOf: URL(fileURLWithPath: qdf))
        #expect(expanded.count > 0)
        #expect(expanded.range(of: Data("fpgm".utf8)) == nil)
        #expect(expanded.range(of: Data("prep".utf8)) == nil)
    }

    // MARK: - FreeType helpers

    struct Outline: Equatable {
        var points: [Int]
        var tags: [UInt8]
        var contours: [Int16]
        var advance: Int
        var isComposite: Bool
    }

    func withFaces(_ a: [UInt8], _ b: [UInt8], _ body: (FT_Face, FT_Face) throws -> Void) throws {
        var library: FT_Library?
        #expect(FT_Init_FreeType(&library) == 0)
        defer { FT_Done_FreeType(library) }
        try a.withUnsafeBufferPointer { aBytes in
            try b.withUnsafeBufferPointer { bBytes in
                var faceA: FT_Face?
                var faceB: FT_Face?
                #expect(FT_New_Memory_Face(library, aBytes.baseAddress, FT_Long(a.count), 0, &faceA) == 0)
                #expect(FT_New_Memory_Face(library, bBytes.baseAddress, FT_Long(b.count), 0, &faceB) == 0)
                defer { FT_Done_Face(faceA); FT_Done_Face(faceB) }
                try body(try #require(faceA), try #require(faceB))
            }
        }
    }

    func outline(of glyph: UInt32, in face: FT_Face) throws -> Outline {
        #expect(FT_Load_Glyph(face, glyph, Int32(FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING)) == 0)
        let slot = try #require(face.pointee.glyph)
        let outline = slot.pointee.outline
        let count = Int(outline.n_points)
        var points: [Int] = []
        for i in 0..<count { points += [outline.points[i].x, outline.points[i].y] }
        let tags = (0..<count).map { UInt8(bitPattern: outline.tags[$0]) }
        let contours = (0..<Int(outline.n_contours)).map { outline.contours[$0] }
        let advance = slot.pointee.advance.x
        // A composite glyph loaded without FT_LOAD_NO_RECURSE comes back flattened; ask again
        // with it to learn whether the glyph was one.
        #expect(FT_Load_Glyph(face, glyph, Int32(FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_RECURSE)) == 0)
        let composite: UInt32 = 0x636F_6D70  // FT_GLYPH_FORMAT_COMPOSITE, 'comp'
        let isComposite = face.pointee.glyph.pointee.format.rawValue == composite
        return Outline(points: points, tags: tags, contours: contours, advance: advance, isComposite: isComposite)
    }

    func tableLength(_ tag: String, in face: FT_Face) -> Int {
        let code = tag.utf8.reduce(UInt(0)) { $0 << 8 | UInt($1) }
        var length: FT_ULong = 0
        return FT_Load_Sfnt_Table(face, code, 0, nil, &length) == 0 ? Int(length) : 0
    }

    func tableRecord(_ tag: String, in font: [UInt8]) -> (offset: Int, length: Int)? {
        let count = Int(font[4]) << 8 | Int(font[5])
        func uint32(_ at: Int) -> Int { font[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        for index in 0..<count {
            let record = 12 + index * 16
            if String(decoding: font[record..<(record + 4)], as: UTF8.self) == tag { return (uint32(record + 8), uint32(record + 12)) }
        }
        return nil
    }
}
