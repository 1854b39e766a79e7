/// A laid-out line: its height and items relative to the line's top-left corner.
struct LaidLine: Sendable {
    var height: Double
    var items: [FrameItem]
}

/// Breaks a paragraph into lines (greedy, first fit) and positions their glyphs.
struct ParagraphLayout {
    let fonts: FontBook
    /// The document's language, for shaping and line breaking.
    let language: TextLanguage
    /// Lets a line overflow by rounding noise, never by a visible amount.
    private static let tolerance = 0.01
    /// A line that gives its last word to a lone word below must still fill this share of its width.
    static let minimumFillAfterMove = 0.7
    /// …or, justified, stretch each space by at most this many times its own width.
    static let maximumJustifiedStretch = 1.5

    /// Lays out `paragraph` in `width` points; a paragraph laid out before at this width, in this
    /// language, comes from the font book's `ParagraphCache`.
    func lines(_ paragraph: Paragraph, width: Double, pages: PageNumbers = .placeholder) throws(LayoutError)
        -> [LaidLine]
    {
        guard let key = ParagraphCache.Key(paragraph, width: width, language: language) else {
            return try layOut(paragraph, width: width, pages: pages)
        }
        if let cached = fonts.paragraphCache.lines(for: key) { return cached }
        let lines = try layOut(paragraph, width: width, pages: pages)
        fonts.paragraphCache.remember(lines, for: key)
        return lines
    }

    private func layOut(_ paragraph: Paragraph, width: Double, pages: PageNumbers) throws(LayoutError) -> [LaidLine] {
        let builder = WordBuilder(fonts: fonts, language: language)
        let words = try builder.words(for: paragraph.content, pages: pages)
        var broken: [BrokenLine] = []
        var line: [Word] = []
        var lineWidth = 0.0
        var available = width - paragraph.indent

        func finish(isLast: Bool) {
            broken.append(BrokenLine(words: line, width: available, isLast: isLast))
            line = []
            lineWidth = 0
            available = width
        }

        for word in words {
            // A number wider than a whole line is set smaller rather than cut (see `shrunkToFit`).
            let word = word.visibleWidth > width + Self.tolerance ? try shrunkToFit(word, width: width, builder: builder) : word
            let pieces = word.visibleWidth > available + Self.tolerance
                ? try split(word, width: width, firstAvailable: line.isEmpty ? available : 0, builder: builder)
                : [word]
            for (index, part) in pieces.enumerated() {
                if !line.isEmpty, lineWidth + part.visibleWidth > available + Self.tolerance {
                    finish(isLast: false)
                }
                var part = part
                part.isFragment = pieces.count > 1 && index < pieces.count - 1
                line.append(part)
                lineWidth += part.fullWidth
                if part.mustBreakAfter { finish(isLast: true) }
            }
        }
        if !line.isEmpty || broken.isEmpty { finish(isLast: true) }
        Self.avoidLoneWords(&broken, justified: paragraph.alignment == .justify)
        return broken.enumerated().map { index, line in
            place(line.words.flatMap(\.pieces), width: line.width, alignment: paragraph.alignment, isLast: line.isLast,
                  leading: paragraph.leading, indent: index == 0 ? paragraph.indent : 0)
        }
    }

    /// A line as the breaker chose it, before its glyphs are placed.
    struct BrokenLine {
        var words: [Word]
        /// The width the line may fill (less the first line's indent).
        var width: Double
        /// Whether it ends its paragraph or a forced line break.
        var isLast: Bool
    }

    /// No lone word on the last line of a paragraph (or before a forced break) when the line
    /// above can spare one: its last word moves down to keep the orphan company, as a typesetter
    /// would. Only when the line above keeps at least two words, the pair fits the width, and
    /// the line above does not gape: a justified line's spaces may grow to at most
    /// `maximumJustifiedStretch` times their width plus their own, another line must still fill
    /// `minimumFillAfterMove` of its width.
    static func avoidLoneWords(_ lines: inout [BrokenLine], justified: Bool) {
        for index in lines.indices.dropFirst() where lines[index].isLast && !lines[index - 1].isLast {
            guard lines[index].words.count == 1, lines[index - 1].words.count >= 3,
                let moved = lines[index - 1].words.last, let lone = lines[index].words.first,
                !moved.isFragment, !lone.isFragment, moved.hasText, lone.hasText,
                moved.fullWidth + lone.visibleWidth <= lines[index].width + tolerance
            else { continue }
            let remaining = Array(lines[index - 1].words.dropLast())
            let natural = remaining.dropLast().reduce(0) { $0 + $1.fullWidth } + (remaining.last?.visibleWidth ?? 0)
            let slack = lines[index - 1].width - natural
            if justified {
                // The spaces that will stretch: all but the trailing ones of the last word.
                var spaces = 0.0
                var spaceWidth = 0.0
                for (position, word) in remaining.enumerated() {
                    var pieces = word.pieces[...]
                    if position == remaining.count - 1 { while let last = pieces.last, last.isSpace { pieces.removeLast() } }
                    for piece in pieces {
                        if case .space(let count) = piece.kind {
                            spaces += Double(count)
                            spaceWidth += piece.width
                        }
                    }
                }
                guard spaces > 0, slack / spaces <= maximumJustifiedStretch * (spaceWidth / spaces) else { continue }
            } else {
                guard natural >= lines[index - 1].width * minimumFillAfterMove else { continue }
            }
            lines[index - 1].words.removeLast()
            lines[index].words.insert(moved, at: 0)
        }
    }

