import DocPipeline
package import DocStore
import Foundation

/// One entry of `GET /v1/documents`.
package struct DocumentSummary: Codable, Sendable, Equatable {
    package var id: String
    package var number: String
    /// The order it belongs to; absent for a document of no single order.
    package var orderId: String?
    package var template: String
    package var templateVersion: String
    package var brand: String?
    /// The render record: with the template version, enough to render the document again byte
    /// for byte and show it is the one issued.
    package var brandVersion: Int?
    package var locale: String?
    package var dataSha256: String
    package var fontsFingerprint: String
    package var engineVersion: String
    /// The version this one replaced, for a reissue.
    package var supersedes: String?
    package var sha256: String
    package var pages: Int
    /// 1 for the first issue, +1 for each reissue.
    package var version: Int
    package var fileName: String
    /// What the stored file is: `application/pdf`, or the XLSX media type for a table export.
    package var mediaType: String
    /// The issue date printed on it, `YYYY-MM-DD`, when the data had one.
    package var issuedOn: String?
    /// ISO 8601, UTC.
    package var createdAt: String
    package var url: String

    package init(_ record: DocumentRecord) {
        id = record.id
        number = record.number
        orderId = record.orderId
        template = record.templateName
        templateVersion = record.templateVersion
        brand = record.brandId
        brandVersion = record.brandVersion
        locale = record.locale
        dataSha256 = record.dataSha256
        fontsFingerprint = record.fontsFingerprint
        engineVersion = record.engineVersion
        supersedes = record.supersedes
        sha256 = record.pdfSha256
        pages = record.pages
        version = record.version
        fileName = record.fileName
        mediaType = record.mediaType
        issuedOn = record.issuedOn
        createdAt = ISO8601DateFormatter().string(from: record.createdAt)
        url = DocumentRoutes.url(of: record.id)
    }
}
