import ArgumentParser
import DocEngine
import DocPipeline
import Foundation
import Templates

/// `docengine render TEMPLATE --data FILE -o OUT.pdf|OUT.png`
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one document from a template and its JSON data.",
        discussion: "The output format follows the extension of -o: .pdf for the document, .png for one page.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "Template name (invoice) or path to a .doc file.")
    var template: String

    @Option(help: "The document data (JSON).")
    var data: String

    @Option(name: [.short, .customLong("output")], help: "Output file: .pdf or .png.")
    var output: String

    @Option(help: "Language: ru, ky or en (default: the data's locale, else ru).")
    var locale: String?

    @Option(help: "Page to rasterise for PNG output (1-based).")
    var page: Int = 1

    @Option(help: "Resolution of PNG output in dots per inch.")
    var dpi: Double = 96

    func validate() throws {
        let lower = output.lowercased()
        guard lower.hasSuffix(".pdf") || lower.hasSuffix(".png") else {
            throw ValidationError("-o must end in .pdf or .png")
        }
        if let locale, Language(rawValue: locale) == nil { throw ValidationError("--locale must be ru, ky or en") }
        guard page >= 1 else { throw ValidationError("--page starts at 1") }
        guard dpi > 0, dpi <= 1200 else { throw ValidationError("--dpi must be between 1 and 1200") }
    }

    func run() throws {
        try reportingFailures {
            let pipeline = try common.makePipeline()
            guard let bytes = FileManager.default.contents(atPath: data) else { throw CLIError("cannot read \(data)") }
            let document = try pipeline.layout(
                template: template, data: bytes, language: locale.flatMap(Language.init), branding: try common.branding())
            let outputURL = URL(fileURLWithPath: output)
            let result = output.lowercased().hasSuffix(".png")
                ? try pipeline.png(document, page: page, dpi: dpi) : try pipeline.pdf(document)
            try AtomicFile.write(result, to: outputURL)
        }
    }
}
