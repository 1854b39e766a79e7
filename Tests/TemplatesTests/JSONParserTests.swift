import Testing
import Templates

/// An expected parse failure: input, message, 1-based line and column.
struct ParseFailure: Sendable, CustomTestStringConvertible {
    let input: [UInt8]
    let message: String
    let line: Int
    let column: Int

    init(_ text: String, _ message: String, line: Int = 1, column: Int) {
        self.init(bytes: Array(text.utf8), message, line: line, column: column)
    }

    init(bytes: [UInt8], _ message: String, line: Int = 1, column: Int) {
        (self.input, self.message, self.line, self.column) = (bytes, message, line, column)
    }

    var testDescription: String { message }
}

private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite struct JSONParserValidTests {
    /// The compact text the service stores (and hashes) as a document's data: exact bytes.
    @Test func writesCompactTextWithItsEscapesAndOrder() throws {
        let value: JSONValue = [
            "z": "plain", "a": .array([.number("1.50"), .number("-0"), .null, .bool(true), .bool(false)]),
            "quote \"and\" \\": .string("line\nbreak\ttab\r\u{1}\u{1F} «ёлка» 🚚"), "empty": .object(JSONObject()),
            "none": .array([]), "nested": ["deeper": ["deepest": .number("7e0")]],
        ]
        #expect(
            value.jsonText
                == #"{"z":"plain","a":[1.50,-0,null,true,false],"quote \"and\" \\":"line\nbreak\ttab\r\u0001\u001F «ёлка» 🚚","empty":{},"none":[],"nested":{"deeper":{"deepest":7e0}}}"#
        )
        #expect(try JSONParser.parse(Array(value.jsonText.utf8)) == value)
        #expect(JSONValue.string("").jsonText == #""""#)
        // Each character that needs an escape, alone in its string.
        let lone: [(String, String)] = [("\\", #"\\"#), ("\"", #"\""#), ("\u{7}", #"\u0007"#), ("\n", #"\n"#)]
        for (text, escaped) in lone {
            #expect(JSONValue.string("a\(text)b").jsonText == "\"a\(escaped)b\"")
        }
    }

    @Test func parsesADocumentKeepingKeyOrder() throws {
        let text = """
            {
              "number": "INV-7",
              "date": "2026-11-22",
              "items": [
                {"name": "Перевозка Бишкек — Алматы", "price": 1.50, "qty": 2},
                {"name": "Простой", "price": 100, "qty": 1}
              ],
              "paid": false,
              "note": null
            }
            """
        let document = try JSONParser.parse(text)
        #expect(document.objectValue?.keys == ["number", "date", "items", "paid", "note"])
        #expect(document["items"]?[0]?["price"] == .number("1.50"))
        #expect(document["items"]?[0]?["name"]?.stringValue == "Перевозка Бишкек — Алматы")
        #expect(document["items"]?[1]?["qty"] == .number("1"))
        #expect(document["paid"] == .bool(false))
        #expect(document["note"] == .null)
        #expect(document["missing"] == nil)
        #expect(document["items"]?[2] == nil)
        #expect(document[JSONPath().appending(key: "items").appending(index: 1).appending(key: "name")] == "Простой")
    }

    @Test(arguments: ["0", "-0", "1.50", "-12.5e-3", "1E+2", "0.1e-5", "123456789012345678901234567890.5", "7e0"])
    func keepsExactNumberText(number: String) throws {
        #expect(try JSONParser.parse("[\(number)]") == .array([.number(number)]))
    }

    @Test func resolvesEscapes() throws {
        let text = #""\"\\\/\b\f\n\r\t\u0041\u00e9\ud83d\ude00\u0000""#
        #expect(try JSONParser.parse(text) == .string("\"\\/\u{8}\u{C}\n\r\tAé😀\u{0}"))
        #expect(try JSONParser.parse(#""Ңң № «x» \u04a2""#) == .string("Ңң № «x» Ң"))
        #expect(try JSONParser.parse(#""""#) == .string(""))
    }

    @Test func acceptsScalarsAtTopLevelAndAllWhitespace() throws {
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse(" \t\r\n null \n") == .null)
        #expect(try JSONParser.parse("-1") == .number("-1"))
        #expect(try JSONParser.parse(#"{"a":[],"b":{},"c":[{}]}"#) == ["a": [], "b": .object([:]), "c": [.object([:])]])
    }

    @Test func acceptsByteCollectionsAndSkipsByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8)
        #expect(try JSONParser.parse(bytes) == ["a": 1])
        #expect(try JSONParser.parse(bytes[3...]) == ["a": 1])
        // The BOM is not counted as a column.
        let error = parseError([0xEF, 0xBB, 0xBF] + Array(#"{"a" 1}"#.utf8))
        #expect(error?.column == 6)
    }

    @Test func acceptsMaximumDepth() throws {
        let depth = JSONParser.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(text)
        var levels = 0
        while case .array(let elements) = value {
            levels += 1
            value = elements.first ?? .null
        }
        #expect(levels == depth)
    }
}

