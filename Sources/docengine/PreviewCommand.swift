import ArgumentParser
import DocCommandLine
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
            let pipeline = try common.makePipeline(parsedTemplates: .forCommandLine())
            let folder = URL(fileURLWithPath: output ?? "out/preview-\(branding.brand.id)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let files = try FileManager.default.contentsOfDirectory(atPath: samples).filter { $0.hasSuffix(".json") }
            let language = branding.brand.locale ?? .ru
            let templates = pipeline.templates.library.templateNames
            for template in templates {
                // The shortest sample of this template in the brand's language (a sample without
                // `locale` is Russian). A sample belongs to the longest template name its file
                // name starts with, so contract-supplement-ru.json is never a contract's sample.
                let sampleFolder = URL(fileURLWithPath: samples)
                let candidates = files.filter { Self.template(ofSample: $0, among: templates) == template }
                    .compactMap { file -> (String, Int, Language)? in
                        guard let bytes = FileManager.default.contents(atPath: sampleFolder.appendingPathComponent(file).path),
                            let json = try? CompiledTemplate.parseData(bytes)
                        else { return nil }
                        let sampleLanguage = json["locale"]?.stringValue.flatMap(Language.init(rawValue:)) ?? .ru
                        return (file, bytes.count, sampleLanguage)
                    }.sorted { ($0.2 == language ? 0 : 1, $0.1, $0.0) < ($1.2 == language ? 0 : 1, $1.1, $1.0) }
                guard let sample = candidates.first?.0 else { continue }
                guard let bytes = FileManager.default.contents(atPath: sampleFolder.appendingPathComponent(sample).path)
                else { throw CLIError("cannot read \(sample)") }
                // The brand's number series, as its issued documents will carry (АТЛ-СЧ-2026-000128).
                let data = Self.numbered(try CompiledTemplate.parseData(bytes), template: template, brand: branding.brand)
                let document = try pipeline.layout(template: template, json: data, language: nil, branding: branding)
                if let terms = branding.brand.terms, template == "request" {
                    for finding in BrandTermsReview.findings(terms: terms, data: data, language: nil, brandLocale: branding.brand.locale) {
                        FileHandle.standardError.write(Data("warning: \(template) (\(sample)): \(finding)\n".utf8))
                    }
                }
                let pdf = folder.appendingPathComponent("\(template).pdf")
                try AtomicFile.write(try pipeline.pdf(document), to: pdf)
                let png = folder.appendingPathComponent("\(template).png")
                try AtomicFile.write(try pipeline.png(document, page: 1, dpi: dpi), to: png)
                print("\(pdf.path)  (\(document.pages.count) page(s); preview \(png.path))")
            }
        }
    }

    /// The template a sample file belongs to: the longest template name its name starts with.
    static func template(ofSample file: String, among templates: [String]) -> String? {
        let base = file.hasSuffix(".json") ? String(file.dropLast(5)) : file
        return templates.sorted { $0.count > $1.count }.first { base == $0 || base.hasPrefix($0 + "-") }
    }

    /// The sample's `document.number` moved into the brand's series.
    static func numbered(_ data: JSONValue, template: String, brand: Brand) -> JSONValue {
        guard case .object(var root) = data, case .object(var document)? = root["document"],
            let number = document["number"]?.stringValue
        else { return data }
        document["number"] = .string(DocumentNumbering.previewNumber(
            number, template: template, date: document["date"]?.stringValue, brandPrefix: brand.numberPrefix))
        root["document"] = .object(document)
        return .object(root)
    }
}
