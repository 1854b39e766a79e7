/// Turns a `Document` into pages of positioned items.
///
/// Layout is pure: the same document and fonts give the same pages, on any machine.
public struct LayoutEngine: Sendable {
    public let fonts: FontBook
    /// The most pages one document may have; a runaway template stops here with an error.
    public var pageLimit: Int

    /// Creates an engine using `fonts`.
    /// - Parameters:
    ///   - fonts: the faces text is set in; the pages laid out hold the faces they use.
    ///   - pageLimit: the most pages one document may have.
    public init(fonts: FontBook, pageLimit: Int = 5_000) {
        self.fonts = fonts
        self.pageLimit = pageLimit
    }

    /// Lays out the document.
    /// - Throws: `LayoutError` naming the block or character that could not be set.
    public func layout(_ document: Document) throws(LayoutError) -> LaidOutDocument {
        do {
            return try layOut(document, cancellation: nil)
        } catch {
            switch error {
            case .failed(let failure): throw failure
            // Without a `RenderCancellation` there is nothing to cancel: this cannot happen.
            case .cancelled: preconditionFailure("a layout without a cancellation was cancelled")
            }
        }
    }

    /// Lays out the document unless the render is cancelled first.
    /// - Parameters:
    ///   - document: what to lay out.
    ///   - cancellation: checked before every block and page; nil when nobody can cancel.
    /// - Throws: `LayoutError` naming the block or character that could not be set, or
    ///   `RenderCancelled` once `cancellation` is cancelled.
    public func layout(_ document: Document, cancellation: RenderCancellation?) throws -> LaidOutDocument {
        do {
            return try layOut(document, cancellation: cancellation)
        } catch {
            throw error.unwrapped
        }
    }

    /// `slabs` is consumed: the pages hold the only references to the body's items.
    private func paginate(
        _ slabs: consuming [Slab], with paginator: Paginator
    ) throws(StageFailure<LayoutError>) -> [[Paginator.PlacedSlab]] {
        try failing { () throws(LayoutError) in try paginator.paginate(slabs) }
    }

    private func layOut(_ document: Document, cancellation: RenderCancellation?) throws(StageFailure<LayoutError>)
        -> LaidOutDocument
    {
        let page = document.page
        let language = TextLanguage(document.language)
        let contentWidth = page.size.width - page.margins.left - page.margins.right
        let unbounded = BlockLayout(fonts: fonts, language: language, pageBodyHeight: .infinity, cancellation: cancellation)
        let headerHeight = try unbounded.stack(document.header, width: contentWidth).height
        let footerHeight = try unbounded.stack(document.footer, width: contentWidth).height
        let headerSpace = headerHeight > 0 ? headerHeight + page.headerGap : 0
        let footerSpace = footerHeight > 0 ? footerHeight + page.headerGap : 0
        let bodyHeight = page.size.height - page.margins.top - page.margins.bottom - headerSpace - footerSpace
        guard bodyHeight > 20, contentWidth > 20 else { throw .failed(.noRoomOnPage) }

        let body = BlockLayout(fonts: fonts, language: language, pageBodyHeight: bodyHeight, cancellation: cancellation)
        // The body's slabs go straight into pagination, and each page's slabs are let go as soon
        // as its items are copied out: a long document never holds its body twice.
        let paginator = Paginator(bodyHeight: bodyHeight, pageLimit: pageLimit)
        var pages = try paginate(try body.slabs(for: document.body, width: contentWidth), with: paginator)

        var result: [Page] = []
        result.reserveCapacity(pages.count)
        var bookmarks: [Bookmark] = []
        let bodyTop = page.margins.top + headerSpace
        for index in pages.indices {
            let placed = pages[index]
            pages[index] = []
            let numbers = PageNumbers(current: index + 1, total: pages.count)
            try StageFailure<LayoutError>.check(cancellation)
            let chrome = BlockLayout(
                fonts: fonts, language: language, pageBodyHeight: .infinity, pages: numbers, cancellation: cancellation)
            let header = document.header.isEmpty ? nil : try chrome.stack(document.header, width: contentWidth)
            let footer = document.footer.isEmpty ? nil : try chrome.stack(document.footer, width: contentWidth)
            var items: [FrameItem] = []
            items.reserveCapacity(
                (header?.items.count ?? 0) + placed.reduce(0) { $0 + $1.slab.items.count } + (footer?.items.count ?? 0))
            func place(_ slabItems: [FrameItem], dy: Double) {
                for item in slabItems { items.append(item.offsetBy(dx: page.margins.left, dy: dy)) }
            }
            if let header { place(header.items, dy: page.margins.top) }
            for entry in placed {
                let y = bodyTop + entry.y
                place(entry.slab.items, dy: y)
                if let bookmark = entry.slab.bookmark {
                    bookmarks.append(Bookmark(title: bookmark.title, level: bookmark.level, pageIndex: index, y: y))
                }
            }
            if let footer { place(footer.items, dy: page.size.height - page.margins.bottom - footer.height) }
            result.append(Page(size: page.size, items: items))
        }
        return LaidOutDocument(metadata: document.metadata, pages: result, bookmarks: bookmarks)
    }
}
