/// What a render produced, once its PDF is in the blob store.
package struct RenderedDocument: Sendable, Equatable {
    /// The PDF's SHA-256, its address in the blob store.
    package var pdfSHA256: String
    package var pages: Int
    /// The download name.
    package var fileName: String

    package init(pdfSHA256: String, pages: Int, fileName: String) {
        self.pdfSHA256 = pdfSHA256
        self.pages = pages
        self.fileName = fileName
    }
}
