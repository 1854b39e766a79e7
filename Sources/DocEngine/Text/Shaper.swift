internal import CHarfBuzz

/// Shapes text with HarfBuzz: glyph choice, kerning and ligatures of the font's OpenType tables,
/// with the language-specific forms of the document's language (never the process locale's).
enum Shaper {
    /// Shapes `text` in `face`.
    /// - Throws: `LayoutError.shapingFailed` when HarfBuzz could not allocate its buffer.
    static func shape(_ text: String, with face: FontFace, language: TextLanguage) throws(LayoutError) -> ShapedText {
        let buffer = try ShapingBuffer(text, language: language)
        hb_shape(face.hbFont, buffer.pointer, nil, 0)
        guard hb_buffer_allocation_successful(buffer.pointer) != 0 else { throw .shapingFailed(text: text) }

        var count: UInt32 = 0
        let infos = hb_buffer_get_glyph_infos(buffer.pointer, &count)
        let positions = hb_buffer_get_glyph_positions(buffer.pointer, &count)
        let n = Int(count)
        var glyphs: [UInt32] = [], advances: [Int32] = [], offsetsX: [Int32] = [], offsetsY: [Int32] = [], clusters: [UInt32] = []
        glyphs.reserveCapacity(n)
        advances.reserveCapacity(n)
        offsetsX.reserveCapacity(n)
        offsetsY.reserveCapacity(n)
        clusters.reserveCapacity(n)
        var totalAdvance = 0
        for i in 0..<n {
            let info = infos![i]
            let position = positions![i]
            glyphs.append(info.codepoint)
            clusters.append(info.cluster)
            advances.append(position.x_advance)
            offsetsX.append(position.x_offset)
            offsetsY.append(position.y_offset)
            totalAdvance += Int(position.x_advance)
        }
        return ShapedText(
            glyphs: glyphs, advances: advances, offsetsX: offsetsX, offsetsY: offsetsY, clusters: clusters, totalAdvance: totalAdvance)
    }
}

/// Owns one HarfBuzz buffer holding text ready to shape.
final class ShapingBuffer {
    let pointer: OpaquePointer

    /// Fills a buffer with `text` in `language`; direction and script are guessed from the text.
    /// - Throws: `LayoutError.shapingFailed` when HarfBuzz could not allocate room for the text.
    init(_ text: String, language: TextLanguage) throws(LayoutError) {
        let buffer: OpaquePointer = hb_buffer_create()
        var utf8Text = text
        utf8Text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                hb_buffer_add_utf8(buffer, chars.baseAddress, Int32(chars.count), 0, Int32(chars.count))
            }
        }
        // A failed allocation leaves the buffer empty and in error, not the text shaped.
        guard hb_buffer_allocation_successful(buffer) != 0 else {
            hb_buffer_destroy(buffer)
            throw .shapingFailed(text: text)
        }
        // Set before guessing: the guess fills only what is unset, and would take the process locale.
        hb_buffer_set_language(buffer, language.harfBuzz)
        hb_buffer_guess_segment_properties(buffer)
        pointer = buffer
    }

    deinit { hb_buffer_destroy(pointer) }

    /// The language the buffer will be shaped in, as HarfBuzz spells it.
    var languageIdentifier: String {
        hb_language_to_string(hb_buffer_get_language(pointer)).map { String(cString: $0) } ?? ""
    }
}
