import Foundation
import GRDB

/// A stored document and its render record: everything needed to explain, or repeat, its PDF.
struct DocumentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "documents"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// A UUID, as text.
    var id: String
    /// The id of the first version; every reissue shares it.
    var lineageId: String
    /// 1 for the first issue, +1 for each reissue.
    var version: Int
    /// The previous version this one replaces, if it is a reissue.
    var supersedes: String?
    var tenantId: String
    var clientId: String?
    var orderId: String
    var docType: String
    var templateName: String
    var templateVersion: String
    var brandId: String?
    var brandVersion: Int?
    /// SHA-256 of the order data the document was rendered from.
    var dataSha256: String
    /// A hash over the hashes of the fonts used.
    var fontsFingerprint: String
    var engineVersion: String
    /// The PDF's address in the `FileStore`.
    var pdfSha256: String
    var pages: Int
    /// The document number printed on it.
    var number: String
    /// The download name, e.g. `СЧ-2026-000043.pdf`.
    var fileName: String
    var createdAt: Date
    /// The language it was rendered in (nil for documents stored before v4: the data's own `locale`).
    var locale: String?
}
