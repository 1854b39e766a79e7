/// Who is calling, as established by an API key.
struct Principal: Sendable, Equatable {
    /// The tenant the key belongs to (for a reseller's client, the reseller).
    var tenantID: String
    /// What the key may do.
    var role: Role
    /// The reseller's client the key is limited to, if any.
    var clientID: String?

    /// Whether a document of `tenantID` issued for `clientID` is visible to this principal.
    ///
    /// A platform key sees everything; a reseller key sees its tenant; a client key sees its tenant,
    /// narrowed to its client when it has one.
    func canSee(tenantID documentTenant: String, clientID documentClient: String?) -> Bool {
        switch role {
        case .platform: return true
        case .reseller: return documentTenant == tenantID
        case .client:
            guard documentTenant == tenantID else { return false }
            guard let clientID else { return true }
            return documentClient == clientID
        }
    }
}
