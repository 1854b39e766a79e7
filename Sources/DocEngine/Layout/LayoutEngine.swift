/// Turns a `Document` into pages of positioned items.
///
/// Layout is pure: the same document and fonts give the same pages, on any machine.
public struct LayoutEngine: Sendable {
    public let fonts: FontBook
    /// The most pages one document may have; a runaway template stops here with an error.
    public var pageLimit: Int

    /// Creates an engine using `fonts`.
    public init(fonts: FontBook, pageLimit: Int = 5_000) {
        self.fonts = fonts
        self.pageLimit = pageLimit
    }

    /// Lays out the document.
    /// - Parameter cancellation: checked before every block and page; nil when nobody can cancel.
    /// - Throws: `LayoutError` naming the block or character that could not be set, or `.cancelled`.
    public func layout(_ document: Document, cancellation: RenderCancellation? = nil) throws(LayoutError) -> LaidOutDocument {
        let page = document.page
        let contentWidth = page.size.width - page.margins.left - page.margins.right
        let unbounded = BlockLayout(fonts: fonts, pageBodyHeight: .infinity, cancellation: cancellation)
        let headerHeight = try unbounded.stack(document.header, width: contentWidth).height
        let footerHeight = try unbounded.stack(document.footer, width: contentWidth).height
        let headerSpace = headerHeight > 0 ? headerHeight + page.headerGap : 0
        let footerSpace = footerHeight > 0 ? footerHeight + page.headerGap : 0
        let bodyHeight = page.size.height - page.margins.top - page.margins.bottom - headerSpace - footerSpace
        guard bodyHeight > 20, contentWidth > 20 else { throw .noRoomOnPage }

        let body = BlockLayout(fonts: fonts, pageBodyHeight: bodyHeight, cancellation: cancellation)
        let slabs = try body.slabs(for: document.body, width: contentWidth)
        let pages = try Paginator(bodyHeight: bodyHeight, pageLimit: pageLimit).paginate(slabs)

        var result: [Page] = []
        var bookmarks: [Bookmark] = []
        let bodyTop = page.margins.top + headerSpace
        for (index, placed) in pages.enumerated() {
            let numbers = PageNumbers(current: index + 1, total: pages.count)
            if cancellation?.isCancelled == true { throw .cancelled }
            let chrome = BlockLayout(fonts: fonts, pageBodyHeight: .infinity, pages: numbers, cancellation: cancellation)
            var items: [FrameItem] = []
            if !document.header.isEmpty {
                let header = try chrome.stack(document.header, width: contentWidth)
                items += header.items.map { $0.offsetBy(dx: page.margins.left, dy: page.margins.top) }
            }
            for entry in placed {
                let y = bodyTop + entry.y
                items += entry.slab.items.map { $0.offsetBy(dx: page.margins.left, dy: y) }
                if let bookmark = entry.slab.bookmark {
                    bookmarks.append(Bookmark(title: bookmark.title, level: bookmark.level, pageIndex: index, y: y))
                }
            }
            if !document.footer.isEmpty {
                let footer = try chrome.stack(document.footer, width: contentWidth)
                let top = page.size.height - page.margins.bottom - footer.height
                items += footer.items.map { $0.offsetBy(dx: page.margins.left, dy: top) }
            }
            result.append(Page(size: page.size, items: items))
        }
        return LaidOutDocument(metadata: document.metadata, pages: result, bookmarks: bookmarks)
    }
}
