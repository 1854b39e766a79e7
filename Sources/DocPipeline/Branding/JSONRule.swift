package import Templates

/// The part of JSON Schema that brand.json needs, checked strictly: types, string lengths,
/// patterns, enums, required members and unknown keys (with a "did you mean").
///
/// Checking collects every problem instead of stopping at the first, so a reseller fixes a
/// brand folder in one round.
package indirect enum JSONRule: Sendable {
    /// A string of `minLength...maxLength` characters (Unicode scalars, as JSON Schema counts),
    /// optionally in a `format`.
    case string(minLength: Int = 0, maxLength: Int = .max, format: Format? = nil)
    case boolean
    /// One of a few strings (`"enum"`).
    case oneOf([String])
    /// document.schema.json `Decimal`: a number, or a string of up to 15 digits and 6 decimals.
    case decimal
    /// A string for every language, or an object of one to three languages (`ru`, `ky`, `en`) to
    /// strings, each at most `maxLength` characters (`LocalizedText`).
    case localized(maxLength: Int)
    /// An object whose members all appear in `properties` (`"additionalProperties": false`).
    case object(required: [String], properties: [(name: String, rule: JSONRule)])

    /// A pattern a string must match, and how to say so.
    package struct Format: Sendable {
        /// What the message says was expected, e.g. "#RRGGBB".
        package let expected: String
        package let matches: @Sendable (String) -> Bool
    }

    /// The longest excerpt of a wrong string quoted in a message.
    package static let quoteLimit = 40

    /// Checks `value` and appends a message for each problem.
    /// - Parameters:
    ///   - value: the JSON to check.
    ///   - path: where it is, e.g. `legal.bank`; empty for the document itself.
    ///   - problems: collects messages of the form `path: what is wrong`.
    package func check(_ value: JSONValue, at path: String, into problems: inout [String]) {
        func report(_ message: String) { problems.append(path.isEmpty ? message : "\(path): \(message)") }
        switch (self, value) {
        case (.string(let minLength, let maxLength, let format), .string(let text)):
            let length = text.unicodeScalars.count
            if let format, !format.matches(text) {
                report("expected \(format.expected), found \(Self.describe(value))")
            } else if length < minLength {
                report(
                    minLength == 1 ? "must not be empty" : "\(length) characters, fewer than the \(minLength) required")
            } else if length > maxLength {
                report("\(length) characters, more than the \(maxLength) allowed")
            }
        case (.boolean, .bool), (.decimal, .number):
            break
        case (.decimal, .string(let text)):
            if !Self.isDecimal(text) {
                report("expected a decimal number such as \"12.5\", found \(Self.describe(value))")
            }
        case (.oneOf(let choices), .string(let text)) where choices.contains(text):
            break
        case (.oneOf(let choices), _):
            let hint = value.stringValue.flatMap { Suggestions.closest(to: $0, in: choices) }
            let expected = choices.map { "\"\($0)\"" }.joined(separator: ", ")
            report(
                "expected one of \(expected), found \(Self.describe(value))"
                    + (hint.map { "; did you mean \"\($0)\"?" } ?? ""))
        case (.localized(let maxLength), .string):
            JSONRule.string(maxLength: maxLength).check(value, at: path, into: &problems)
        case (.localized(let maxLength), .object(let members)):
            if members.isEmpty { report("expected a text for at least one of \"ru\", \"ky\", \"en\"") }
            let languages = Language.allCases.map { (name: $0.rawValue, rule: JSONRule.string(maxLength: maxLength)) }
            checkMembers(members, required: [], properties: languages, at: path, into: &problems)
        case (.object(let required, let properties), .object(let members)):
            checkMembers(members, required: required, properties: properties, at: path, into: &problems)
        default:
            report("expected \(expectedType), found \(Self.describe(value))")
        }
    }

    private func checkMembers(
        _ members: JSONObject, required: [String], properties: [(name: String, rule: JSONRule)], at path: String,
        into problems: inout [String]
    ) {
        let known = properties.map(\.name)
        for (key, member) in members {
            let memberPath = path.isEmpty ? key : "\(path).\(key)"
            if let rule = properties.first(where: { $0.name == key })?.rule {
                rule.check(member, at: memberPath, into: &problems)
            } else {
                let hint = Suggestions.closest(to: key, in: known).map { "; did you mean \"\($0)\"?" } ?? ""
                let message = "unknown key \(Self.quote(key))\(hint)"
                problems.append(path.isEmpty ? message : "\(path): \(message)")
            }
        }
        for key in required where members[key] == nil {
            problems.append("\(path.isEmpty ? key : "\(path).\(key)"): required but missing")
        }
    }

    /// The JSON type this rule wants, for messages.
    private var expectedType: String {
        switch self {
        case .string: "a string"
        case .boolean: "true or false"
        case .oneOf: "a string"
        case .localized: "a string or an object of languages (ru, ky, en) to strings"
        case .decimal: "a number"
        case .object: "an object"
        }
    }

    /// A value as a message shows it: strings quoted and shortened, containers by kind.
    package static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let text): quote(text)
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// `text` in double quotes with quotes and control characters escaped, cut at `quoteLimit`.
    package static func quote(_ text: String) -> String {
        let short = text.count > quoteLimit ? String(text.prefix(quoteLimit - 1)) + "…" : text
        var escaped = ""
        for scalar in short.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case _ where scalar.value < 0x20:
                let digits = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"\(escaped)\""
    }

    /// `^-?[0-9]{1,15}(\.[0-9]{1,6})?$`
    private static func isDecimal(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard let whole = parts.first, (1...15).contains(whole.count), digits(whole) else { return false }
        guard parts.count == 2 else { return true }
        return (1...6).contains(parts[1].count) && digits(parts[1])
    }
}
