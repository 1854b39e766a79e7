import ArgumentParser
import DocEngine
import DocPipeline
import Foundation
import Templates

/// `docengine preview --brand DIR`: every template rendered with sample data under one brand,
/// what a reseller sees in «Документы → Шаблоны». The brand is shown as the issuer.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render every template with sample data under a brand (the reseller's template gallery).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Folder of sample JSON files.")
    var samples: String = "SampleData"

    @Option(help: "Folder to write the previews to (default: out/preview-BRAND).")
    var output: String?

    @Option(help: "Resolution of the PNG previews.")
    var dpi: Double = 80

    func validate() throws {
        guard common.brand != nil else { throw ValidationError("preview needs --brand DIR") }
    }

    func run() throws {
        try reportingFailures {
            guard let branding = try common.branding(issuer: .replace) else { return }
            let pipeline = try common.makePipeline()
            let folder = URL(fileURLWithPath: output ?? "out/preview-\(branding.brand.id)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let files = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".json") }
            let language = branding.brand.locale ?? .ru
            for template in pipeline.templates.library.templateNames {
                // The shortest sample in the brand's language (a sample without `locale` is Russian).
                let sampleFolder = URL(fileURLWithPath: samples)
                // `contract-` also starts `contract-supplement-…`: a file of a longer template name is not this one's.
                let longer = pipeline.templates.library.templateNames.filter { $0 != template && $0.hasPrefix(template + "-") }
                let ownFiles = files.filter { file in
                    file.hasPrefix(template + "-") && !longer.contains { file.hasPrefix($0 + "-") }
                }
                let candidates = ownFiles.compactMap { file -> (String, Int, Language)? in
                    guard let bytes = FileManager.default.contents(atPath: sampleFolder.appendingPathComponent(file).path),
                        let json = try? CompiledTemplate.parseData(bytes)
                    else { return nil }
                    let sampleLanguage = json["locale"]?.stringValue.flatMap(Language.init(rawValue:)) ?? .ru
                    return (file, bytes.count, sampleLanguage)
                }.sorted { ($0.2 == language ? 0 : 1, $0.1, $0.0) < ($1.2 == language ? 0 : 1, $1.1, $1.0) }
                guard let sample = candidates.first?.0 else { continue }
                guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: samples).appendingPathComponent(sample).path)
                else { throw CLIError("cannot read \(sample)") }
                let document = try pipeline.layout(template: template, data: data, language: nil, branding: branding)
                let pdf = folder.appendingPathComponent("\(template).pdf")
                try AtomicFile.write(try pipeline.pdf(document), to: pdf)
                let png = folder.appendingPathComponent("\(template).png")
                try AtomicFile.write(try pipeline.png(document, page: 1, dpi: dpi), to: png)
                print("\(pdf.path)  (\(document.pages.count) page(s); preview \(png.path))")
            }
        }
    }
}
