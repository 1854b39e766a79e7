internal import CUnibreak

/// Page numbers known when a header or footer is laid out for a given page.
struct PageNumbers {
    var current: Int
    var total: Int
    /// Stand-in used while measuring, before pagination knows the real numbers.
    static let placeholder = PageNumbers(current: 88, total: 88)
}

/// Turns a paragraph's inline content into shaped words split at the Unicode line-break
/// opportunities of UAX #14 (libunibreak), tailored to the document's language.
struct WordBuilder {
    let fonts: FontBook
    let language: TextLanguage

    private static let objectReplacement: UInt32 = 0xFFFC
    private static let lineFeed: UInt32 = 0x0A

    private struct Atom {
        var style: Int
        var origin: String?
        var image: (ImageAsset, Double, Double)?
    }

    func words(for content: [Inline], pages: PageNumbers) throws(LayoutError) -> [Word] {
        // Flatten the runs into one scalar array, because line-break opportunities depend on
        // neighbours across style boundaries ("№" bold + "42" regular must stay together).
        var scalars: [UInt32] = []
        var atomOf: [Int] = []
        var atoms: [Atom] = []
        var styles: [TextStyle] = []
        func styleIndex(_ style: TextStyle) -> Int {
            if let last = styles.last, last == style { return styles.count - 1 }
            styles.append(style)
            return styles.count - 1
        }
        for inline in content {
            switch inline {
            case .text(let text, let style, let origin):
                atoms.append(Atom(style: styleIndex(style), origin: origin))
                for scalar in text.unicodeScalars {
                    scalars.append(Self.normalised(scalar))
                    atomOf.append(atoms.count - 1)
                }
            case .pageNumber(let style), .pageCount(let style):
                let isCurrent: Bool = if case .pageNumber = inline { true } else { false }
                atoms.append(Atom(style: styleIndex(style), origin: nil))
                for scalar in String(isCurrent ? pages.current : pages.total).unicodeScalars {
                    scalars.append(scalar.value)
                    atomOf.append(atoms.count - 1)
                }
            case .lineBreak:
                atoms.append(Atom(style: styles.isEmpty ? styleIndex(TextStyle()) : styles.count - 1, origin: nil))
                scalars.append(Self.lineFeed)
                atomOf.append(atoms.count - 1)
            case .image(let asset, let width, let height):
                atoms.append(
                    Atom(style: styles.isEmpty ? styleIndex(TextStyle()) : styles.count - 1, origin: nil,
                         image: (asset, width, height)))
                scalars.append(Self.objectReplacement)
                atomOf.append(atoms.count - 1)
            }
        }
        guard !scalars.isEmpty else { return [] }

        let breaks = LineBreakRules.opportunities(scalars, language: language)

        // Resolving a style to its face is a search; do it once per style, not per character.
        let primaryFaces = styles.map { fonts.primaryFace(for: $0) }
        var words: [Word] = []
        var word = Word()
        var pending = PendingPiece()
        for index in scalars.indices {
            let value = scalars[index]
            // Read the atom's fields in place: copying the atom and its style per character
            // (strings, an image) costs more than everything else in this loop.
            let atomIndex = atomOf[index]
            let styleIndex = atoms[atomIndex].style
            if value == Self.lineFeed {
                try flush(&pending, into: &word)
                word.mustBreakAfter = true
                words.append(word)
                word = Word()
                continue
            }
            if value == Self.objectReplacement, let (asset, width, height) = atoms[atomIndex].image {
                try flush(&pending, into: &word)
                let style = styles[styleIndex]
                let face = fonts.primaryFace(for: style)
                word.pieces.append(
                    TextPiece(
                        kind: .image(asset, width: width, height: height), text: "", face: face, style: style,
                        shaped: .empty,
                        width: width))
            } else if let scalar = Unicode.Scalar(value) {
                let primary = primaryFaces[styleIndex]
                let face = primary.covers(scalar)
                    ? primary : fonts.face(for: scalar, style: styles[styleIndex], primary: primary)
                if let face {
                    // A no-break space is a space that does not break: it stretches with the others
                    // when a line is justified, while line breaking (UAX #14) keeps its words together.
                    let isSpace = value == 0x20 || value == 0xA0
                    if !pending.accepts(face: face, style: styleIndex, isSpace: isSpace) {
                        try flush(&pending, into: &word)
                    }
                    if pending.face == nil {
                        pending.start(face: face, style: styles[styleIndex], styleIndex: styleIndex, isSpace: isSpace)
                    }
                    pending.append(scalar)
                } else if !scalar.properties.isDefaultIgnorableCodePoint {
                    throw .missingGlyph(Character(scalar), origin: atoms[atomIndex].origin)
                }
                // Default-ignorable characters no font draws (zero-width space, soft hyphen)
                // still count as break opportunities below; they simply print nothing.
            }
            let opportunity = breaks[index]
            if index < scalars.count - 1, opportunity != .none {
                try flush(&pending, into: &word)
                word.mustBreakAfter = opportunity == .mandatory
                words.append(word)
                word = Word()
            }
        }
        try flush(&pending, into: &word)
        if !word.pieces.isEmpty { words.append(word) }
        return words
    }

