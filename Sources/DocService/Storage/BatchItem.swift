import Foundation
import GRDB

/// One document of a batch job and where it stands.
struct BatchItem: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "batch_items"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The life of an item: pending → claimed → done, unchanged or failed.
    enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for a worker (also where an interrupted claim returns).
        case pending
        /// A worker is rendering it.
        case claimed
        /// Rendered and stored.
        case done
        /// Its data matched the stored document; nothing new was issued.
        case unchanged
        /// Gave up on it; `error` says why.
        case failed
    }

    var batchId: String
    /// 0-based position in the submitted list.
    var position: Int
    /// The caller's name for the item (an order id, a file name).
    var itemKey: String
    /// The input the worker needs (order JSON, a path), stored so a resumed job has it.
    var payload: String
    var status: Status
    /// How many times it was claimed.
    var attempts: Int
    var error: String?
    var documentId: String?
    var updatedAt: Date
    /// For a dry run: the 1-based pages whose rendering would change, e.g. `2,3`, or `all` when
    /// the page count changes.
    var changedPages: String? = nil
}
