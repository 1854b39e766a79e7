import DocTestSupport
import Foundation
import Templates
import Testing

@testable import DocPipeline

/// The contract's patterns match as `Regex.firstMatch` (Unicode scalars) does, whether the small
/// automaton or `Regex` answers: checked against `Regex` on the contract's own patterns and on
/// random patterns and strings.
@Suite struct SchemaPatternTests {
    /// Every `pattern` in the built-in schemas.
    static let contractPatterns: [String] = {
        let folder = repositoryRoot.appendingPathComponent("Sources/Templates/BuiltIn/schema")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        var found: Set<String> = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for (key, member) in object {
                    if key == "pattern", let text = member.stringValue { found.insert(text) } else { collect(member) }
                }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        for name in names where name.hasSuffix(".json") {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                let schema = try? JSONParser.parse(data)
            {
                collect(schema)
            }
        }
        return found.sorted()
    }()

    /// What `Regex` says, the reference.
    func regexMatches(_ pattern: String, _ text: String) throws -> Bool {
        try Regex(pattern).matchingSemantics(.unicodeScalar).firstMatch(in: text) != nil
    }

    @Test func theContractsPatternsAreAllMatchedByTheAutomaton() throws {
        #expect(Self.contractPatterns.count >= 10)
        for source in Self.contractPatterns {
            #expect(try SchemaPattern(source).isAutomaton, "\(source)")
        }
    }

    @Test func theContractsPatternsAnswerAsRegexDoes() throws {
        var generator = SeededGenerator(seed: 20261207)
        let alphabet = Array("0123456789.-:abfzAKZ ,\n١٢٣０+e")
        let examples = [
            "", "0", "00", "0.1", "0.000001", "0.0000001", "0.10", "1.5", "100", "100.0", "100.000000", "100.0000001",
            "100.5", "99.999999", "1000", "-1", "-0.5", "2026-12-07", "2026-1-07", "23:59", "24:00", "9:30", "KG", "kg",
            "KGS", "417", "2026", String(repeating: "a", count: 64), String(repeating: "f0", count: 32),
            "123456789012345", "1234567890123456", "123456789012345.123456", "1.1234567", " 1", "1 ", "1\n", "\n1",
        ]
        for source in Self.contractPatterns {
            let pattern = try SchemaPattern(source)
            var texts = examples
            for _ in 0..<600 {
                let length = Int.random(in: 0...18, using: &generator)
                texts.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            }
            // Near misses of the examples: one scalar changed, dropped or added.
            for example in examples where !example.isEmpty {
                var scalars = Array(example)
                let index = Int.random(in: 0..<scalars.count, using: &generator)
                scalars[index] = alphabet.randomElement(using: &generator)!
                texts.append(String(scalars))
                texts.append(String(example.dropFirst()) + String(alphabet.randomElement(using: &generator)!))
            }
            for text in texts {
                #expect(pattern.matches(text) == (try regexMatches(source, text)), "\(source) on \(text.debugDescription)")
            }
        }
    }

    /// Random patterns over the plain subset (and a little past it, which `Regex` then answers):
    /// the same answers on random strings.
    @Test func randomPatternsAnswerAsRegexDoes() throws {
        var generator = SeededGenerator(seed: 7)
        var automata = 0
        for _ in 0..<400 {
            let source = Self.randomPattern(depth: 0, using: &generator)
            guard let pattern = try? SchemaPattern(source) else {
                // Not a pattern at all: `Regex` must refuse it too.
                #expect(throws: (any Error).self, "\(source)") { try Regex(source) }
                continue
            }
            if pattern.isAutomaton { automata += 1 }
            for _ in 0..<40 {
                let length = Int.random(in: 0...10, using: &generator)
                let text = String((0..<length).map { _ in Array("ab-.c\n").randomElement(using: &generator)! })
                #expect(pattern.matches(text) == (try regexMatches(source, text)), "\(source) on \(text.debugDescription)")
            }
        }
        #expect(automata > 200)  // most random patterns stay in the subset, so the test tests it
    }

    @Test func patternsOutsideTheSubsetGoToRegex() throws {
        for (source, text, expected) in [
            (#"^\d{3}$"#, "417", true), ("^a.c$", "abc", true), ("^a.c$", "a\nc", false), ("^(?=a)ab", "ab", true),
            ("a^b", "a^b", false), ("^a|b$", "xb", true), (#"^[\w]+$"#, "ab_1", true),
        ] {
            let pattern = try SchemaPattern(source)
            #expect(!pattern.isAutomaton, "\(source)")
            #expect(pattern.matches(text) == expected, "\(source) on \(text.debugDescription)")
        }
    }

    @Test func patternsThatAreNotPatternsAreRefused() {
        for source in ["[a-", "(ab", "a{2,1}", "*a", "[z-a]"] {
            #expect(throws: (any Error).self, "\(source)") { try SchemaPattern(source) }
        }
    }

    /// A pattern that makes a backtracking matcher try exponentially many ways is a table here,
    /// read once per scalar: a long near miss is refused and a long match found. (Not timed; a
    /// backtracking matcher would not finish within the suite's limit.)
    @Test func aPatternThatBacktracksIsATable() throws {
        let pattern = try SchemaPattern("^(a|a?)+b$")
        #expect(pattern.isAutomaton)
        #expect(!pattern.matches(String(repeating: "a", count: 20_000)))
        #expect(pattern.matches(String(repeating: "a", count: 20_000) + "b"))
    }

    static func randomPattern(depth: Int, using generator: inout SeededGenerator) -> String {
        var text = depth == 0 && Bool.random(using: &generator) ? "^" : ""
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            var atom: String
            switch Int.random(in: 0..<10, using: &generator) {
            case 0, 1, 2: atom = ["a", "b", "c", "-", "\\.", "\\-"].randomElement(using: &generator)!
            case 3, 4: atom = ["[ab]", "[a-c]", "[^a]", "[.-]", "[a-]", "[b\\-]", "[^-]", "[-a]"].randomElement(using: &generator)!
            case 5 where depth < 2:
                let branches = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                    randomPattern(depth: depth + 1, using: &generator)
                }
                atom = (Bool.random(using: &generator) ? "(" : "(?:") + branches.joined(separator: "|") + ")"
            case 6: atom = ["", "|", "."].randomElement(using: &generator)!
            default: atom = ["a", "b"].randomElement(using: &generator)!
            }
            let quantifier = ["", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "??", "+?", "{1,3}?", "{3,1}"]
                .randomElement(using: &generator)!
            text += atom + (atom.isEmpty || atom == "|" ? "" : quantifier)
        }
        if depth == 0 && Bool.random(using: &generator) { text += "$" }
        return text
    }
}