    /// The narrowest and widest sensible widths of the content, for auto table columns.
    func intrinsicWidths(_ paragraph: Paragraph) throws(LayoutError) -> (min: Double, max: Double) {
        let words = try WordBuilder(fonts: fonts, language: language).words(for: paragraph.content, pages: .placeholder)
        var minimum = 0.0
        var maximum = 0.0
        var current = paragraph.indent
        for word in words {
            minimum = max(minimum, min(word.visibleWidth, Self.longestUnbrokenWord))
            maximum = max(maximum, current + word.visibleWidth)
            current += word.fullWidth
            if word.mustBreakAfter { current = 0 }
        }
        return (minimum + paragraph.indent, maximum)
    }

    /// Words longer than this (IBANs, URLs) count as breakable when sizing auto columns.
    private static let longestUnbrokenWord = 110.0

    // MARK: - Placing a line

    private func place(
        _ pieces: [TextPiece], width: Double, alignment: Alignment, isLast: Bool, leading: Double, indent: Double
    ) -> LaidLine {
        var pieces = pieces
        while let last = pieces.last, last.isSpace { pieces.removeLast() }
        let fallbackStyle = TextStyle()
        // One pass, no temporary arrays: this runs for every line of every paragraph.
        var largestSize: Double?
        var largestAscent: Double?
        var largestDescent: Double?
        for piece in pieces {
            largestSize = max(largestSize ?? piece.style.size, piece.style.size)
            largestAscent = max(largestAscent ?? piece.ascent, piece.ascent)
            largestDescent = max(largestDescent ?? piece.descent, piece.descent)
        }
        let maxSize = largestSize ?? fallbackStyle.size
        let ascent = largestAscent ?? maxSize * 0.8
        let descent = largestDescent ?? maxSize * 0.2
        let height = max(maxSize * leading, ascent + descent)
        let baseline = (height - (ascent + descent)) / 2 + ascent

        let natural = pieces.reduce(0) { $0 + $1.width }
        let slack = max(0, width - natural)
        var x = indent
        var extraPerSpace = 0.0
        switch alignment {
        case .left: break
        case .right: x += slack
        case .center: x += slack / 2
        case .justify:
            let spaces = pieces.reduce(0) { total, piece in
                if case .space(let count) = piece.kind { total + count } else { total }
            }
            if !isLast, spaces > 0 { extraPerSpace = slack / Double(spaces) }
        }

        // Adjacent pieces in one face, size and colour become one glyph run (spaces included),
        // so the PDF gets one text operation per styled stretch rather than one per word.
        var items: [FrameItem] = []
        var run: GlyphRun?
        func flushRun() {
            if let finished = run { items.append(.glyphs(finished)) }
            run = nil
        }
        for piece in pieces {
            switch piece.kind {
            case .image(let asset, let w, let h):
                flushRun()
                items.append(.image(asset, Rect(x: x, y: baseline - h, width: w, height: h)))
                x += piece.width
            case .space(let count):
                let stretch = extraPerSpace * Double(count)
                if let open = run, !open.continues(with: piece) { flushRun() }
                append(piece, at: x, baseline: baseline, extraPerGlyph: extraPerSpace, to: &run)
                if piece.style.isUnderlined {
                    items.append(underline(from: x, to: x + piece.width + stretch, baseline: baseline, piece: piece))
                }
                x += piece.width + stretch
            case .text:
                if let open = run, !open.continues(with: piece) { flushRun() }
                append(piece, at: x, baseline: baseline, extraPerGlyph: 0, to: &run)
                if piece.style.isUnderlined {
                    items.append(underline(from: x, to: x + piece.width, baseline: baseline, piece: piece))
                }
                x += piece.width
            }
        }
        flushRun()
        return LaidLine(height: height, items: items)
    }

    private func underline(from x0: Double, to x1: Double, baseline: Double, piece: TextPiece) -> FrameItem {
        let y = baseline + piece.style.size * 0.12
        return .line(from: Point(x: x0, y: y), to: Point(x: x1, y: y), width: piece.style.size * 0.06,
                     color: piece.style.color)
    }

