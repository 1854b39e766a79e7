import Foundation
import GRDB

/// A row of `tenants`.
struct TenantRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tenants"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: String
    var name: String
    var createdAt: Date
}
