extension LaidOutDocument {
    /// Where a searched string was found.
    public struct TextOccurrence: Sendable, Hashable, CustomStringConvertible {
        /// `page 2`, `metadata title`, `image name`.
        public var place: String
        public var mark: String
        /// The text around it, for the error message.
        public var context: String

        public var description: String { "\(place): «\(context)» contains «\(mark)»" }

        /// Creates an occurrence (other outputs than pages report theirs the same way).
        /// - Parameters:
        ///   - place: where it was found.
        ///   - mark: the mark found.
        ///   - context: the text around it.
        public init(place: String, mark: String, context: String) {
            self.place = place
            self.mark = mark
            self.context = context
        }
    }

    /// Every place where one of `marks` appears: the text on the pages (also across the
    /// boundaries of styled runs), what their QR codes encode, the PDF metadata and the names of
    /// embedded images.
    /// - Parameter matches: decides whether a text contains a mark (case rules are the caller's).
    public func occurrences(of marks: [String], matches: (String, String) -> Bool) -> [TextOccurrence] {
        var found: [TextOccurrence] = []
        func scan(_ text: String, place: String) {
            for mark in marks where matches(text, mark) {
                found.append(TextOccurrence(place: place, mark: mark, context: String(text.prefix(120))))
            }
        }
        for text in metadata.allTexts { scan(text, place: "metadata") }
        for bookmark in bookmarks { scan(bookmark.title, place: "outline") }
        for (index, page) in pages.enumerated() {
            var joined = ""
            func visit(_ items: [FrameItem]) {
                for item in items {
                    switch item {
                    case .glyphs(let run):
                        scan(run.text, place: "page \(index + 1)")
                        joined += run.text
                    case .image(let asset, _):
                        scan(asset.name, place: "page \(index + 1) image name")
                    case .cells(let grid):
                        if let text = grid.encodedText { scan(text, place: "page \(index + 1) QR code") }
                    case .group(let inner, _):
                        visit(inner)
                    default:
                        break
                    }
                }
            }
            visit(page.items)
            // Runs split at style changes: "Track" bold + ".com" regular is still the mark.
            let before = found.count
            scan(joined, place: "page \(index + 1)")
            if found.count > before, found[before...].allSatisfy({ f in found[..<before].contains { $0.mark == f.mark && $0.place == f.place } }) {
                found.removeSubrange(before...)
            }
        }
        return found
    }
}
