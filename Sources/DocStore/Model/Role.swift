/// What an API key may do.
package enum Role: String, Codable, Sendable, CaseIterable {
    /// The platform operator: every tenant, every document.
    case platform
    /// A reseller: its own brand, template previews and the documents of its own clients.
    case reseller
    /// A client: its own documents only.
    case client
}
