import DocEngine
import DocTestSupport
import Foundation
import Templates
import Testing

/// Layout goldens of the built-in templates on the sample data: the frame tree as text, positions
/// to 0.01 pt (`LaidOutDocument.layoutDump()`). A change to a template, the data formatting or
/// the layout engine shows here line by line. `RECORD_SNAPSHOTS=1` rewrites them for review.
@Suite struct LayoutSnapshotTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let fonts: FontBook = {
        do {
            return try FontBook(directory: repositoryFile("Fonts"))
        } catch {
            preconditionFailure("bundled fonts failed to load: \(error)")
        }
    }()

    /// The sample laid out with the built-in template its name starts with.
    func layOut(template name: String, sample: String) throws -> LaidOutDocument {
        let template = try TemplateLibrary.builtIn().template(named: name)
        let data = try CompiledTemplate.parseData(try Data(contentsOf: repositoryFile("SampleData/\(sample).json")))
        return try LayoutEngine(fonts: Self.fonts).layout(try template.render(data: data))
    }

    @Test(arguments: [("invoice", "invoice-kgs"), ("request", "request-ru")])
    func sampleLayout(template: String, sample: String) throws {
        let laidOut = try layOut(template: template, sample: sample)
        try assertSnapshot(laidOut.layoutDump(), named: "layout-\(sample)", in: Self.snapshots)
    }

    /// The document is set in the language the template renders in.
    @Test(arguments: Language.allCases)
    func theDocumentCarriesTheRenderLanguage(language: Language) throws {
        let template = try TemplateLibrary.builtIn().template(named: "invoice")
        let data = try CompiledTemplate.parseData(try Data(contentsOf: repositoryFile("SampleData/invoice-kgs.json")))
        #expect(try template.render(data: data, language: language).language.identifier == language.rawValue)
    }
}
