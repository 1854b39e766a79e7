import GRDB

// How the store's plain records map onto their tables: snake_case columns, Codable rows.

extension DocumentRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "documents"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

extension BatchItem: FetchableRecord, PersistableRecord {
    static let databaseTableName = "batch_items"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
