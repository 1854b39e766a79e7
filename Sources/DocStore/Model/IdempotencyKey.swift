/// A client-chosen key that makes a retried create return the first result.
package struct IdempotencyKey: Sendable, Equatable {
    package var key: String
    /// SHA-256 of the request body: the same key with a different body is a conflict.
    package var requestSHA256: String

    package init(key: String, requestSHA256: String) {
        self.key = key
        self.requestSHA256 = requestSHA256
    }
}
