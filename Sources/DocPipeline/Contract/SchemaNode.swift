import Templates

/// One schema or subschema with its keywords read out once, and its `$ref` bound to the node it
/// names: validating a document then walks fields, where reading the schema's dictionaries cost
/// a dozen lookups by keyword name for every value of every document.
///
/// `@unchecked Sendable`: nodes are built and their references bound inside
/// `JSONSchemaValidator.init`, before the validator can be shared, and never change after. They
/// are classes whose fields are set after creation because a `$ref` may lead back up the tree (a
/// recursive schema).
final class SchemaNode: @unchecked Sendable {
    /// The node `$ref` names.
    var reference: SchemaNode?
    /// `type`: one name or several.
    var types: [String]?
    /// `enum`.
    var choices: [JSONValue]?
    /// `const`.
    var constant: JSONValue?

    var minLength: Int?
    var maxLength: Int?
    /// `pattern`, compiled, with `x-expected`: what the pattern wants, for the message.
    var pattern: SchemaPattern?
    var expected: String?
    var format: String?

    /// `minimum`, `exclusiveMinimum`, `maximum`, `exclusiveMaximum`, in that order.
    var bounds: [NumberBound] = []

    /// `properties` whose schemas are objects; `propertyNames` is every name, in schema order,
    /// for the hint that names a misspelt field.
    var properties: [String: SchemaNode] = [:]
    var propertyNames: [String] = []
    var additionalProperties: AdditionalProperties = .allowed
    var required: [String] = []
    var minProperties: Int?
    var maxProperties: Int?

    var items: SchemaNode?
    var minItems: Int?
    var maxItems: Int?

    var allOf: [SchemaNode] = []
    var oneOf: [SchemaNode]?
    var anyOf: [SchemaNode]?

    /// What `additionalProperties` says of members `properties` does not name.
    enum AdditionalProperties {
        case allowed
        case forbidden
        case checked(SchemaNode)
    }

    /// A bound on numbers, its limit parsed once (nil when the schema's number cannot be held
    /// exactly: the bound is then skipped, as it always was).
    struct NumberBound {
        var limitText: String
        var limit: ExactDecimal?
        var holds: @Sendable (ExactDecimal, ExactDecimal) -> Bool
        var phrase: String
    }

    /// The `type` of this schema, or else of the one its `$ref` names: which branch of a
    /// `oneOf`/`anyOf` a value was meant for.
    var declaredTypes: [String]? { types ?? reference?.types }
}

/// Builds the nodes of a validator's schemas (see `JSONSchemaValidator.init`).
struct SchemaNodeBuilder {
    let documents: [String: JSONObject]
    let patterns: [String: SchemaPattern]
    /// One node per `$ref` target, so every reference to it shares the node and a recursive
    /// schema ends.
    private var targets: [Target: SchemaNode] = [:]

    private struct Target: Hashable {
        let reference: String
        let document: String
    }

    init(documents: [String: JSONObject], patterns: [String: SchemaPattern]) {
        self.documents = documents
        self.patterns = patterns
    }

    /// The node of `schema`, written in `document` (the main schema is `""`).
    mutating func node(_ schema: JSONObject, in document: String) -> SchemaNode {
        let node = SchemaNode()
        fill(node, from: schema, in: document)
        return node
    }

    /// Reads `schema`'s keywords into `node`: one pass over the members the schema has, rather
    /// than a lookup of every keyword it might have (a cold render builds every node).
    private mutating func fill(_ node: SchemaNode, from schema: JSONObject, in document: String) {
        for (keyword, value) in schema {
            switch keyword {
            case "$ref": node.reference = value.stringValue.flatMap { target(of: $0, from: document) }
            case "type": node.types = Self.types(value)
            case "enum": node.choices = value.arrayValue
            case "const": node.constant = value
            case "minLength": node.minLength = Self.integer(value)
            case "maxLength": node.maxLength = Self.integer(value)
            case "pattern": node.pattern = value.stringValue.flatMap { patterns[$0] }
            case "x-expected": node.expected = value.stringValue
            case "format": node.format = value.stringValue
            case "properties":
                let properties = value.objectValue ?? JSONObject()
                node.propertyNames = properties.keys
                for (name, property) in properties {
                    if let property = property.objectValue { node.properties[name] = self.node(property, in: document) }
                }
            case "additionalProperties":
                switch value {
                case .bool(false): node.additionalProperties = .forbidden
                case .object(let additional): node.additionalProperties = .checked(self.node(additional, in: document))
                default: node.additionalProperties = .allowed
                }
            case "required": node.required = (value.arrayValue ?? []).compactMap(\.stringValue)
            case "minProperties": node.minProperties = Self.integer(value)
            case "maxProperties": node.maxProperties = Self.integer(value)
            case "items": node.items = value.objectValue.map { self.node($0, in: document) }
            case "minItems": node.minItems = Self.integer(value)
            case "maxItems": node.maxItems = Self.integer(value)
            case "allOf": node.allOf = branches(value, in: document) ?? []
            case "oneOf": node.oneOf = branches(value, in: document)
            case "anyOf": node.anyOf = branches(value, in: document)
            default: break
            }
        }
        // In this order whatever order the schema writes them in: messages list them so.
        node.bounds = Self.bounds.compactMap { bound in
            schema[bound.keyword]?.numberText.map { text in
                SchemaNode.NumberBound(
                    limitText: text, limit: try? ExactDecimal(text), holds: bound.holds, phrase: bound.phrase)
            }
        }
    }

    /// The bounds on numbers, in the order their problems are reported.
    private static let bounds: [(keyword: String, holds: @Sendable (ExactDecimal, ExactDecimal) -> Bool, phrase: String)] = [
        ("minimum", { $0 >= $1 }, "at least"), ("exclusiveMinimum", { $0 > $1 }, "more than"),
        ("maximum", { $0 <= $1 }, "at most"), ("exclusiveMaximum", { $0 < $1 }, "less than"),
    ]

    /// The object branches of `allOf`, `oneOf` or `anyOf`; nil without the keyword.
    private mutating func branches(_ value: JSONValue, in document: String) -> [SchemaNode]? {
        value.arrayValue.map { branches in branches.compactMap(\.objectValue).map { node($0, in: document) } }
    }

    /// The node a `$ref` names, built the first time it is met (nil for one that leads nowhere,
    /// which `JSONSchemaValidator.init` has refused already).
    private mutating func target(of reference: String, from document: String) -> SchemaNode? {
        let key = Target(reference: reference, document: document)
        if let known = targets[key] { return known }
        guard let (schema, targetDocument) = JSONSchemaValidator.resolve(reference, from: document, in: documents) else {
            return nil
        }
        let node = SchemaNode()
        targets[key] = node  // before its fields: a reference inside may lead back here
        fill(node, from: schema, in: targetDocument)
        return node
    }

    static func types(_ value: JSONValue?) -> [String]? {
        switch value {
        case .string(let type)?: [type]
        case .array(let types)?: types.compactMap(\.stringValue)
        default: nil
        }
    }

    private static func integer(_ value: JSONValue?) -> Int? { value?.numberText.flatMap { Int($0) } }
}
