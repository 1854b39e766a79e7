import PostgresNIO

/// A `WHERE` clause built from optional filters, each with its bound value, always narrowed to what
/// a principal may see (as `SQLiteDocumentStore.visible(to:)`).
struct PostgresFilter {
    private var conditions: [String] = []
    private var bindings = PostgresBindings()

    /// Documents `principal` may see: everything, its tenant, or its tenant's client.
    init(visibleTo principal: Principal) {
        switch principal.role {
        case .platform: break
        case .reseller: add("tenant_id = ", principal.tenantID)
        case .client:
            add("tenant_id = ", principal.tenantID)
            if let clientID = principal.clientID { add("client_id = ", clientID) }
        }
    }

    /// Adds `condition` followed by a placeholder for `value` (e.g. `order_id = `).
    mutating func add<Value: PostgresDynamicTypeEncodable>(_ condition: String, _ value: Value) {
        bindings.append(value)
        conditions.append("\(condition)$\(bindings.count)")
    }

    /// Adds a condition without a value.
    mutating func add(_ condition: String) {
        conditions.append(condition)
    }

    /// `select WHERE … suffix` with the bound values.
    func query(select: String, suffix: String) -> PostgresQuery {
        let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return PostgresQuery(unsafeSQL: select + clause + " " + suffix, binds: bindings)
    }
}
