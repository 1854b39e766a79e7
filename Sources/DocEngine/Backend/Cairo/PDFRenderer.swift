internal import CCairo
public import Foundation

/// Writes laid-out pages as a PDF through cairo's PDF surface: fonts embedded and subset,
/// text extractable, metadata from the document (never the clock).
public struct PDFRenderer: Sendable {
    /// Creates a renderer. Laid-out pages carry their faces and images, so it needs nothing else.
    public init() {}

    /// Creates a renderer; the fonts are not needed any more (pages carry their faces).
    /// - Parameter fonts: ignored.
    @available(*, deprecated, message: "laid-out pages carry their fonts: use PDFRenderer()")
    public init(fonts: FontBook) {}

    /// Whether pages are drawn in batches (see `CairoPainter.drawsInBatches`). Off only in the
    /// tests that hold the pages to look and read the same either way.
    var drawsInBatches = true
    /// Documents with at least this many pages are drawn on two threads (see
    /// `drawOnTwoThreads`); batched drawing only.
    var pagesForTwoThreads = Self.longDocument

    /// Fixed date written when a document gives none, so output never depends on the clock.
    static let epochDate = "2000-01-01T00:00:00Z"

    /// Renders the whole document.
    /// - Returns: the PDF bytes.
    /// - Throws: `CairoError` when cairo fails.
    public func render(_ document: LaidOutDocument) throws(CairoError) -> Data {
        do {
            return try write(document, cancellation: nil)
        } catch {
            switch error {
            case .failed(let failure): throw failure
            // Without a `RenderCancellation` there is nothing to cancel: this cannot happen.
            case .cancelled: preconditionFailure("a render without a cancellation was cancelled")
            }
        }
    }

    /// Renders the whole document unless the render is cancelled first.
    /// - Parameters:
    ///   - document: the laid-out pages.
    ///   - cancellation: checked before every page; nil when nobody can cancel.
    /// - Returns: the PDF bytes.
    /// - Throws: `CairoError` when cairo fails, or `RenderCancelled` once `cancellation` is cancelled.
    public func render(_ document: LaidOutDocument, cancellation: RenderCancellation?) throws -> Data {
        do {
            return try write(document, cancellation: cancellation)
        } catch {
            throw error.unwrapped
        }
    }

    private func write(_ document: LaidOutDocument, cancellation: RenderCancellation?)
        throws(StageFailure<CairoError>) -> Data
    {
        let sink = ByteSink()
        let unmanagedSink = Unmanaged.passRetained(sink)
        let first = document.pages.first?.size ?? .a4
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, unmanagedSink.toOpaque(), first.width, first.height)!
        defer {
            // Destroy first: cairo may still write through the sink while finishing.
            cairo_surface_destroy(surface)
            unmanagedSink.release()
        }
        try failing { () throws(CairoError) in try CairoError.check(cairo_surface_status(surface)) }
        setMetadata(document.metadata, on: surface)

        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        let painter = CairoPainter(context: context, paintsGridsAsMasks: true, drawsInBatches: drawsInBatches)
        if drawsInBatches, document.pages.count >= pagesForTwoThreads, ProcessInfo.processInfo.activeProcessorCount > 1 {
            try drawOnTwoThreads(document.pages, surface: surface, painter: painter, cancellation: cancellation)
        } else {
            try drawOnOneThread(document.pages, surface: surface, painter: painter, cancellation: cancellation)
        }
        try failing { () throws(CairoError) in
            addOutline(document.bookmarks, surface: surface)
            cairo_surface_finish(surface)
            try CairoError.check(cairo_surface_status(surface))
        }
        return Data(sink.bytes)
    }

    private func drawOnOneThread(
        _ pages: [Page], surface: OpaquePointer, painter: CairoPainter, cancellation: RenderCancellation?
    ) throws(StageFailure<CairoError>) {
        let context = painter.context
        for page in pages {
            try StageFailure<CairoError>.check(cancellation)
            try failing { () throws(CairoError) in
                cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
                try painter.draw(page.items)
                cairo_show_page(context)
                try CairoError.check(cairo_status(context))
            }
        }
    }

    private func setMetadata(_ metadata: DocumentMetadata, on surface: OpaquePointer) {
        let date = metadata.creationDate ?? Self.epochDate
        let entries: [(cairo_pdf_metadata_t, String?)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title),
            (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
            (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords),
            (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
            (CAIRO_PDF_METADATA_CREATE_DATE, date),
            (CAIRO_PDF_METADATA_MOD_DATE, date),
        ]
        for (key, value) in entries {
            if let value { cairo_pdf_surface_set_metadata(surface, key, value) }
        }
    }

    /// Outline entries (bookmarks) pointing at the page and height where each part starts;
    /// levels nest under the closest preceding entry of a lower level.
    private func addOutline(_ bookmarks: [Bookmark], surface: OpaquePointer) {
        var parents: [(level: Int, id: Int32)] = []
        for bookmark in bookmarks {
            while let last = parents.last, last.level >= bookmark.level { parents.removeLast() }
            let parent = parents.last?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
            let target = "page=\(bookmark.pageIndex + 1) pos=[0 \(Int(bookmark.y.rounded()))]"
            let id = cairo_pdf_surface_add_outline(surface, parent, bookmark.title, target, cairo_pdf_outline_flags_t(rawValue: 0))
            parents.append((bookmark.level, id))
        }
    }
}
