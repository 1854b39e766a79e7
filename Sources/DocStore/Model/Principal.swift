/// Who is calling, as established by an API key.
package struct Principal: Sendable, Equatable {
    /// The tenant the key belongs to (for a reseller's client, the reseller).
    package var tenantID: String
    /// What the key may do.
    package var role: Role
    /// The reseller's client the key is limited to, if any.
    package var clientID: String?

    package init(tenantID: String, role: Role, clientID: String? = nil) {
        self.tenantID = tenantID
        self.role = role
        self.clientID = clientID
    }

    /// Whether a document of `tenantID` issued for `clientID` is visible to this principal.
    ///
    /// A platform key sees everything; a reseller key sees its tenant; a client key sees its tenant,
    /// narrowed to its client when it has one.
    package func canSee(tenantID documentTenant: String, clientID documentClient: String?) -> Bool {
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
