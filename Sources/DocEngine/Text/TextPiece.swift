/// A shaped stretch of a paragraph in one face and style that never breaks inside.
struct TextPiece {
    enum Kind {
        case text
        /// Spaces at the end of a word: dropped at a line end, stretched when justifying.
        case space(count: Int)
        case image(ImageAsset, width: Double, height: Double)
    }

    var kind: Kind
    var text: String
    var face: FontFace
    var style: TextStyle
    var shaped: ShapedText
    var width: Double

    var isSpace: Bool {
        if case .space = kind { return true }
        return false
    }

    var ascent: Double {
        if case .image(_, _, let height) = kind { return height }
        return face.ascender / face.unitsPerEm * style.size
    }

    var descent: Double {
        if case .image = kind { return 0 }
        return face.descender / face.unitsPerEm * style.size
    }
}

/// Pieces between two line-break opportunities.
struct Word {
    var pieces: [TextPiece] = []
    var mustBreakAfter = false
    /// A piece of an over-long word cut to fit the line, except its last piece: it never moves
    /// between lines on its own.
    var isFragment = false

    /// Whether it prints any text (not only an image or spaces).
    var hasText: Bool { pieces.contains { if case .text = $0.kind { true } else { false } } }

    /// Width without the trailing spaces, which vanish at a line end.
    var visibleWidth: Double {
        var width = 0.0
        var trailing = 0.0
        for piece in pieces {
            width += piece.width
            trailing = piece.isSpace ? trailing + piece.width : 0
        }
        return width - trailing
    }

    var fullWidth: Double { pieces.reduce(0) { $0 + $1.width } }
}
