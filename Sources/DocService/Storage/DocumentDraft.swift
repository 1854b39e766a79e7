/// What the caller knows about a document before it is numbered and rendered.
struct DocumentDraft: Sendable, Equatable {
    var tenantID: String
    var clientID: String?
    var orderID: String
    var docType: String
    var templateName: String
    var templateVersion: String
    var brandID: String?
    var brandVersion: Int?
    /// SHA-256 of the order data.
    var dataSHA256: String
    var fontsFingerprint: String
    var engineVersion: String
    /// The number from the data; nil or empty asks the service to assign the next one.
    var number: String?
    /// The document this one reissues; it must be the latest version of its lineage.
    var supersedes: String?
    /// The language it is rendered in.
    var locale: String? = nil
}
