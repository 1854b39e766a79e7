import Synchronization

/// Glyphs of one piece of text in one face, in font units (independent of size,
/// because HarfBuzz's OpenType functions shape without hinting).
///
/// A class, shared and never changed: a word's shaping is copied with every piece of text made
/// from it (a word, a line, a paragraph cache entry), and a copy is then one reference count
/// instead of one per array.
final class ShapedText: Sendable {
    let glyphs: [UInt32]
    let advances: [Int32]
    let offsetsX: [Int32]
    let offsetsY: [Int32]
    /// UTF-8 byte offset of each glyph's cluster in the shaped text.
    let clusters: [UInt32]
    let totalAdvance: Int

    init(glyphs: [UInt32], advances: [Int32], offsetsX: [Int32], offsetsY: [Int32], clusters: [UInt32], totalAdvance: Int) {
        self.glyphs = glyphs
        self.advances = advances
        self.offsetsX = offsetsX
        self.offsetsY = offsetsY
        self.clusters = clusters
        self.totalAdvance = totalAdvance
    }

    /// No glyphs: what an image's piece carries.
    static let empty = ShapedText(glyphs: [], advances: [], offsetsX: [], offsetsY: [], clusters: [], totalAdvance: 0)
}

/// Shaped words shared across documents: invoices repeat the same labels and names,
/// so most words are shaped once per process (per face and language).
final class ShapeCache: Sendable {
    /// Keyed by the text's UTF-8 bytes (`ExactText`): HarfBuzz shapes bytes and the clusters count
    /// them, so «é» as one scalar and as «e» with a combining accent must not share an entry.
    private struct Key: Hashable {
        let face: Int
        let language: Int
        let text: String

        static func == (left: Key, right: Key) -> Bool {
            left.face == right.face && left.language == right.language && left.text.hasSameUTF8(as: right.text)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(face)
            hasher.combine(language)
            text.hashUTF8(into: &hasher)
        }
    }

    /// Past this many entries the cache starts over rather than growing without bound.
    private static let capacity = 200_000
    private let storage = Mutex<[Key: ShapedText]>([:])

    /// The text shaped in `face` and `language`, from the cache when it was shaped before.
    /// - Throws: `LayoutError.shapingFailed` when HarfBuzz runs out of memory.
    func shaped(_ text: String, face: FontFace, language: TextLanguage) throws(LayoutError) -> ShapedText {
        let key = Key(face: face.index, language: language.cacheKey, text: text)
        if let hit = storage.withLock({ $0[key] }) { return hit }
        let result = try Shaper.shape(text, with: face, language: language)
        storage.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = result
        }
        return result
    }
}
