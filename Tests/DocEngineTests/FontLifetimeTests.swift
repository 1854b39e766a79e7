import CCairo
@testable import DocEngine
import Foundation
import Testing

/// An `FT_Face` and its bytes live exactly as long as cairo's font face needs them, and laid-out
/// pages hold their faces, so nothing is freed while anything can still draw with it.
@Suite struct FontLifetimeTests {
    func makeFace() throws -> FontFace {
        let name = "PTSans-Regular.ttf"
        let file = try MappedFile(path: repositoryRoot.appendingPathComponent("Fonts/\(name)").path)
        return try FontFace(index: 0, file: file, library: FreeTypeLibrary(), fileName: name)
    }

    /// How many pixels a glyph drawn 30 pt tall with `cairoFace` inks on a small surface.
    func inkedPixels(drawing glyph: UInt32, with cairoFace: OpaquePointer) -> Int {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 40, 40)!
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)!
        cairo_set_font_face(context, cairoFace)
        cairo_set_font_size(context, 30)
        var positioned = cairo_glyph_t(index: UInt(glyph), x: 5, y: 32)
        cairo_show_glyphs(context, &positioned, 1)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        return (0..<40).reduce(0) { total, y in total + (0..<40).filter { data[y * stride + $0] > 0 }.count }
    }

    /// cairo's caches keep font faces after their owner lets go (simulated here by holding a
    /// reference): the face they hold must still draw, not read a freed `FT_Face`.
    @Test func aFaceCairoStillHoldsOutlivesItsSwiftOwnerAndStillDraws() throws {
        var face: FontFace? = try makeFace()
        let glyph = try #require(face?.glyph(for: "Ж"))
        let cairoFace = cairo_font_face_reference(face!.cairoFace)!
        weak let owner = face?.freeType
        face = nil
        #expect(owner != nil, "the FT_Face was freed while cairo still held its font face")
        #expect(inkedPixels(drawing: glyph, with: cairoFace) > 50)
        cairo_font_face_destroy(cairoFace)
    }

    /// cairo's destroy callback releases the `FT_Face` and its bytes: nothing leaks either.
    @Test func theFreeTypeFaceGoesWhenCairoLetsGo() throws {
        var face: FontFace? = try makeFace()
        let cairoFace = cairo_font_face_reference(face!.cairoFace)!
        weak let owner = face?.freeType
        face = nil
        #expect(owner != nil)
        cairo_font_face_destroy(cairoFace)
        #expect(owner == nil, "cairo's destroy callback did not release the FT_Face")

        var unused: FontFace? = try makeFace()
        weak let unusedOwner = unused?.freeType
        unused = nil
        #expect(unusedOwner == nil)
    }

    /// Glyph runs carry their faces: pages laid out with a font book that no longer exists
    /// render exactly as pages laid out with the shared one.
    @Test func pagesRenderWithoutTheFontBookTheyWereLaidOutWith() throws {
        let document = Document(body: [paragraph("Счёт на оплату № 42 — Бишкек, «Ала-Тоо Транс»"), paragraph("Total 1 000.00 KGS")])
        weak var temporaryBook: FontBook?
        let laidOut: LaidOutDocument = try {
            let book = try FontBook(directory: repositoryRoot.appendingPathComponent("Fonts"))
            temporaryBook = book
            return try LayoutEngine(fonts: book).layout(document)
        }()
        #expect(temporaryBook == nil, "the font book outlived its layout")
        let reference = try LayoutEngine(fonts: bundledFonts).layout(document)
        #expect(try PDFRenderer().render(laidOut) == PDFRenderer().render(reference))
        #expect(try PNGRenderer().render(laidOut.pages[0], dpi: 36) == PNGRenderer().render(reference.pages[0], dpi: 36))
    }
}
