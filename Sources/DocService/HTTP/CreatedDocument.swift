/// The answer to `POST /v1/documents`: `{id, sha256, pages, templateVersion, url}`.
struct CreatedDocument: Codable, Sendable, Equatable {
    var id: String
    /// The PDF's SHA-256, also its `ETag`.
    var sha256: String
    var pages: Int
    var templateVersion: String
    /// Where to download the PDF: `/v1/documents/{id}`.
    var url: String
    /// The number printed on the document (assigned when the data's was empty).
    var number: String

    init(_ record: DocumentRecord) {
        id = record.id
        sha256 = record.pdfSha256
        pages = record.pages
        templateVersion = record.templateVersion
        url = DocumentRoutes.url(of: record.id)
        number = record.number
    }
}
