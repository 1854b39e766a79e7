import DocEngine
import Foundation
import Templates
import Testing

/// Includes, labels per language and the data-schema check, on small libraries made per test.
@Suite struct TemplateLibraryTests {
    /// A library folder with the given files (path → text), plus one label in every language.
    func library(_ files: [String: String], labels: [String: String] = ["ru": "Счет", "ky": "Эсеп", "en": "Invoice"])
        throws -> TemplateLibrary
    {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("library-\(UUID().uuidString)")
        for (language, title) in labels {
            let folder = root.appendingPathComponent("locales/\(language)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(#"{"title": "\#(title)", "group": {"x": "y"}}"#.utf8).write(to: folder.appendingPathComponent("doc.json"))
        }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return TemplateLibrary(directory: root)
    }

    func compileErrors(_ library: TemplateLibrary, _ text: String) -> [String] {
        do {
            _ = try library.compile(text: text, fileName: "t.doc")
            return []
        } catch {
            guard case .compile(let diagnostics, let sources) = error else { return ["\(error)"] }
            return diagnostics.map { DiagnosticRenderer(sources: sources).summary($0) }
        }
    }

    @Test func partialsSeeTheirParametersAndTheData() throws {
        let library = try library(["partials/greet.doc": "{% p %}{{ who }} / {{ document.number }}{% endp %}"])
        let template = try library.compile(text: #"{% include "partials/greet" who="Бишкек" %}"#, fileName: "t.doc")
        let document = try template.render(data: try JSONParser.parse(#"{"document": {"number": "7", "date": "2026-11-22"}}"#))
        guard case .paragraph(let paragraph) = document.body.first, case .text(let text, _, _) = paragraph.content.first else {
            Issue.record("no paragraph")
            return
        }
        #expect(text.hasPrefix("Бишкек"))
    }

    @Test func partialsCannotSeeTheCallersVariables() throws {
        let library = try library(["partials/p.doc": "{{ secret }}"])
        let template = try library.compile(text: #"{% let secret = 1 %}{% include "partials/p" %}"#, fileName: "t.doc")
        #expect(throws: TemplateError.self) { try template.render(data: .object(JSONObject())) }
    }

    @Test func missingPartialsAndCyclesAreCompileErrors() throws {
        let library = try library([
            "partials/a.doc": #"{% include "partials/b" %}"#, "partials/b.doc": #"{% include "partials/a" %}"#,
        ])
        #expect(compileErrors(library, #"{% include "partials/nope" %}"#) == ["t.doc:1:12: error: no partial named `partials/nope`"])
        #expect(compileErrors(library, #"{% include "partials/a" %}"#).contains { $0.contains("includes itself (partials/a → partials/b → partials/a)") })
    }

    @Test func unusedParametersAreWarned() throws {
        let library = try library(["partials/p.doc": "{{ used }}"])
        let (_, diagnostics) = CompiledTemplate.check(
            text: #"{% include "partials/p" used=1 unused=2 %}"#, fileName: "t.doc", library: library)
        #expect(diagnostics.map(\.message) == ["parameter `unused` is never used by `partials/p`"])
        #expect(diagnostics.first?.severity == .warning)
    }

    @Test func labelsFollowTheLanguageAndMustExistInEveryTable() throws {
        let library = try library([:])
        let template = try library.compile(text: "{% p %}{{ labels.doc.title }}{% endp %}", fileName: "t.doc")
        for (language, expected) in [(Language.ru, "Счет"), (.ky, "Эсеп"), (.en, "Invoice")] {
            let document = try template.render(data: .object(JSONObject()), language: language)
            guard case .paragraph(let p) = document.body.first, case .text(let text, _, _) = p.content.first else {
                Issue.record("no text")
                continue
            }
            #expect(text == expected)
        }
        let errors = compileErrors(library, "{{ labels.doc.missing }} {{ labels.doc.group }}")
        #expect(errors.count == 6)  // each key, in each of the three languages
        #expect(errors[0] == "t.doc:1:4: error: label `doc.missing` is missing in locales/ru/doc.json")
    }

    /// Label checks run after every file has parsed (the string tables are read meanwhile), yet
    /// each file's label diagnostics stay where checking file by file put them: after its
    /// partials' diagnostics, before the warnings its include itself draws.
    @Test func labelDiagnosticsKeepTheirPlaceAmongTheFiles() throws {
        let library = try library([
            "partials/inner.doc": "{{ labels.doc.innerMissing }}{{ used }}",
            "partials/outer.doc": #"{% include "partials/inner" used=1 spare=2 %}{{ labels.doc.outerMissing }}"#,
        ])
        let (_, diagnostics) = CompiledTemplate.check(
            text: #"{{ labels.doc.mainMissing }}{% include "partials/outer" extra=3 %}{{ labels.doc.group }}"#,
            fileName: "t.doc", library: library)
        let summary = diagnostics.map { diagnostic in
            diagnostic.message.split(separator: " ").prefix(2).joined(separator: " ")
                + (diagnostic.message.contains("locales/") ? " " + (diagnostic.message.split(separator: "/")[1]) : "")
        }
        #expect(summary == [
            "label `doc.innerMissing` ru", "label `doc.innerMissing` ky", "label `doc.innerMissing` en",
            "parameter `spare`",
            "label `doc.outerMissing` ru", "label `doc.outerMissing` ky", "label `doc.outerMissing` en",
            "parameter `extra`",
            "label `doc.mainMissing` ru", "label `doc.mainMissing` ky", "label `doc.mainMissing` en",
            "label `doc.group` ru", "label `doc.group` ky", "label `doc.group` en",
        ])
    }

    /// A string table that does not parse fails every compile with the file's name (as opening the
    /// library used to), and `check` reports it rather than checking without the tables.
    @Test func aBrokenStringTableIsNamed() throws {
        let library = try library([:])
        let broken = library.directory.appendingPathComponent("locales/ky/doc.json")
        try Data(#"{"title": "Эсеп", }"#.utf8).write(to: broken)
        let reopened = TemplateLibrary(directory: library.directory)
        #expect(throws: TemplateError.self) { try reopened.compile(text: "{{ labels.doc.title }}", fileName: "t.doc") }
        do {
            _ = try reopened.compile(text: "{{ labels.doc.title }}", fileName: "t.doc")
        } catch {
            guard case .invalidJSON(let message) = error else {
                Issue.record("expected invalidJSON, got \(error)")
                return
            }
            #expect(message.hasPrefix("locales/ky/doc.json: "))
        }
        let (_, diagnostics) = CompiledTemplate.check(text: "{{ labels.doc.title }}", fileName: "t.doc", library: reopened)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.contains("locales/ky/doc.json") == true)
    }

    @Test func dataFieldsAreCheckedAgainstTheSchema() throws {
        let library = try TemplateLibrary.builtIn()
        let errors = compileErrors(library, "{% for item in items %}{{ item.prise }}{% endfor %}{{ order.cargo.weigthKg }}")
        #expect(errors == [
            "t.doc:1:32: error: the data has no field `prise` in Item",
            "t.doc:1:67: error: the data has no field `weigthKg` in Cargo",
        ])
    }

    @Test func unknownVariablesAreCompileErrors() throws {
        let library = try TemplateLibrary.builtIn()
        let errors = compileErrors(library, "{% let total = 0 %}{{ totl }}{{ ordr.id }}")
        #expect(errors == ["t.doc:1:23: error: unknown variable `totl`", "t.doc:1:33: error: unknown variable `ordr`"])
    }

    @Test func everyBuiltInTemplateCompilesCleanly() throws {
        let library = try TemplateLibrary.builtIn()
        #expect(library.templateNames.contains("invoice"))
        for name in library.templateNames {
            let text = try String(contentsOf: library.directory.appendingPathComponent("\(name).doc"), encoding: .utf8)
            let (_, diagnostics) = CompiledTemplate.check(text: text, fileName: "\(name).doc", library: library)
            #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map(\.message))")
        }
    }
}
