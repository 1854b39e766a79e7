internal import CHarfBuzz

/// Shapes text with HarfBuzz: glyph choice, kerning and ligatures of the font's OpenType tables.
enum Shaper {
    static func shape(_ text: String, with face: FontFace) -> ShapedText {
        let buffer = hb_buffer_create()
        defer { hb_buffer_destroy(buffer) }
        var text = text
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                hb_buffer_add_utf8(buffer, chars.baseAddress, Int32(chars.count), 0, Int32(chars.count))
            }
        }
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(face.hbFont, buffer, nil, 0)

        var count: UInt32 = 0
        let infos = hb_buffer_get_glyph_infos(buffer, &count)
        let positions = hb_buffer_get_glyph_positions(buffer, &count)
        var result = ShapedText(
            glyphs: [], advances: [], offsetsX: [], offsetsY: [], clusters: [], totalAdvance: 0)
        let n = Int(count)
        result.glyphs.reserveCapacity(n)
        result.advances.reserveCapacity(n)
        result.clusters.reserveCapacity(n)
        for i in 0..<n {
            let info = infos![i]
            let position = positions![i]
            result.glyphs.append(info.codepoint)
            result.clusters.append(info.cluster)
            result.advances.append(position.x_advance)
            result.offsetsX.append(position.x_offset)
            result.offsetsY.append(position.y_offset)
            result.totalAdvance += Int(position.x_advance)
        }
        return result
    }
}
