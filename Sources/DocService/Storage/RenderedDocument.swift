/// What a render produced, once its PDF is in the `FileStore`.
struct RenderedDocument: Sendable, Equatable {
    /// The PDF's SHA-256, its address in the file store.
    var pdfSHA256: String
    var pages: Int
    /// The download name.
    var fileName: String
}
