package import Templates
import Foundation

/// Validates JSON against a JSON Schema (draft 2020-12), collecting every problem with its path.
///
/// It implements the part of the standard that our schemas use — `type`, `enum`, `const`,
/// `required`, `properties`, `additionalProperties` (false or a schema), `items`, `minItems`,
/// `maxItems`, `minProperties`, `maxProperties`, `minLength`, `maxLength`, `pattern`, `format`
/// (`date` and `date-time` are checked; other formats are annotations, as the standard allows),
/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `$ref` (within a document and to
/// a sibling schema file), `oneOf`, `anyOf` and `allOf`. A schema using any other assertion is
/// refused when the validator is made, so a keyword added later is never silently unenforced.
///
/// Numbers are compared exactly (`ExactDecimal` over the number's text, never `Double`); string
/// lengths count Unicode code points, as the standard does. Annotations (`title`, `description`,
/// `default`, `examples`, `x-…`) are ignored, except `x-expected`, which phrases what a `pattern`
/// wants (`a decimal such as "12.50"`) for the message.
package struct JSONSchemaValidator: Sendable {
    /// Why a schema cannot be used.
    package struct SchemaError: Error, CustomStringConvertible {
        package var description: String
    }

    /// The assertion keywords understood.
    package static let assertions: Set<String> = [
        "type", "enum", "const", "required", "properties", "additionalProperties", "items", "minItems", "maxItems",
        "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "$ref", "oneOf", "anyOf", "allOf",
    ]
    /// Keywords that only describe.
    package static let annotations: Set<String> = [
        "$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples", "deprecated",
        "readOnly", "writeOnly",
    ]

    /// The main schema's name (its `$id`, e.g. `document.schema.json`).
    package let name: String
    /// The main schema, its keywords read out and its references bound (see `SchemaNode`).
    private let root: SchemaNode

    /// Prepares `schema`, whose `$ref`s may name the documents in `others` by file name.
    /// - Throws: `SchemaError` for a keyword it does not implement, a pattern it cannot compile or
    ///   a `$ref` that leads nowhere.
    package init(schema: JSONValue, others: [String: JSONValue] = [:]) throws(SchemaError) {
        guard let main = schema.objectValue else { throw SchemaError(description: "a schema must be an object") }
        name = main["$id"]?.stringValue ?? "schema"
        var documents: [String: JSONObject] = ["": main]
        for (file, document) in others {
            guard let object = document.objectValue else { throw SchemaError(description: "\(file): not an object") }
            documents[file] = object
        }
        var patterns: [String: SchemaPattern] = [:]
        for (file, document) in documents {
            try Self.prepare(.object(document), at: file.isEmpty ? name : file, patterns: &patterns)
        }
        for (file, document) in documents {
            try Self.checkReferences(.object(document), in: file, documents: documents, name: name)
        }
        var builder = SchemaNodeBuilder(documents: documents, patterns: patterns)
        root = builder.node(main, in: "")
    }

    /// Every problem of `value`, in document order.
    package func validate(_ value: JSONValue) -> [DataProblem] {
        var problems: [DataProblem] = []
        var path = JSONPath.root
        check(value, against: root, at: &path, into: &problems)
        return problems
    }

    /// Whether `value` passes with no problem.
    package func accepts(_ value: JSONValue) -> Bool { validate(value).isEmpty }

    // MARK: - Checking

    /// Adds `value`'s problems against `schema`. `path` is where `value` sits; the walk extends it
    /// in place and takes each step back, so a path is copied only into a problem.
    private func check(
        _ value: JSONValue, against schema: SchemaNode, at path: inout JSONPath, into problems: inout [DataProblem]
    ) {
        if let target = schema.reference {
            check(value, against: target, at: &path, into: &problems)
        }
        if let types = schema.types, !types.contains(where: { Self.value(value, hasType: $0) }) {
            problems.append(DataProblem(path: path, message: "expected \(Self.phrase(types)), found \(Self.describe(value))"))
            return
        }
        if let choices = schema.choices, !choices.contains(value) {
            let strings = choices.compactMap(\.stringValue)
            let hint = value.stringValue.flatMap { Suggestions.closest(to: $0, in: strings) }.map { "; did you mean \"\($0)\"?" }
            problems.append(
                DataProblem(
                    path: path,
                    message: "expected one of \(choices.map(Self.describe).joined(separator: ", ")), found \(Self.describe(value))"
                        + (hint ?? "")))
        }
        if let constant = schema.constant, constant != value {
            problems.append(DataProblem(path: path, message: "expected \(Self.describe(constant)), found \(Self.describe(value))"))
        }
        switch value {
        case .string(let text): checkString(text, schema, at: path, into: &problems)
        case .number(let text): checkNumber(text, schema, at: path, into: &problems)
        case .object(let members): checkObject(members, schema, at: &path, into: &problems)
        case .array(let elements): checkArray(elements, schema, at: &path, into: &problems)
        case .null, .bool: break
        }
        for branch in schema.allOf {
            check(value, against: branch, at: &path, into: &problems)
        }
        if let branches = schema.oneOf {
            checkAlternatives(value, branches, exactlyOne: true, at: &path, into: &problems)
        }
        if let branches = schema.anyOf {
            checkAlternatives(value, branches, exactlyOne: false, at: &path, into: &problems)
        }
    }

    private func checkString(_ text: String, _ schema: SchemaNode, at path: JSONPath, into problems: inout [DataProblem]) {
        func report(_ message: String) { problems.append(DataProblem(path: path, message: message)) }
        if schema.minLength != nil || schema.maxLength != nil {
            let length = text.unicodeScalars.count
            if let minimum = schema.minLength, length < minimum {
                report(minimum == 1 ? "must not be empty" : "\(length) characters, fewer than the \(minimum) required")
            }
            if let maximum = schema.maxLength, length > maximum {
                report("\(length) characters, more than the \(maximum) allowed")
            }
        }
        if let pattern = schema.pattern, !pattern.matches(text) {
            let expected = schema.expected ?? "text matching \(pattern.source)"
            report("expected \(expected), found \(Self.describe(.string(text)))")
        } else if let format = schema.format, !Self.matches(text, format: format) {
            let expected = format == "date" ? "a date YYYY-MM-DD that exists" : "a date and time such as 2026-11-22T14:05:00+06:00"
            report("expected \(expected), found \(Self.describe(.string(text)))")
        }
    }

    private func checkNumber(_ text: String, _ schema: SchemaNode, at path: JSONPath, into problems: inout [DataProblem]) {
        guard !schema.bounds.isEmpty else { return }
        guard let number = try? ExactDecimal(text) else {
            problems.append(DataProblem(path: path, message: "\(text) is too large or too precise to hold exactly"))
            return
        }
        for bound in schema.bounds {
            guard let limit = bound.limit else { continue }
            if !bound.holds(number, limit) {
                problems.append(DataProblem(path: path, message: "must be \(bound.phrase) \(bound.limitText), found \(text)"))
            }
        }
    }

    private func checkObject(
        _ members: JSONObject, _ schema: SchemaNode, at path: inout JSONPath, into problems: inout [DataProblem]
    ) {
        for (key, member) in members {
            path.append(.key(key))
            defer { path.removeLast() }
            if let property = schema.properties[key] {
                check(member, against: property, at: &path, into: &problems)
                continue
            }
            switch schema.additionalProperties {
            case .forbidden:
                let hint = Suggestions.closest(to: key, in: schema.propertyNames).map { "; did you mean \($0)?" }
                let known = hint ?? "; expected one of \(schema.propertyNames.joined(separator: ", "))"
                problems.append(DataProblem(path: path, message: "unknown field" + known))
            case .checked(let additional):
                check(member, against: additional, at: &path, into: &problems)
            case .allowed:
                break
            }
        }
        for key in schema.required where members[key] == nil {
            problems.append(DataProblem(path: path.appending(key: key), message: "required but missing"))
        }
        if let minimum = schema.minProperties, members.count < minimum {
            problems.append(DataProblem(path: path, message: "has \(members.count) members, fewer than \(minimum)"))
        }
        if let maximum = schema.maxProperties, members.count > maximum {
            problems.append(DataProblem(path: path, message: "has \(members.count) members, more than \(maximum)"))
        }
    }

    private func checkArray(
        _ elements: [JSONValue], _ schema: SchemaNode, at path: inout JSONPath, into problems: inout [DataProblem]
    ) {
        if let minimum = schema.minItems, elements.count < minimum {
            problems.append(DataProblem(path: path, message: "\(elements.count) items, fewer than the \(minimum) required"))
        }
        if let maximum = schema.maxItems, elements.count > maximum {
            problems.append(DataProblem(path: path, message: "\(elements.count) items, more than the \(maximum) allowed"))
            return  // checking each of a million elements would only repeat the point
        }
        guard let items = schema.items else { return }
        for (index, element) in elements.enumerated() {
            path.append(.index(index))
            defer { path.removeLast() }
            check(element, against: items, at: &path, into: &problems)
        }
    }

    /// `oneOf`/`anyOf`: passes when one branch (for `oneOf`, exactly one) passes. Otherwise the
    /// problems of the branch meant for the value's type are reported — for `"-1"` against a
    /// decimal that is a string *or* a number, what the string form wants — so messages stay specific.
    private func checkAlternatives(
        _ value: JSONValue, _ branches: [SchemaNode], exactlyOne: Bool, at path: inout JSONPath,
        into problems: inout [DataProblem]
    ) {
        // nil problems: the branch declares types the value has none of, so it fails on its type
        // alone (`check` tests the type first, its own or its reference's). Its problems would be
        // read only if it were the branch meant for the value's type, which it is not: they are
        // not worked out (in an invoice, most of the validation's time went into such messages).
        var results: [(schema: SchemaNode, problems: [DataProblem]?)] = []
        for branch in branches {
            if let types = branch.declaredTypes, !types.contains(where: { Self.value(value, hasType: $0) }) {
                results.append((branch, nil))
                continue
            }
            var found: [DataProblem] = []
            check(value, against: branch, at: &path, into: &found)
            results.append((branch, found))
        }
        let passing = results.filter { $0.problems?.isEmpty == true }.count
        if passing == 1 || (passing > 1 && !exactlyOne) { return }
        if passing > 1 {
            problems.append(DataProblem(path: path, message: "matches more than one of the allowed forms"))
            return
        }
        let typed = results.first { result in
            (result.schema.declaredTypes ?? []).contains { Self.value(value, hasType: $0) }
        }
        if let typed {
            problems += typed.problems ?? []
        } else {
            let types = results.flatMap { $0.schema.declaredTypes ?? [] }
            problems.append(
                DataProblem(
                    path: path,
                    message: types.isEmpty
                        ? "matches none of the allowed forms" : "expected \(Self.phrase(types)), found \(Self.describe(value))"))
        }
    }

    // MARK: - References

    /// Follows a `$ref`'s JSON pointer through `documents`.
    static func resolve(
        _ reference: String, from document: String, in documents: [String: JSONObject]
    ) -> (JSONObject, String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = parts.first.map(String.init) ?? ""
        let targetDocument = file.isEmpty ? document : file
        guard var current = documents[targetDocument].map(JSONValue.object) else { return nil }
        let pointer = parts.count > 1 ? String(parts[1]) : ""
        for token in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            // JSON Pointer escapes; most tokens have none.
            let key = token.contains("~")
                ? token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String(token)
            guard let next = current[key] else { return nil }
            current = next
        }
        guard let object = current.objectValue else { return nil }
        return (object, targetDocument)
    }

    /// Refuses a `$ref` under `schema` (written in `document`) that leads nowhere.
    private static func checkReferences(
        _ schema: JSONValue, in document: String, documents: [String: JSONObject], name: String
    ) throws(SchemaError) {
        switch schema {
        case .object(let object):
            if let reference = object["$ref"]?.stringValue, resolve(reference, from: document, in: documents) == nil {
                throw SchemaError(description: "\(document.isEmpty ? name : document): $ref \(reference) leads nowhere")
            }
            for (_, member) in object { try checkReferences(member, in: document, documents: documents, name: name) }
        case .array(let elements):
            for element in elements { try checkReferences(element, in: document, documents: documents, name: name) }
        default:
            break
        }
    }

    // MARK: - Preparation

    /// Walks every subschema: refuses keywords this validator does not implement and compiles patterns.
    private static func prepare(
        _ schema: JSONValue, at location: String, patterns: inout [String: SchemaPattern]
    ) throws(SchemaError) {
        guard let object = schema.objectValue else {
            if case .bool = schema { return }
            throw SchemaError(description: "\(location): a schema must be an object")
        }
        for (key, member) in object {
            let here = "\(location)/\(key)"
            switch key {
            case "properties", "$defs":
                for (name, subschema) in member.objectValue ?? JSONObject() {
                    try prepare(subschema, at: "\(here)/\(name)", patterns: &patterns)
                }
            case "items", "additionalProperties":
                try prepare(member, at: here, patterns: &patterns)
            case "oneOf", "anyOf", "allOf":
                for (index, branch) in (member.arrayValue ?? []).enumerated() {
                    try prepare(branch, at: "\(here)/\(index)", patterns: &patterns)
                }
            case "pattern":
                guard let text = member.stringValue else { throw SchemaError(description: "\(here): not a string") }
                do {
                    patterns[text] = try SchemaPattern(text)
                } catch {
                    throw SchemaError(description: "\(here): cannot compile \(text): \(error)")
                }
            case _ where assertions.contains(key) || annotations.contains(key) || key.hasPrefix("x-"):
                break
            default:
                throw SchemaError(description: "\(here): the keyword `\(key)` is not implemented by the validator")
            }
        }
    }

    // MARK: - Helpers

    private static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .number):
            return true
        case ("integer", .number(let text)):
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return true }
            return (try? ExactDecimal(text))?.scale == 0
        default:
            return false
        }
    }

    private static func phrase(_ types: [String]) -> String {
        let names = types.map { type in
            switch type {
            case "integer": "an integer"
            case "object": "an object"
            case "array": "an array"
            case "boolean": "a boolean"
            case "null": "null"
            default: "a \(type)"
            }
        }
        return names.count <= 1 ? names.first ?? "nothing" : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    private static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "date": (try? CalendarDate(text)) != nil
        case "date-time": (try? LocalDateTime(text)) != nil
        default: true
        }
    }

    /// A value as a message shows it: strings quoted and shortened, containers by kind.
    package static func describe(_ value: JSONValue) -> String { JSONRule.describe(value) }
}
