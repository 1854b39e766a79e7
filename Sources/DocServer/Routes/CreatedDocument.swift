package import DocStore

/// The answer to `POST /v1/documents`: `{id, sha256, pages, templateVersion, url, number, mediaType}`.
package struct CreatedDocument: Codable, Sendable, Equatable {
    package var id: String
    /// The stored file's SHA-256, also its `ETag`.
    package var sha256: String
    package var pages: Int
    package var templateVersion: String
    /// Where to download the file: `/v1/documents/{id}`.
    package var url: String
    /// The number printed on the document (assigned when the data's was empty).
    package var number: String
    /// What the stored file is: `application/pdf`, or the XLSX media type for a table export.
    package var mediaType: String

    package init(_ record: DocumentRecord) {
        id = record.id
        sha256 = record.pdfSha256
        pages = record.pages
        templateVersion = record.templateVersion
        url = DocumentRoutes.url(of: record.id)
        number = record.number
        mediaType = record.mediaType
    }
}
