/// Who changed a brand: the tenant and role of the key (or studio session) that published a
/// version or edited a draft, and through which door.
package struct BrandAuthor: Sendable, Equatable {
    /// How the change came in.
    package enum Channel: String, Sendable, Codable, CaseIterable {
        /// `PUT /v1/brands/{id}` with an API key.
        case api
        /// The studio's draft, published with «Опубликовать».
        case studio
    }

    /// The caller's tenant, e.g. `alatoo` or `platform`.
    package var tenantID: String
    /// The caller's role.
    package var role: Role
    package var channel: Channel

    package init(tenantID: String, role: Role, channel: Channel) {
        self.tenantID = tenantID
        self.role = role
        self.channel = channel
    }
}
