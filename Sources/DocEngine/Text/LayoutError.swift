/// Why a document could not be laid out. Every case says where the problem came from.
public enum LayoutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No bundled font can draw a character; `origin` is a JSON path or template position.
    case missingGlyph(Character, origin: String?)
    /// A single table row or block is taller than a whole page and cannot be split.
    case blockTooTall(description: String, height: Double, available: Double)
    /// The document would exceed the page limit (a runaway template or absurd data).
    case tooManyPages(limit: Int)
    /// A table row has more cells than the table has columns.
    case tableShape(String)
    /// The page is too small for its margins, header and footer.
    case noRoomOnPage
    /// HarfBuzz could not allocate memory to shape a piece of text.
    case shapingFailed(text: String)

    public var description: String {
        switch self {
        case .missingGlyph(let character, let origin):
            let code = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
                .joined(separator: " ")
            let place = origin.map { "\($0): " } ?? ""
            return "\(place)no bundled font can draw '\(character)' (\(code))"
        case .blockTooTall(let description, let height, let available):
            return "\(description) is \(Int(height.rounded())) pt tall but a page holds only \(Int(available)) pt"
        case .tooManyPages(let limit):
            return "the document would have more than \(limit) pages"
        case .tableShape(let message):
            return message
        case .noRoomOnPage:
            return "the page margins, header and footer leave no room for content"
        case .shapingFailed(let text):
            return "out of memory while shaping «\(text.prefix(40))»"
        }
    }
}
