package import Foundation

/// One document of a batch job and where it stands.
package struct BatchItem: Codable, Sendable, Equatable {
    /// The life of an item: pending → claimed → done, unchanged or failed.
    package enum Status: String, Codable, Sendable, CaseIterable {
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

    package var batchId: String
    /// 0-based position in the submitted list.
    package var position: Int
    /// The caller's name for the item (an order id, a file name).
    package var itemKey: String
    /// The input the worker needs (order JSON, a path), stored so a resumed job has it.
    package var payload: String
    package var status: Status
    /// How many times it was claimed.
    package var attempts: Int
    package var error: String?
    package var documentId: String?
    package var updatedAt: Date
    /// For a dry run: the 1-based pages whose rendering would change, e.g. `2,3`, or `all` when
    /// the page count changes.
    package var changedPages: String? = nil
}
