package import Foundation

/// A stored document and its render record: everything needed to explain, or repeat, its PDF.
package struct DocumentRecord: Codable, Sendable, Equatable {
    /// A UUID, as text.
    package var id: String
    /// The id of the first version; every reissue shares it.
    package var lineageId: String
    /// 1 for the first issue, +1 for each reissue.
    package var version: Int
    /// The previous version this one replaces, if it is a reissue.
    package var supersedes: String?
    package var tenantId: String
    package var clientId: String?
    /// The order it belongs to; nil for a document of no single order (a contract, a supplement).
    package var orderId: String?
    package var docType: String
    package var templateName: String
    package var templateVersion: String
    package var brandId: String?
    package var brandVersion: Int?
    /// SHA-256 of the data the document was rendered from.
    package var dataSha256: String
    /// A hash over the hashes of the fonts used.
    package var fontsFingerprint: String
    package var engineVersion: String
    /// The file's address in the blob store: the PDF's, or the spreadsheet's when `mediaType` says so.
    package var pdfSha256: String
    /// Pages of a PDF; worksheets of a spreadsheet.
    package var pages: Int
    /// The document number printed on it.
    package var number: String
    /// The download name, e.g. `СЧ-2026-000043.pdf`.
    package var fileName: String
    package var createdAt: Date
    /// The language it was rendered in (nil for documents stored before v4: the data's own `locale`).
    package var locale: String?
    /// The issue date printed on it, `YYYY-MM-DD` (nil when the data had none).
    package var issuedOn: String?
    /// The store's insertion order, which listings page through.
    package var sequence: Int64?
    /// What the stored file is: `application/pdf` (every document before v9) or the XLSX media type.
    package var mediaType: String = RenderedDocument.pdfMediaType

    /// The blob kind the file is stored as.
    package var blobKind: BlobKind { mediaType == RenderedDocument.pdfMediaType ? .pdf : .spreadsheet }

    /// The stored names: `sequence` is the `seq` column, which the store assigns on insert.
    enum CodingKeys: String, CodingKey {
        case id, lineageId, version, supersedes, tenantId, clientId, orderId, docType, templateName, templateVersion
        case brandId, brandVersion, dataSha256, fontsFingerprint, engineVersion, pdfSha256, pages, number, fileName
        case createdAt, locale, issuedOn, mediaType
        case sequence = "seq"
    }
}
