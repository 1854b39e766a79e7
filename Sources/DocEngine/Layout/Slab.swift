/// The unit of pagination: a horizontal strip of positioned items that is never split.
/// Paragraph lines, table rows, rules and spaces each become one slab.
struct Slab: Sendable {
    var height: Double
    /// Items relative to the slab's top-left corner.
    var items: [FrameItem]
    /// Vertical space that is dropped when it would start a page.
    var isDiscardableAtPageTop = false
    /// A paragraph's space before or after: dropped at the edges of a box (a cell, a column),
    /// where it would only double the padding. Explicit spacing blocks stay.
    var isMargin = false
    /// Moves to the next page together with the following slab.
    var keepWithNext = false
    /// The table this slab is a body row of; its header repeats on every page it runs onto.
    var table: TableHeader?
    /// The slab is the original header of `table`.
    var isTableHeader = false
    var startsNewPage = false
    var bookmark: (title: String, level: Int)?
    /// What the slab is, for error messages ("table row 12").
    var label = "block"

    init(height: Double, items: [FrameItem]) {
        self.height = height
        self.items = items
    }

    static func spacing(_ height: Double, isMargin: Bool = false) -> Slab {
        var slab = Slab(height: height, items: [])
        slab.isDiscardableAtPageTop = true
        slab.isMargin = isMargin
        slab.label = "space"
        return slab
    }

    /// Stacks slabs into one, top to bottom.
    static func stacked(_ slabs: [Slab]) -> Slab {
        var items: [FrameItem] = []
        var y = 0.0
        for slab in slabs {
            items += slab.items.map { $0.offsetBy(dx: 0, dy: y) }
            y += slab.height
        }
        var result = Slab(height: y, items: items)
        result.keepWithNext = slabs.last?.keepWithNext ?? false
        result.label = slabs.first?.label ?? "block"
        return result
    }
}

/// A table's header rows, shared by the table's body slabs so the paginator can repeat it.
final class TableHeader: Sendable {
    let slab: Slab
    init(slab: Slab) { self.slab = slab }
}
