/// What a render produced, once its file is in the blob store.
package struct RenderedDocument: Sendable, Equatable {
    /// The file's SHA-256, its address in the blob store (a PDF's, or a spreadsheet's when
    /// `mediaType` says so; the name is older than spreadsheets).
    package var pdfSHA256: String
    /// Pages of a PDF; worksheets of a spreadsheet.
    package var pages: Int
    /// The download name.
    package var fileName: String
    /// What the file is: `application/pdf`, or the XLSX media type for a template's table export.
    package var mediaType: String

    /// The media type of every document stored before spreadsheets existed.
    package static let pdfMediaType = "application/pdf"

    package init(pdfSHA256: String, pages: Int, fileName: String, mediaType: String = RenderedDocument.pdfMediaType) {
        self.pdfSHA256 = pdfSHA256
        self.pages = pages
        self.fileName = fileName
        self.mediaType = mediaType
    }
}