@Suite struct JSONParserErrorTests {
    static let failures: [ParseFailure] = [
        .init(#"{"a": 1 "b": 2}"#, "expected ',' or '}' after object member", column: 9),
        .init(#"[1 2]"#, "expected ',' or ']' after array element", column: 4),
        .init("[1,2,]", "trailing comma is not allowed in an array", column: 5),
        .init(#"{"a":1,}"#, "trailing comma is not allowed in an object", column: 7),
        .init("[1,\r\n2,\r\n]", "trailing comma is not allowed in an array", line: 2, column: 2),
        .init("[01]", "leading zeros are not allowed in numbers", column: 2),
        .init("-01", "leading zeros are not allowed in numbers", column: 2),
        .init("[NaN]", "NaN and Infinity are not valid JSON numbers", column: 2),
        .init("-Infinity", "NaN and Infinity are not valid JSON numbers", column: 1),
        .init("Infinity", "NaN and Infinity are not valid JSON numbers", column: 1),
        .init("[1.]", "expected a digit after the decimal point", column: 4),
        .init("[1e]", "expected a digit in the exponent", column: 4),
        .init("[-]", "expected a digit after '-'", column: 3),
        .init("[+1]", "unexpected '+', expected a value", column: 2),
        .init("[.5]", "unexpected '.', expected a value", column: 2),
        .init("[é]", "unexpected 'é', expected a value", column: 2),
        .init(bytes: [0x5B, 0xFF, 0x5D], "unexpected byte 0xFF, expected a value", column: 2),
        .init("[\u{7}]", "unexpected character U+0007, expected a value", column: 2),
        .init("\"a\tb\"", "control character U+0009 must be escaped in a string", column: 3),
        .init("\"a\nb\"", "control character U+000A must be escaped in a string", column: 3),
        .init(#""\ud800""#, #"unpaired high surrogate \uD800"#, column: 2),
        .init(#""\ud800\u0041""#, #"unpaired high surrogate \uD800"#, column: 2),
        .init(#""x\ud800y""#, #"unpaired high surrogate \uD800"#, column: 3),
        .init(#""\udc00""#, #"unpaired low surrogate \uDC00"#, column: 2),
        .init(#""\x""#, #"invalid escape sequence '\x'"#, column: 2),
        .init(#""\u12G4""#, #"invalid \u escape: expected 4 hex digits"#, column: 2),
        .init(#""abc"#, "unterminated string", column: 1),
        .init(#"["ok", "abc"#, "unterminated string", column: 8),
        .init(#"{"a":1,"a":2}"#, #"duplicate key "a" in object"#, column: 8),
        .init("[1,", "unexpected end of input, expected a value", column: 4),
        .init("", "unexpected end of input, expected a value", column: 1),
        .init("   ", "unexpected end of input, expected a value", column: 4),
        .init(#"{"a":"#, "unexpected end of input, expected a value", column: 6),
        .init(#"{"a""#, "unexpected end of input, expected ':' after object key", column: 5),
        .init("{", "unexpected end of input, expected '\"' to start an object key or '}'", column: 2),
        .init("[1", "unexpected end of input, expected ',' or ']' after array element", column: 3),
        .init("{} x", "unexpected content after the JSON value", column: 4),
        .init("tru", "invalid literal, expected 'true'", column: 1),
        .init("[nul]", "invalid literal, expected 'null'", column: 2),
        .init("{1:2}", "expected '\"' to start an object key or '}'", column: 2),
        .init(#"{"a":1,2}"#, "expected '\"' to start an object key", column: 8),
        .init(#"{"a" 1}"#, "expected ':' after object key", column: 6),
        // Columns count Unicode scalars: "ключ" is 4 columns but 8 bytes, 😀 is 1 column but 4 bytes.
        .init(#"{"ключ": 1 2}"#, "expected ',' or '}' after object member", column: 12),
        .init(#"["😀" x]"#, "expected ',' or ']' after array element", column: 6),
        .init(bytes: [0x22, 0xC3, 0x28, 0x22], "invalid UTF-8 sequence", column: 2),
        .init(bytes: [0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 byte 0xC0", column: 2),
        .init(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 sequence", column: 2),  // encoded surrogate
        .init(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "invalid UTF-8 sequence", column: 2),  // > U+10FFFF
        .init(bytes: [0x22, 0x61, 0xE2, 0x82], "invalid UTF-8 sequence", column: 3),  // truncated
        .init(bytes: [0x22, 0x80, 0x22], "invalid UTF-8 byte 0x80", column: 2),  // stray continuation
    ]

    @Test(arguments: failures)
    func reportsMessageLineAndColumn(failure: ParseFailure) {
        let error = parseError(failure.input)
        #expect(error?.message == failure.message)
        #expect(error?.line == failure.line)
        #expect(error?.column == failure.column)
    }

    @Test func rendersLineAndColumnFirst() {
        let text = """
            {
              "order": {
                "kg": 12 "x"
              }
            }
            """
        let error = parseError(Array(text.utf8))
        #expect(error?.description == "line 3, column 14: expected ',' or '}' after object member")
        #expect(error?.byteOffset == 28)
    }

    @Test func rejectsNestingDeeperThanTheLimit() {
        let depth = JSONParser.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = parseError(Array(text.utf8))
        #expect(error?.message == "nesting is deeper than 512 levels")
        #expect(error?.column == depth)
        // Far deeper input fails at the same point instead of exhausting the stack.
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(parseError(Array(objects.utf8))?.column == 512 * 5 + 1)
    }
}

@Suite struct JSONObjectTests {
    @Test func preservesOrderWithKeyedAccess() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = "three"
        object.updateValue(20, forKey: "a")
        #expect(object.keys == ["b", "a", "c"])
        #expect(object.map(\.key) == ["b", "a", "c"])
        #expect(object["a"] == 20)
        #expect(object.count == 3)
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["c"] == "three")
        #expect(object.removeValue(forKey: "a") == 20)
        #expect(object["c"] == "three")
        #expect(object.removeValue(forKey: "zzz") == nil)
    }

    @Test func equalityIgnoresOrderButNotValues() {
        let lhs: JSONObject = ["a": 1, "b": [true, nil]]
        #expect(lhs == ["b": [true, nil], "a": 1])
        #expect(lhs != ["a": 1, "b": [true, false]])
        #expect(lhs != ["a": 1])
        #expect(JSONValue.number("1.0") != .number("1"))
    }
}

@Suite struct JSONPathTests {
    @Test(arguments: [
        (JSONPath().appending(key: "items").appending(index: 3).appending(key: "price"), "items[3].price"),
        (JSONPath([.key("order"), .key("cargo"), .key("weightKg")]), "order.cargo.weightKg"),
        (JSONPath().appending(key: "we ird"), #"["we ird"]"#),
        (JSONPath([.key("parties"), .key("full name"), .key("x")]), #"parties["full name"].x"#),
        (JSONPath().appending(key: #"a"b\c"#), #"["a\"b\\c"]"#),
        (JSONPath().appending(key: "1st"), #"["1st"]"#),
        (JSONPath().appending(key: "ключ"), #"["ключ"]"#),
        (JSONPath().appending(key: "_id9"), "_id9"),
        (JSONPath().appending(key: ""), #"[""]"#),
        (JSONPath().appending(index: 0).appending(index: 2), "[0][2]"),
        (JSONPath.root, "$"),
    ])
    func renders(path: JSONPath, expected: String) {
        #expect(path.description == expected)
    }

    @Test func comparesByComponents() {
        let path = JSONPath().appending(key: "a").appending(index: 1)
        #expect(path == JSONPath([.key("a"), .index(1)]))
        #expect(path != JSONPath([.key("a"), .key("1")]))
        #expect(Set([path, JSONPath([.key("a"), .index(1)])]).count == 1)
    }
}
