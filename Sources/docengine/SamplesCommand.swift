import ArgumentParser
import DocCommandLine
import DocEngine
import DocPipeline
import Foundation
import Templates

/// `docengine samples`: render every sample in SampleData/ into out/ (what `make run` does).
/// A sample's template is the longest template name its file name starts with:
/// invoice-kgs.json → invoice, driver-assignment-ky.json → driver-assignment.
struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Render every sample document (SampleData/*.json) to PDF, a PNG of page 1 and, for templates with a table export, XLSX.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Folder of sample JSON files.")
    var samples: String = "SampleData"

    @Option(help: "Folder to write the documents to.")
    var output: String = "out"

    @Option(help: "Resolution of the page previews.")
    var dpi: Double = 80

    func run() throws {
        try reportingFailures {
            let pipeline = try common.makePipeline(parsedTemplates: .forCommandLine())
            let branding = try common.branding()
            let folder = URL(fileURLWithPath: samples)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".json") }.sorted()
            guard !names.isEmpty else { throw CLIError("no sample .json files in \(samples)") }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            var failures = 0
            for name in names {
                let base = String(name.dropLast(5))
                let known = (pipeline.templates.library.templateNames + [OrderPackage.templateName]).sorted { $0.count > $1.count }
                let template = known.first { base == $0 || base.hasPrefix($0 + "-") } ?? base
                let started = Date()
                do {
                    guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                        throw CLIError("cannot read \(name)")
                    }
                    let document = try pipeline.layout(template: template, data: data, language: nil, branding: branding)
                    let pdfURL = URL(fileURLWithPath: output).appendingPathComponent(base + ".pdf")
                    try AtomicFile.write(try pipeline.pdf(document), to: pdfURL)
                    let pngURL = URL(fileURLWithPath: output).appendingPathComponent(base + ".png")
                    try AtomicFile.write(try pipeline.png(document, page: 1, dpi: dpi), to: pngURL)
                    // Templates with a table export also give their spreadsheet.
                    var spreadsheet = ""
                    if template != OrderPackage.templateName, try pipeline.templates.template(template).exportsSheets {
                        let xlsxURL = URL(fileURLWithPath: output).appendingPathComponent(base + ".xlsx")
                        let workbook = try pipeline.workbook(template: template, data: data, language: nil, branding: branding)
                        try AtomicFile.write(try pipeline.xlsx(workbook), to: xlsxURL)
                        spreadsheet = "; spreadsheet \(xlsxURL.path)"
                    }
                    let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
                    print("\(pdfURL.path)  (\(document.pages.count) page(s), \(milliseconds) ms; preview \(pngURL.path)\(spreadsheet))")
                } catch PipelineError.invalidData(let problems) {
                    failures += 1
                    FileHandle.standardError.write(Data(problems.map { "\(name): \($0)\n" }.joined().utf8))
                } catch let error as TemplateError {
                    failures += 1
                    FileHandle.standardError.write(Data("\(name): \(error.summary)\n".utf8))
                } catch {
                    failures += 1
                    FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
                }
            }
            if failures > 0 { throw CLIError("\(failures) of \(names.count) samples failed") }
        }
    }
}
