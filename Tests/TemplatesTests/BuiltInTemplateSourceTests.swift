import DocEngine
import Foundation
import Templates
import Testing

/// The built-in templates as text people read and brands restyle: short lines, colours only
/// from `theme`, and the inline partials written on several lines still print as one line.
@Suite("Built-in template sources")
struct BuiltInTemplateSourceTests {
    /// The longest line a built-in template may have, in characters.
    static let maximumLineLength = 160

    /// Every `.doc` file under `Sources/Templates/BuiltIn`, relative path and text.
    static func files() throws -> [(path: String, text: String)] {
        let root = try #require(BuiltInTemplates.directory)
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        var files: [(String, String)] = []
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".doc") else { continue }
            files.append((path, try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test("there are built-in templates and partials to check")
    func inventory() throws {
        let paths = try Self.files().map(\.path)
        #expect(paths.contains("invoice.doc"))
        #expect(paths.filter { $0.hasPrefix("partials/") }.count >= 30)
    }

    @Test("no line of a built-in template is longer than 160 characters")
    func lineLength() throws {
        for (path, text) in try Self.files() {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.count > Self.maximumLineLength {
                Issue.record("\(path):\(index + 1) has \(line.count) characters")
            }
        }
    }

    @Test("built-in templates take every colour from `theme`, never from a literal")
    func noColourLiterals() throws {
        let hex = try Regex(#"#[0-9A-Fa-f]{6}\b"#)
        // Colour attributes given a string: `color="black"`, `background='#fff'`.
        let literalAttribute = try Regex(#"\b(color|background|stripe|borderColor|headerBackground)\s*=\s*["']"#)
        for (path, text) in try Self.files() {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.contains(hex) || line.contains(literalAttribute) {
                    Issue.record("\(path):\(index + 1) has a colour literal: \(line)")
                }
            }
        }
    }

    @Test("every `theme.NAME` a built-in template reads is a role, and every role is used")
    func themeNamesAreRoles() throws {
        let reference = try Regex(#"theme\.([A-Za-z]+)"#)
        var used: Set<String> = []
        for (_, text) in try Self.files() {
            for match in text.matches(of: reference) {
                if let name = match.output[1].substring { used.insert(String(name)) }
            }
        }
        #expect(used.subtracting(Theme.roleNames + ["isBranded"]).isEmpty, "unknown roles: \(used)")
        #expect(Set(Theme.roleNames).subtracting(used).isEmpty, "roles no template uses")
    }

    /// Renders `{% p %}BEFORE{% include … %}AFTER{% endp %}` with the built-in library and
    /// returns the paragraph's text, no-break spaces read as spaces.
    func paragraphText(including include: String, data: String) throws -> String {
        let library = try TemplateLibrary.builtIn()
        let template = try library.compile(text: "{% p %}[{% include \(include) %}]{% endp %}", fileName: "t.doc")
        let document = try template.render(data: try CompiledTemplate.parseData(Data(data.utf8)))
        guard case .paragraph(let paragraph) = document.body.first else {
            Issue.record("no paragraph")
            return ""
        }
        // Stray spaces are the question here; typography's no-break spaces read as spaces.
        return paragraph.content.map { inline in
            if case .text(let text, _, _) = inline { text } else { "" }
        }.joined().replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    @Test("the party line, written one clause per line, prints as one line with no stray spaces")
    func partyLine() throws {
        let data = """
            {"locale": "ru", "issuer": {"name": "ОсОО «Ала-Тоо»", "country": "KG", "inn": "02411201910234",
             "okpo": "31245678", "address": "г. Бишкек, ул. Токтогула, 125", "phone": "+996 555 123 456"}}
            """
        let text = try paragraphText(including: #""partials/party-line" party=issuer"#, data: data)
        let expected = "[ОсОО «Ала-Тоо», ИНН 02411201910234, ОКПО 31245678, г. Бишкек, ул. Токтогула, 125, "
            + "тел.: +996 555 123 456]"
        #expect(text == expected)
    }

    @Test("the request preamble's party phrase adds no whitespace of its own around it")
    func preamblePartyIsTight() throws {
        let data = """
            {"locale": "ru", "issuer": {"kind": "individual", "name": "Иванов Иван Иванович"}}
            """
        let text = try paragraphText(
            including: #""partials/request-preamble-party" party=issuer role="Заказчик""#, data: data)
        #expect(text == "[Иванов Иван Иванович, именуемый в дальнейшем «Заказчик»,]")
    }
}
