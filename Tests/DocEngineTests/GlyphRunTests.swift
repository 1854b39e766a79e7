@testable import DocEngine
import Foundation
import Testing

/// A glyph run keeps its face, glyphs, text and clusters in one shared box (`GlyphRun.Content`),
/// copied on write: a run is a value like any other, whatever its copies do.
@Suite struct GlyphRunTests {
    func someRun() throws -> GlyphRun {
        let page = try LayoutEngine(fonts: bundledFonts).layout(Document(body: [paragraph("Бишкек — Алматы")])).pages[0]
        for item in page.items { if case .glyphs(let run) = item { return run } }
        throw CocoaError(.featureUnsupported)
    }

    @Test func aCopyChangesAloneEveryPart() throws {
        let original = try someRun()
        let glyphs = original.glyphs, text = original.text, clusters = original.clusters, font = original.font
        var copy = original
        copy.glyphs.append(PositionedGlyph(id: 1, x: 0, y: 0))
        copy.text += "!"
        copy.clusters.append(GlyphCluster(byteCount: 1, glyphCount: 1))
        copy.origin.x += 10
        #expect(original.glyphs == glyphs && original.text == text && original.clusters == clusters)
        #expect(copy.glyphs.count == glyphs.count + 1 && copy.text == text + "!" && copy.clusters.count == clusters.count + 1)

        var other = original
        let bold = bundledFonts.primaryFace(for: TextStyle(isBold: true))
        #expect(bold !== font)
        other.font = bold
        #expect(original.font === font && other.font === bold)
        #expect(original.glyphs == glyphs && other.glyphs == glyphs)
    }
}
