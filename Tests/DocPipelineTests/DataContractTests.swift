import DocTestSupport
import Foundation
import Templates
import Testing

@testable import DocPipeline

/// The data contract (schema/document.schema.json plus the totals) as every render checks it.
///
/// Before issue 11 nothing enforced the schema: `items[0].vatrate` was dropped without a word and
/// `usesSeal: "yes"` read as true. Each test below failed then, because no check existed.
@Suite struct DataContractTests {
    static let contract: DataContract = {
        do {
            return try DataContract(library: try TemplateLibrary.builtIn())
        } catch {
            fatalError("the built-in data contract does not load: \(error)")
        }
    }()

    /// The problems of the invoice sample after `edit`, as `path: message` lines.
    func problems(_ sample: String = "invoice-kgs", _ edit: (inout JSONValue) -> Void) throws -> [String] {
        var data = try sampleData(sample)
        edit(&data)
        return Self.contract.problems(in: data).map(\.description)
    }

    @Test func everySampleKeepsTheContract() throws {
        for name in sampleNames() where !name.hasPrefix("order-package") {
            let problems = Self.contract.problems(in: try sampleData(name))
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
        for event in ["assigned-ru", "assigned-ky", "assigned-en", "completed-ru", "completed-ky", "completed-en"] {
            guard let data = try sampleData("events/\(event)")["data"] else { throw TestFailure("no data") }
            // Events carry no number: the service takes one from the series.
            let numbered = data.setting(["document", "number"], to: "1")
            #expect(Self.contract.problems(in: numbered).isEmpty, "\(event): \(Self.contract.problems(in: numbered))")
        }
    }

    @Test func aMisspeltFieldIsNamedWithASuggestion() throws {
        let found = try problems { data in data = data.setting(["items", 0, "vatrate"], to: "0") }
        #expect(found == ["items[0].vatrate: unknown field; did you mean vatRate?"])
    }

    @Test func anUnknownFieldIsAnErrorAndExtensionsIsTheDeclaredPlaceForExtras() throws {
        let unknown = try problems { data in data = data.setting(["order", "crmId"], to: "A-17") }
        #expect(unknown.count == 1 && unknown[0].hasPrefix("order.crmId: unknown field"), "\(unknown)")
        let declared = try problems { data in data = data.setting(["extensions"], to: ["crmId": "A-17", "any": [1, 2]]) }
        #expect(declared.isEmpty, "\(declared)")
    }

    @Test func typesAreExact() throws {
        let found = try problems { data in data = data.setting(["issuer", "usesSeal"], to: "yes") }
        #expect(found == [#"issuer.usesSeal: expected a boolean, found "yes""#])
    }

    @Test func everyProblemOfOneDocumentAtOnce() throws {
        let found = try problems { data in
            data = data.setting(["items", 0, "vatrate"], to: "0")
            data = data.setting(["issuer", "usesSeal"], to: "yes")
            data = data.setting(["currency"], to: "SOM")
            data = data.setting(["document", "date"], to: "2026-02-30")
            data = data.removing(["document", "number"])
        }
        #expect(found.count == 5, "\(found)")
        #expect(found.contains("document.number: required but missing"))
        #expect(found.contains { $0.hasPrefix("document.date: expected a date YYYY-MM-DD that exists") })
        #expect(found.contains { $0.hasPrefix(#"currency: expected one of "KGS""#) })
    }

    /// Quantity −1 or 0, a negative price, VAT 200 % or −12 % were issued and numbered before.
    @Test(arguments: [
        (["items", 0, "quantity"], JSONValue.string("-1"), "items[0].quantity: expected a decimal greater than zero"),
        (["items", 0, "quantity"], "0", "items[0].quantity: expected a decimal greater than zero"),
        (["items", 0, "quantity"], .number("0"), "items[0].quantity: must be more than 0"),
        (["items", 1, "price"], "-150.00", "items[1].price: expected a decimal greater than zero"),
        (["items", 1, "price"], .number("-1.5"), "items[1].price: must be more than 0"),
        (["vat", "rate"], "200", "vat.rate: expected a percentage from 0 to 100"),
        (["vat", "rate"], "-12", "vat.rate: expected a percentage from 0 to 100"),
        (["vat", "rate"], .number("100.5"), "vat.rate: must be at most 100"),
        (["items", 0, "vatRate"], "101", "items[0].vatRate: expected a percentage from 0 to 100"),
        (["issuer", "salesTaxRate"], "-2", "issuer.salesTaxRate: expected a percentage from 0 to 100"),
    ] as [([PathStep], JSONValue, String)])
    func anImpossibleAmountIsRefusedAtItsPath(path: [PathStep], value: JSONValue, expected: String) throws {
        let found = try problems { data in data = data.setting(path, to: value) }
        #expect(found.count == 1 && found[0].hasPrefix(expected), "\(found)")
    }

    /// A decimal is a string or a number: a value of neither type is told what the forms are,
    /// and a string is told what the string form wants (the number form is not even tried).
    @Test func aValueOfNoAllowedTypeIsToldTheForms() throws {
        let found = try problems { data in
            data = data.setting(["items", 0, "quantity"], to: true)
            data = data.setting(["items", 1, "price"], to: ["amount": "5"])
            data = data.setting(["items", 2, "price"], to: "1,5")
        }
        #expect(found.count == 3, "\(found)")
        #expect(found.contains("items[0].quantity: expected a string or a number, found true"))
        #expect(found.contains("items[1].price: expected a string or a number, found an object"))
        #expect(found.contains { $0.hasPrefix("items[2].price: expected a decimal") }, "\(found)")
    }

    @Test func totalsStayWithinWhatADocumentMayState() throws {
        let line = try problems { data in
            data = data.setting(["items", 0, "quantity"], to: "999999999999999")
            data = data.setting(["items", 0, "price"], to: "999999999999999")
        }
        #expect(line == ["items[0]: quantity × price is more than the largest amount a document may state, 999999999999.99"])
        let total = try problems { data in
            data = data.setting(["items", 0, "quantity"], to: "1")
            data = data.setting(["items", 0, "price"], to: "999999999999.99")
        }
        #expect(total.count == 1 && total[0].hasPrefix("items: the total of the lines"), "\(total)")
    }

    @Test func theValidatorRefusesAKeywordItDoesNotImplement() {
        let schema: JSONValue = ["type": "object", "if": ["required": ["a"]], "then": ["required": ["b"]]]
        #expect(throws: JSONSchemaValidator.SchemaError.self) { try JSONSchemaValidator(schema: schema) }
    }

    /// `$ref`s are JSON pointers: `~1` is a slash and `~0` a tilde in a name; a recursive schema
    /// checks every level; a pointer that leads nowhere is refused when the validator is made.
    @Test func referencesFollowPointerEscapesAndRecursion() throws {
        let schema: JSONValue = [
            "$defs": [
                "a/b": ["type": "integer"],
                "c~d": ["type": "object", "properties": ["next": ["$ref": "#/$defs/c~0d"], "n": ["$ref": "#/$defs/a~1b"]]],
            ],
            "$ref": "#/$defs/c~0d",
        ]
        let validator = try JSONSchemaValidator(schema: schema)
        let data = try JSONParser.parse(#"{"n": 1, "next": {"n": 2, "next": {"n": "three"}}}"#)
        #expect(validator.validate(data).map(\.description) == ["next.next.n: expected an integer, found \"three\""])
        let dangling: JSONValue = ["$defs": ["a": ["$ref": "#/$defs/b"]], "type": "object"]
        #expect(throws: JSONSchemaValidator.SchemaError.self) { try JSONSchemaValidator(schema: dangling) }
    }

    @Test func theValidatorFollowsReferencesAcrossFilesAndChecksSignatures() throws {
        let found = try problems("invoice-kgs") { data in
            data = data.setting(["signatures", "issuer"], to: ["canvas": ["width": 0, "height": 100], "strokes": []])
        }
        #expect(found == ["signatures.issuer.canvas.width: must be more than 0, found 0"], "\(found)")
    }
}

/// One step of a path into JSON test data.
enum PathStep: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)
    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }
    var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): "[\(index)]"
        }
    }
}

