import DocEngine
import Sheets

/// Collects what running a list of nodes produces: blocks, inline content waiting to become
/// a paragraph, or the rows, cells and columns of a container.
final class FlowBuilder {
    enum Kind {
        /// Block content: stray inline content becomes implicit paragraphs.
        case flow
        /// Inside `p`, `heading`: everything is inline.
        case inline
        case table
        case row
        case columns
        /// Inside `sheet`: its columns and rows.
        case sheet
        /// Inside `sheetrow`: its cells.
        case sheetRow
    }

    let kind: Kind
    var blocks: [Block] = []
    var pending: [(inline: Inline, isLiteral: Bool)] = []
    var rows: [(row: TableRow, isHeader: Bool)] = []
    var cells: [TableCell] = []
    var columns: [Column] = []
    /// What a `sheet` collects: typed columns and rows (table export, not laid out).
    var sheetColumns: [SheetColumnSpec] = []
    var sheetRows: [SheetRow] = []
    var sheetCells: [SheetCell] = []

    init(_ kind: Kind) { self.kind = kind }

    var acceptsInline: Bool { kind == .flow || kind == .inline }

    /// Pending inline content with template whitespace collapsed the way HTML does it:
    /// runs of spaces and line breaks in the template become one space, and spaces at the
    /// paragraph's edges disappear. Data text is never touched.
    func takeInlines() -> [Inline] {
        var result: [Inline] = []
        var endsWithSpace = true  // at the start, a leading space would be an edge space
        for (inline, isLiteral) in pending {
            guard case .text(var text, let style, let origin) = inline, isLiteral else {
                result.append(inline)
                if case .text(let text, _, _) = inline {
                    endsWithSpace = text.lastCharacterIsWhitespace ?? endsWithSpace
                }
                else if case .lineBreak = inline { endsWithSpace = true }
                else { endsWithSpace = false }
                continue
            }
            if endsWithSpace, text.startsWithSpaceCharacter { text.removeFirst() }
            guard !text.isEmpty else { continue }
            result.append(.text(text, style, origin: origin))
            endsWithSpace = text.endsWithSpaceCharacter
        }
        // Trailing template spaces at the end of the paragraph.
        while let last = result.last, case .text(let text, let style, let origin) = last, text.endsWithSpaceCharacter {
            let trimmed = String(text.dropLast())
            result.removeLast()
            if !trimmed.isEmpty {
                result.append(.text(trimmed, style, origin: origin))
                break
            }
        }
        pending = []
        return result
    }

    /// Whether the pending content has anything visible.
    var hasVisiblePending: Bool {
        pending.contains { entry in
            switch entry.inline {
            case .text(let text, _, _): !Whitespace.isBlank(text)
            case .lineBreak: false
            default: true
            }
        }
    }
}
