import Foundation
import GRDB

// How the store's plain records map onto their tables: snake_case columns, read and written by
// hand. GRDB's Codable path worked the names out again for every row (26 conversions to snake
// case and back for a document): about 3 % of the service's CPU and 8 % of a batch's.
// `RecordColumnsTests` holds both mappings to the tables and to every stored property, so a field
// added to a record, or a column to a table, fails a test instead of being dropped.

extension DocumentRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "documents"

    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), lineageId: try row.decode(forColumn: "lineage_id"),
            version: try row.decode(forColumn: "version"), supersedes: try row.decode(forColumn: "supersedes"),
            tenantId: try row.decode(forColumn: "tenant_id"), clientId: try row.decode(forColumn: "client_id"),
            orderId: try row.decode(forColumn: "order_id"), docType: try row.decode(forColumn: "doc_type"),
            templateName: try row.decode(forColumn: "template_name"),
            templateVersion: try row.decode(forColumn: "template_version"),
            brandId: try row.decode(forColumn: "brand_id"), brandVersion: try row.decode(forColumn: "brand_version"),
            dataSha256: try row.decode(forColumn: "data_sha256"),
            fontsFingerprint: try row.decode(forColumn: "fonts_fingerprint"),
            engineVersion: try row.decode(forColumn: "engine_version"), pdfSha256: try row.decode(forColumn: "pdf_sha256"),
            pages: try row.decode(forColumn: "pages"), number: try row.decode(forColumn: "number"),
            fileName: try row.decode(forColumn: "file_name"), createdAt: try row.decode(forColumn: "created_at"),
            locale: try row.decode(forColumn: "locale"), issuedOn: try row.decode(forColumn: "issued_on"),
            sequence: try row.decode(forColumn: "seq"), mediaType: try row.decode(forColumn: "media_type"))
    }

    /// Every column; a nil `seq` lets the table assign the next.
    func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["lineage_id"] = lineageId
        container["version"] = version
        container["supersedes"] = supersedes
        container["tenant_id"] = tenantId
        container["client_id"] = clientId
        container["order_id"] = orderId
        container["doc_type"] = docType
        container["template_name"] = templateName
        container["template_version"] = templateVersion
        container["brand_id"] = brandId
        container["brand_version"] = brandVersion
        container["data_sha256"] = dataSha256
        container["fonts_fingerprint"] = fontsFingerprint
        container["engine_version"] = engineVersion
        container["pdf_sha256"] = pdfSha256
        container["pages"] = pages
        container["number"] = number
        container["file_name"] = fileName
        container["created_at"] = createdAt
        container["locale"] = locale
        container["issued_on"] = issuedOn
        container["seq"] = sequence
        container["media_type"] = mediaType
    }
}

extension BatchItem: FetchableRecord, PersistableRecord {
    static let databaseTableName = "batch_items"

    init(row: Row) throws {
        let status: String = try row.decode(forColumn: "status")
        guard let known = Status(rawValue: status) else {
            throw StorageError.database("batch item with an unknown status `\(status)`")
        }
        self.init(
            batchId: try row.decode(forColumn: "batch_id"), position: try row.decode(forColumn: "position"),
            itemKey: try row.decode(forColumn: "item_key"), payload: try row.decode(forColumn: "payload"),
            status: known, attempts: try row.decode(forColumn: "attempts"), error: try row.decode(forColumn: "error"),
            documentId: try row.decode(forColumn: "document_id"), updatedAt: try row.decode(forColumn: "updated_at"),
            changedPages: try row.decode(forColumn: "changed_pages"))
    }

    func encode(to container: inout PersistenceContainer) {
        container["batch_id"] = batchId
        container["position"] = position
        container["item_key"] = itemKey
        container["payload"] = payload
        container["status"] = status.rawValue
        container["attempts"] = attempts
        container["error"] = error
        container["document_id"] = documentId
        container["updated_at"] = updatedAt
        container["changed_pages"] = changedPages
    }
}
