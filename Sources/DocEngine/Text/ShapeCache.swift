import Synchronization

/// Glyphs of one piece of text in one face, in font units (independent of size,
/// because HarfBuzz's OpenType functions shape without hinting).
struct ShapedText: Sendable {
    var glyphs: [UInt32]
    var advances: [Int32]
    var offsetsX: [Int32]
    var offsetsY: [Int32]
    /// UTF-8 byte offset of each glyph's cluster in the shaped text.
    var clusters: [UInt32]
    var totalAdvance: Int
}

/// Shaped words shared across documents: invoices repeat the same labels and names,
/// so most words are shaped once per process.
final class ShapeCache: Sendable {
    private struct Key: Hashable {
        let face: Int
        let text: String
    }

    /// Past this many entries the cache starts over rather than growing without bound.
    private static let capacity = 200_000
    private let storage = Mutex<[Key: ShapedText]>([:])

    func shaped(_ text: String, face: FontFace) -> ShapedText {
        let key = Key(face: face.id.index, text: text)
        if let hit = storage.withLock({ $0[key] }) { return hit }
        let result = Shaper.shape(text, with: face)
        storage.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = result
        }
        return result
    }
}