extension JSONValue {
    /// A copy with the value at `path` set (objects are created on the way).
    func setting(_ path: [PathStep], to value: JSONValue) -> JSONValue {
        guard let first = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch (first, self) {
        case (.key(let key), .object(var object)):
            object[key] = (object[key] ?? .object(JSONObject())).setting(rest, to: value)
            return .object(object)
        case (.key(let key), _):
            var object = JSONObject()
            object[key] = JSONValue.object(JSONObject()).setting(rest, to: value)
            return .object(object)
        case (.index(let index), .array(var elements)) where elements.indices.contains(index):
            elements[index] = elements[index].setting(rest, to: value)
            return .array(elements)
        default:
            return self
        }
    }

    /// A copy without the member at `path`.
    func removing(_ path: [PathStep]) -> JSONValue {
        guard case .key(let key)? = path.last else { return self }
        let parent = Array(path.dropLast())
        guard case .object(var object)? = parent.isEmpty ? self : self.value(at: parent) else { return self }
        object[key] = nil
        return parent.isEmpty ? .object(object) : setting(parent, to: .object(object))
    }

    private func value(at path: [PathStep]) -> JSONValue? {
        var current: JSONValue? = self
        for step in path {
            switch step {
            case .key(let key): current = current?[key]
            case .index(let index): current = current?[index]
            }
        }
        return current
    }
}
