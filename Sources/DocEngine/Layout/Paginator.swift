/// Distributes slabs over pages: keeps chains of `keepWithNext` slabs together when they fit
/// on one page, repeats table headers on each page a table runs onto, drops spacing at page tops,
/// and never loses or duplicates a slab.
struct Paginator {
    let bodyHeight: Double
    let pageLimit: Int
    private static let tolerance = 0.01

    struct PlacedSlab {
        var slab: Slab
        var y: Double
    }

    func paginate(_ slabs: [Slab]) throws(LayoutError) -> [[PlacedSlab]] {
        var pages: [[PlacedSlab]] = []
        var current: [PlacedSlab] = []
        var y = 0.0
        var headersOnPage: Set<ObjectIdentifier> = []
        var hasContent = false

        func newPage() throws(LayoutError) {
            pages.append(current)
            guard pages.count < pageLimit else { throw .tooManyPages(limit: pageLimit) }
            current = []
            y = 0
            headersOnPage = []
            hasContent = false
        }

        /// The header to repeat before `slab` if its table has none on this page yet.
        func missingHeader(_ slab: Slab, on headers: Set<ObjectIdentifier>) -> Slab? {
            guard let table = slab.table, !slab.isTableHeader, !headers.contains(ObjectIdentifier(table)) else {
                return nil
            }
            return table.slab
        }

        func put(_ slab: Slab) {
            if let header = missingHeader(slab, on: headersOnPage) {
                current.append(PlacedSlab(slab: header, y: y))
                y += header.height
            }
            if let table = slab.table { headersOnPage.insert(ObjectIdentifier(table)) }
            current.append(PlacedSlab(slab: slab, y: y))
            y += slab.height
            if !slab.isDiscardableAtPageTop { hasContent = true }
        }

        /// Height the slabs in `range` need here, counting a header that would have to repeat.
        func height(of range: ClosedRange<Int>, headers: Set<ObjectIdentifier>) -> Double {
            var seen = headers
            var total = 0.0
            for slab in slabs[range] {
                if let header = missingHeader(slab, on: seen) { total += header.height }
                if let table = slab.table { seen.insert(ObjectIdentifier(table)) }
                total += slab.height
            }
            return total
        }

        var index = 0
        while index < slabs.count {
            let slab = slabs[index]
            if slab.startsNewPage {
                if hasContent { try newPage() }
                index += 1
                continue
            }
            if !hasContent, slab.isDiscardableAtPageTop {
                index += 1
                continue
            }
            var chainEnd = index
            while chainEnd < slabs.count - 1, slabs[chainEnd].keepWithNext, !slabs[chainEnd + 1].startsNewPage {
                chainEnd += 1
            }
            let chain = index...chainEnd
            if y + height(of: chain, headers: headersOnPage) <= bodyHeight + Self.tolerance {
                for i in chain { put(slabs[i]) }
                index = chainEnd + 1
                continue
            }
            let freshPageHeight = height(of: chain, headers: [])
            if hasContent, freshPageHeight <= bodyHeight + Self.tolerance {
                try newPage()
                continue
            }
            // The chain cannot stay together on any page: place this slab alone.
            let alone = height(of: index...index, headers: headersOnPage)
            if y + alone > bodyHeight + Self.tolerance {
                if hasContent {
                    try newPage()
                    continue
                }
                if slab.isDiscardableAtPageTop || slab.height == 0 {
                    index += 1
                    continue
                }
                throw .blockTooTall(description: slab.label, height: slab.height, available: bodyHeight)
            }
            put(slab)
            index += 1
        }
        if !current.isEmpty || pages.isEmpty { pages.append(current) }
        return pages
    }
}
