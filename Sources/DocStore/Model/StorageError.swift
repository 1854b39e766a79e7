/// Everything the store can refuse or fail at, with a message a person can read.
package enum StorageError: Error, CustomStringConvertible {
    /// The data folder or the database could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The database refused a statement (constraint, I/O, busy beyond the timeout).
    case database(String)
    /// A blob could not be written or read.
    case file(path: String, reason: String)
    /// A value given by the caller is malformed (a role name, a hash, an empty tenant).
    case invalidArgument(String)
    /// The referenced row does not exist, or the principal may not see it.
    case notFound(String)
    /// An idempotency key was reused for a different request.
    case idempotencyConflict(key: String)
    /// A document that already has a newer version cannot be reissued again.
    case alreadySuperseded(documentID: String)
    /// The render callback failed; nothing was stored and no number was consumed.
    case renderFailed(any Error)
    /// A document of the same issuer, type and series already carries this number (a reissue
    /// keeps its number; a new document never takes one in use).
    case duplicateNumber(number: String, existingDocumentID: String)
    /// Another brand already has this number prefix or tax id (`field` is the brand.json field).
    case identityTaken(field: String, value: String, brandID: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the store at \(path): \(reason)"
        case .database(let message): "database error: \(message)"
        case .file(let path, let reason): "blob store error at \(path): \(reason)"
        case .invalidArgument(let message): "invalid argument: \(message)"
        case .notFound(let what): "not found: \(what)"
        case .idempotencyConflict(let key):
            "idempotency key `\(key)` was already used for a different request; use a new key"
        case .alreadySuperseded(let id): "document \(id) already has a newer version; reissue the latest one"
        case .renderFailed(let error): "render failed, nothing stored: \(error)"
        case .duplicateNumber(let number, let id):
            "number \(number) is already used by document \(id) of the same issuer, type and series"
        case .identityTaken(let field, let value, let brandID): "\(field): \(value) is already brand `\(brandID)`'s"
        }
    }
}
