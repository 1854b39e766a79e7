import Foundation

/// One entry of `GET /v1/documents?order=…`.
struct DocumentSummary: Codable, Sendable, Equatable {
    var id: String
    var number: String
    var orderId: String
    var template: String
    var templateVersion: String
    var brand: String?
    /// The render record: with the template version, enough to render the document again byte
    /// for byte and show it is the one issued.
    var brandVersion: Int?
    var locale: String?
    var dataSha256: String
    var fontsFingerprint: String
    var engineVersion: String
    /// The version this one replaced, for a reissue.
    var supersedes: String?
    var sha256: String
    var pages: Int
    /// 1 for the first issue, +1 for each reissue.
    var version: Int
    var fileName: String
    /// ISO 8601, UTC.
    var createdAt: String
    var url: String

    init(_ record: DocumentRecord) {
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
        createdAt = ISO8601DateFormatter().string(from: record.createdAt)
        url = DocumentRoutes.url(of: record.id)
    }
}
