/// The data contract (schema/document.schema.json) as far as templates need it: which fields
/// exist where, so that `docengine check` reports `order.cargo.weigthKg` before any data arrives.
struct DataSchema: Sendable {
    /// A place in the schema: a resolved schema object.
    struct Node: Sendable {
        let json: JSONObject
        let name: String
    }

    private let root: JSONObject
    private let definitions: JSONObject
    private let external: [String: JSONObject]

    init?(document: JSONValue, others: [String: JSONValue] = [:]) {
        guard case .object(let root) = document else { return nil }
        self.root = root
        definitions = root["$defs"]?.objectValue ?? JSONObject()
        external = others.compactMapValues(\.objectValue)
    }

    /// The schema of a top-level data variable (`order`, `items`), if the contract has it.
    func rootNode(_ name: String) -> Node? {
        guard let property = root["properties"]?[name]?.objectValue else { return nil }
        return resolve(property, name: name)
    }

    /// The schema of `node.name`, or nil when it cannot be known (open objects, any-of).
    /// Throws the list of valid names when the node is a closed object without that field.
    func member(_ node: Node, _ name: String) -> Result<Node?, UnknownField> {
        guard node.json["type"]?.stringValue == "object" || node.json["properties"] != nil else { return .success(nil) }
        if let property = node.json["properties"]?[name]?.objectValue { return .success(resolve(property, name: name)) }
        if case .bool(false) = node.json["additionalProperties"] {
            let known = node.json["properties"]?.objectValue?.keys ?? []
            return .failure(UnknownField(name: name, owner: node.name, known: known))
        }
        return .success(nil)
    }

    /// The schema of an array's items.
    func items(_ node: Node) -> Node? {
        guard let items = node.json["items"]?.objectValue else { return nil }
        return resolve(items, name: node.name + "[]")
    }

    struct UnknownField: Error {
        let name: String
        let owner: String
        let known: [String]
    }

    private func resolve(_ object: JSONObject, name: String) -> Node? {
        var current = object
        var title = name
        for _ in 0..<8 {  // follows $ref chains, bounded
            guard let reference = current["$ref"]?.stringValue else { break }
            if reference.hasPrefix("#/$defs/") {
                let key = String(reference.dropFirst("#/$defs/".count))
                guard let target = definitions[key]?.objectValue else { return nil }
                current = target
                title = key
            } else if let target = external[reference] {
                current = target
                title = reference
            } else {
                return nil
            }
        }
        return Node(json: current, name: title)
    }
}
