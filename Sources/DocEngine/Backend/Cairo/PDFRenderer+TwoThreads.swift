internal import CCairo
import Dispatch
import Synchronization

extension PDFRenderer {
    /// How many pages make a document long enough to draw on two threads: a one-page document
    /// (what the service issues by the thousand, one per core) stays on its own thread.
    static let longDocument = 3

    /// Draws `pages` on two threads: one works out each page's batched drawing
    /// (`BatchedDrawing`: the glyph arrays, text and cluster maps, merged borders), the other
    /// makes the cairo calls for the page before and shows it.
    ///
    /// cairo's share is most of a long document's PDF (each page's calls are recorded, then
    /// replayed twice when the page is shown) and stays on one thread, in page order, exactly as
    /// when one thread does both: the calls and so the PDF's bytes are the same. What moves off
    /// cairo's thread is the work of preparing the calls. Cancellation is checked before every
    /// page; the first failure stops both threads and is thrown.
    func drawOnTwoThreads(
        _ pages: [Page], surface: OpaquePointer, painter: CairoPainter, cancellation: RenderCancellation?
    ) throws(StageFailure<CairoError>) {
        let handover = PageHandover(count: pages.count)
        let failure = Mutex<StageFailure<CairoError>?>(nil)
        let cairo = CairoThread(surface: surface, painter: painter)
        DispatchQueue.concurrentPerform(iterations: 2) { role in
            if role == 0 {
                // Never waits for the other thread, so the two cannot deadlock even when
                // libdispatch runs both roles one after the other on one thread; and puts every
                // page unless the drawing thread has stopped taking them (a cancelled render
                // stops there, at its next page).
                for (index, page) in pages.enumerated() {
                    if handover.isStopped { break }
                    handover.put(BatchedDrawing(page.items), at: index)
                }
                return
            }
            do throws(StageFailure<CairoError>) {
                for (index, page) in pages.enumerated() {
                    try StageFailure<CairoError>.check(cancellation)
                    let drawing = handover.take(index)
                    try failing { () throws(CairoError) in try cairo.show(drawing, size: page.size) }
                }
            } catch {
                failure.withLock { $0 = error }
                handover.stop()
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// The PDF surface and its painter, used by one thread at a time: the one drawing the pages.
///
/// `@unchecked Sendable`: cairo objects may move between threads but not be used by two at
/// once; `drawOnTwoThreads` gives them to the drawing thread alone until it is done.
private struct CairoThread: @unchecked Sendable {
    let surface: OpaquePointer
    let painter: CairoPainter

    func show(_ drawing: BatchedDrawing, size: Size) throws(CairoError) {
        cairo_pdf_surface_set_size(surface, size.width, size.height)
        try painter.draw(drawing)
        cairo_show_page(painter.context)
        try CairoError.check(cairo_status(painter.context))
    }
}

/// Pages' drawings handed from the thread that works them out to the one that draws them, in
/// page order; each is let go once taken.
private final class PageHandover: Sendable {
    private let drawings: Mutex<[BatchedDrawing?]>
    private let ready: [DispatchSemaphore]
    private let stopped = Atomic<Bool>(false)

    init(count: Int) {
        drawings = Mutex([BatchedDrawing?](repeating: nil, count: count))
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    func put(_ drawing: BatchedDrawing, at index: Int) {
        drawings.withLock { $0[index] = drawing }
        ready[index].signal()
    }

    /// Waits until page `index` is put.
    func take(_ index: Int) -> BatchedDrawing {
        ready[index].wait()
        return drawings.withLock { drawings in
            defer { drawings[index] = nil }
            return drawings[index]!
        }
    }

    /// Tells the preparing thread that no more drawings will be taken.
    func stop() { stopped.store(true, ordering: .relaxed) }
    var isStopped: Bool { stopped.load(ordering: .relaxed) }
}
