import Synchronization

/// Laid-out paragraphs shared across documents. An invoice's labels, headings, column titles,
/// terms and requisites, and many of its item names, come back in every invoice at the same
/// width, and laying a paragraph out again (its words, their shaping, the line breaks, every
/// glyph's place) is most of what a render's layout costs.
///
/// Laying out is a function of what the key holds and of the font book, which owns the cache,
/// so an entry is exactly what laying out again would give. Only paragraphs of text and line
/// breaks are kept: a page number depends on the page, and an image is not worth hashing. The
/// texts' origins (a JSON path, a template position) are not part of the key: they only name a
/// character that cannot be drawn, and a paragraph with one never gets here.
final class ParagraphCache: Sendable {
    struct Key: Hashable, Sendable {
        let content: [Inline]
        let alignment: Alignment
        let leading: Double
        let indent: Double
        let width: Double
        let language: String
        /// Worked out once: a lookup probes a few entries, and comparing this first turns most
        /// of them away without looking at their texts and styles.
        let digest: Int

        /// The key of `paragraph` laid out `width` wide, or nil when it is not kept.
        init?(_ paragraph: Paragraph, width: Double, language: TextLanguage) {
            for inline in paragraph.content {
                switch inline {
                case .text, .lineBreak: continue
                case .pageNumber, .pageCount, .image: return nil
                }
            }
            content = paragraph.content
            alignment = paragraph.alignment
            leading = paragraph.leading
            indent = paragraph.indent
            self.width = width
            self.language = language.tag.identifier
            var hasher = Hasher()
            hasher.combine(alignment)
            hasher.combine(leading)
            hasher.combine(indent)
            hasher.combine(width)
            hasher.combine(self.language)
            for inline in content {
                switch inline {
                case .text(let text, let style, _):
                    hasher.combine(style)
                    text.hashUTF8(into: &hasher)
                default:
                    hasher.combine(0xB7EA)  // a line break
                }
            }
            digest = hasher.finalize()
        }

        static func == (left: Key, right: Key) -> Bool {
            guard left.digest == right.digest, left.alignment == right.alignment, left.leading == right.leading,
                left.indent == right.indent, left.width == right.width, left.language == right.language,
                left.content.count == right.content.count
            else { return false }
            for (a, b) in zip(left.content, right.content) {
                switch (a, b) {
                case (.text(let textA, let styleA, _), .text(let textB, let styleB, _)):
                    guard styleA == styleB, textA.hasSameUTF8(as: textB) else { return false }
                case (.lineBreak, .lineBreak): continue
                default: return false
                }
            }
            return true
        }

        func hash(into hasher: inout Hasher) { hasher.combine(digest) }
    }

    /// Past this many glyphs held the cache starts over: at about 50 bytes a glyph (its place,
    /// its share of the run's text and clusters, the key's texts) some 15 MB at most, where the
    /// built-in documents' repeated paragraphs in three languages hold tens of thousands.
    private static let glyphCapacity = 300_000
    private let storage = Mutex<(lines: [Key: [LaidLine]], glyphs: Int)>(([:], 0))

    func lines(for key: Key) -> [LaidLine]? {
        storage.withLock { $0.lines[key] }
    }

    func remember(_ lines: [LaidLine], for key: Key) {
        let glyphs = lines.reduce(0) { $0 + $1.glyphCount }
        storage.withLock { storage in
            if storage.glyphs + glyphs > Self.glyphCapacity {
                storage.lines.removeAll(keepingCapacity: true)
                storage.glyphs = 0
            }
            if storage.lines.updateValue(lines, forKey: key) == nil { storage.glyphs += glyphs }
        }
    }
}

extension LaidLine {
    /// The glyphs the line draws, to bound what the cache holds.
    var glyphCount: Int {
        items.reduce(0) { count, item in
            if case .glyphs(let run) = item { count + run.glyphs.count } else { count + 1 }
        }
    }
}
