import ArgumentParser
import DocCommandLine
import DocEngine
import DocPipeline
import Foundation
import Templates

/// `docengine render TEMPLATE --data FILE -o OUT.pdf|OUT.png|OUT.xlsx`
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one document from a template and its JSON data.",
        discussion: """
            The output format follows the extension of -o: .pdf for the document, .png for one page, \
            .xlsx for the template's table export (templates with a {% sheet %}).
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Template name (invoice) or path to a .doc file.")
    var template: String

    @Option(help: "The document data (JSON).")
    var data: String

    @Option(name: [.short, .customLong("output")], help: "Output file: .pdf, .png or .xlsx.")
    var output: String

    @Option(help: "Language: ru, ky or en (default: the data's locale, else ru).")
    var locale: String?

    @Option(help: "Page to rasterise for PNG output (1-based).")
    var page: Int = 1

    @Option(help: "Resolution of PNG output in dots per inch.")
    var dpi: Double = 96

    func validate() throws {
        guard OutputFormat(path: output) != nil else { throw ValidationError("-o must end in .pdf, .png or .xlsx") }
        if let locale, Language(rawValue: locale) == nil { throw ValidationError("--locale must be ru, ky or en") }
        guard page >= 1 else { throw ValidationError("--page starts at 1") }
        guard dpi > 0, dpi <= 1200 else { throw ValidationError("--dpi must be between 1 and 1200") }
    }

    func run() throws {
        try reportingFailures {
            let pipeline = try common.makePipeline(parsedTemplates: .forCommandLine())
            guard let bytes = FileManager.default.contents(atPath: data) else { throw CLIError("cannot read \(data)") }
            let language = locale.flatMap(Language.init)
            let result: Data
            switch OutputFormat(path: output) {
            case .xlsx?:
                let workbook = try pipeline.workbook(
                    template: template, data: bytes, language: language, branding: try common.branding())
                result = try pipeline.xlsx(workbook)
            case let format:
                let document = try pipeline.layout(template: template, data: bytes, language: language, branding: try common.branding())
                result = format == .png ? try pipeline.png(document, page: page, dpi: dpi) : try pipeline.pdf(document)
            }
            try AtomicFile.write(result, to: URL(fileURLWithPath: output))
        }
    }
}