    /// Tabs and other spacing controls print as a space; other controls print nothing.
    private static func normalised(_ scalar: Unicode.Scalar) -> UInt32 {
        switch scalar.value {
        case 0x09: 0x20
        case 0x0D: 0x200B  // a CR of a CRLF pair: the LF does the breaking
        case 0x0A: 0x0A
        case 0x00..<0x20, 0x7F: 0x200B
        default: scalar.value
        }
    }

    private func flush(_ pending: inout PendingPiece, into word: inout Word) throws(LayoutError) {
        guard let face = pending.face, let style = pending.style, !pending.utf8.isEmpty else { return }
        word.pieces.append(try makePiece(pending.text, face: face, style: style, isSpace: pending.isSpace))
        pending.reset()
    }

    /// Shapes `text` into a piece.
    /// - Throws: `LayoutError.shapingFailed` when HarfBuzz runs out of memory.
    func makePiece(_ text: String, face: FontFace, style: TextStyle, isSpace: Bool) throws(LayoutError) -> TextPiece {
        let shaped = try fonts.shapeCache.shaped(text, face: face, language: language)
        let width = Double(shaped.totalAdvance) / face.unitsPerEm * style.size
        return TextPiece(
            kind: isSpace ? .space(count: text.unicodeScalars.count) : .text, text: text, face: face, style: style,
            shaped: shaped, width: width)
    }
}

/// The piece being collected: scalars that share a face, a style and space-ness.
private struct PendingPiece {
    /// The text so far as UTF-8, turned into a `String` once, when the piece is complete.
    private(set) var utf8: [UInt8] = []
    private(set) var face: FontFace?
    private(set) var style: TextStyle?
    private(set) var styleIndex = -1
    private(set) var isSpace = false

    var text: String { String(decoding: utf8, as: UTF8.self) }

    func accepts(face: FontFace, style: Int, isSpace: Bool) -> Bool {
        self.face == nil || (self.face === face && styleIndex == style && self.isSpace == isSpace)
    }

    /// Begins a piece in `face` and `style`; call only while `face` is nil.
    mutating func start(face: FontFace, style: TextStyle, styleIndex: Int, isSpace: Bool) {
        self.face = face
        self.style = style
        self.styleIndex = styleIndex
        self.isSpace = isSpace
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        // Byte by byte: appending `UTF8.encode(scalar)`'s buffer went through a generic
        // collection append, some 100 instructions for every character of every paragraph.
        let value = scalar.value
        switch value {
        case 0..<0x80:
            utf8.append(UInt8(value))
        case 0x80..<0x800:
            utf8.append(UInt8(0xC0 | value >> 6))
            utf8.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            utf8.append(UInt8(0xE0 | value >> 12))
            utf8.append(UInt8(0x80 | value >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | value & 0x3F))
        default:
            utf8.append(UInt8(0xF0 | value >> 18))
            utf8.append(UInt8(0x80 | value >> 12 & 0x3F))
            utf8.append(UInt8(0x80 | value >> 6 & 0x3F))
            utf8.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// Empties the piece, keeping the buffer's storage for the next one.
    mutating func reset() {
        utf8.removeAll(keepingCapacity: true)
        face = nil
        style = nil
        styleIndex = -1
        isSpace = false
    }
}

/// UAX #14 line-break opportunities from libunibreak, tailored by language (libunibreak knows,
/// for instance, that « opens and » closes a Russian quotation).
enum LineBreakRules {
    /// What may happen after a character.
    enum Opportunity: Equatable {
        /// The line must break here (after a line feed).
        case mandatory
        /// The line may break here.
        case allowed
        /// The line must not break here, or the character is inside a grapheme.
        case none
    }

    /// libunibreak wants its tables initialised once per process before use.
    private static let once: Void = { init_linebreak() }()

    /// The opportunity after each scalar of `scalars` in `language`.
    static func opportunities(_ scalars: [UInt32], language: TextLanguage) -> [Opportunity] {
        _ = once
        var breaks = [CChar](repeating: 0, count: scalars.count)
        set_linebreaks_utf32(scalars, scalars.count, language.lineBreakTag, &breaks)
        return breaks.map { value in
            switch Int32(value) {
            case LINEBREAK_MUSTBREAK: .mandatory
            case LINEBREAK_ALLOWBREAK: .allowed
            default: .none
            }
        }
    }
}