    /// Adds a piece's glyphs to the open run (the caller closes a run whose look differs),
    /// or starts a new run.
    private func append(_ piece: TextPiece, at x: Double, baseline: Double, extraPerGlyph: Double, to run: inout GlyphRun?) {
        let shaped = piece.shaped
        guard !shaped.glyphs.isEmpty else { return }
        // Work on a local run, with the optional emptied, so the arrays are uniquely referenced
        // and grow in place. (Reserving exactly `count + new` here used to reallocate the whole
        // run for every piece: quadratic in the length of a line.)
        var current = run ?? GlyphRun(
            font: piece.face, size: piece.style.size, color: piece.style.color, origin: Point(x: x, y: baseline),
            glyphs: [], text: "", clusters: [], isUnderlined: false)
        run = nil
        let scale = piece.style.size / piece.face.unitsPerEm
        let start = x - current.origin.x
        var pen = 0.0
        for i in shaped.glyphs.indices {
            current.glyphs.append(PositionedGlyph(
                id: shaped.glyphs[i],
                x: start + pen + Double(shaped.offsetsX[i]) * scale,
                y: -Double(shaped.offsetsY[i]) * scale))
            pen += Double(shaped.advances[i]) * scale + extraPerGlyph
        }
        current.text += piece.text
        current.clusters += Self.clusters(shaped.clusters, byteCount: piece.text.utf8.count)
        run = current
    }

    /// Groups glyphs by HarfBuzz cluster into (bytes, glyphs) pairs, the form the PDF text layer takes.
    static func clusters(_ starts: [UInt32], byteCount: Int) -> [GlyphCluster] {
        var result: [GlyphCluster] = []
        var index = 0
        while index < starts.count {
            let start = starts[index]
            var glyphCount = 0
            while index < starts.count, starts[index] == start {
                glyphCount += 1
                index += 1
            }
            let next = index < starts.count ? Int(starts[index]) : byteCount
            result.append(GlyphCluster(byteCount: max(0, next - Int(start)), glyphCount: glyphCount))
        }
        return result
    }

    // MARK: - Breaking a word that is wider than the line

    /// The smallest size, as a share of its own, a number is set at to fit its line; a number that
    /// would need less breaks like any over-long word.
    static let minimumNumberScale = 0.6

    /// A number (digits with their group and decimal separators, signs, a percent or currency
    /// sign) wider than the line, set just small enough to fit it: an amount cut in two
    /// («999 998 999 000» / «,99») reads as two amounts, so a narrow column shrinks the number the
    /// way a spreadsheet's shrink-to-fit does. Any other word is returned as it is.
    private func shrunkToFit(_ word: Word, width: Double, builder: WordBuilder) throws(LayoutError) -> Word {
        let text = word.pieces.map(\.text).joined()
        guard word.pieces.allSatisfy({ if case .image = $0.kind { false } else { true } }),
            text.contains(where: \.isWholeNumber), text.allSatisfy(Self.belongsToANumber)
        else { return word }
        let scale = width / word.visibleWidth
        guard scale >= Self.minimumNumberScale else { return word }
        var shrunk = word
        shrunk.pieces = []
        for piece in word.pieces {
            var style = piece.style
            // A hair under the exact ratio, so rounding in the advances never tips it over the line.
            style.size = piece.style.size * scale * 0.999
            shrunk.pieces.append(try builder.makePiece(piece.text, face: piece.face, style: style, isSpace: piece.isSpace))
        }
        return shrunk
    }

    /// Whether a character may be part of a written number.
    private static func belongsToANumber(_ character: Character) -> Bool {
        character.isWholeNumber || character.isCurrencySymbol || character.isWhitespace
            || ",.'%+-\u{2212}\u{2009}\u{202F}\u{00A0}".contains(character)
    }

    /// Breaks an over-long word (an IBAN, a URL, a 300-letter name) between grapheme
    /// clusters so that it wraps inside its box instead of overflowing it.
    private func split(_ word: Word, width: Double, firstAvailable: Double, builder: WordBuilder) throws(LayoutError)
        -> [Word]
    {
        var parts: [Word] = []
        var current = Word()
        var currentWidth = 0.0
        var limit = firstAvailable > 0 ? firstAvailable : width
        for piece in word.pieces {
            guard case .text = piece.kind else {
                current.pieces.append(piece)
                currentWidth += piece.width
                continue
            }
            var chunk = ""
            var chunkWidth = 0.0
            for character in piece.text {
                let characterWidth = try builder.makePiece(
                    String(character), face: piece.face, style: piece.style, isSpace: false
                ).width
                if currentWidth + chunkWidth + characterWidth > limit + Self.tolerance,
                    !chunk.isEmpty || !current.pieces.isEmpty
                {
                    if !chunk.isEmpty {
                        current.pieces.append(try builder.makePiece(chunk, face: piece.face, style: piece.style, isSpace: false))
                    }
                    current.mustBreakAfter = false
                    parts.append(current)
                    current = Word()
                    currentWidth = 0
                    chunk = ""
                    chunkWidth = 0
                    limit = width
                }
                chunk.append(character)
                chunkWidth += characterWidth
            }
            if !chunk.isEmpty {
                current.pieces.append(try builder.makePiece(chunk, face: piece.face, style: piece.style, isSpace: false))
                currentWidth += chunkWidth
            }
        }
        current.mustBreakAfter = word.mustBreakAfter
        parts.append(current)
        // Each part but the last ends a line of its own.
        return parts
    }
}

extension GlyphRun {
    /// Whether a piece can join this run: same face, size and colour.
    fileprivate func continues(with piece: TextPiece) -> Bool {
        font === piece.face && size == piece.style.size && color == piece.style.color
    }
}
