import Crypto
import DocEngine
import Foundation
import Templates

/// Everything one render needs, loaded once: fonts, layout and templates.
/// data JSON → template → document → pages → PDF or PNG.
final class DocumentPipeline {
    let fonts: FontBook
    let templates: TemplateStore
    private let engine: LayoutEngine
    /// Set by `RenderPool` for the render in progress: its time limit cancels it, and every stage
    /// below stops at its next check.
    var cancellation: RenderCancellation?

    init(fonts: FontBook, templates: TemplateStore) {
        self.fonts = fonts
        self.templates = templates
        engine = LayoutEngine(fonts: fonts)
    }

    /// The brand documents are issued under, if any, and how it enters the data.
    struct Branding: Sendable {
        var brand: Brand
        var issuer: BrandApplication.IssuerPolicy = .fillMissing
        /// Checks reseller documents for platform marks.
        var whiteLabelGuard: WhiteLabelGuard
    }

    /// Lays out one document (or an order package of several).
    func layout(template name: String, data: Data, language: Language?, branding: Branding? = nil) throws -> LaidOutDocument {
        if name == OrderPackage.templateName {
            return try OrderPackage.layout(data, pipeline: self, language: language, branding: branding)
        }
        return try layout(template: name, json: try CompiledTemplate.parseData(data), language: language, branding: branding)
    }

    /// Lays out one document from parsed data, under a brand when one is given.
    func layout(template name: String, json: JSONValue, language: Language?, branding: Branding? = nil) throws
        -> LaidOutDocument
    {
        try layout(template: try templates.template(name), json: json, language: language, branding: branding)
    }

    /// Lays out one document of a compiled template (the service's stored versions).
    func layout(template: CompiledTemplate, json: JSONValue, language: Language?, branding: Branding? = nil) throws
        -> LaidOutDocument
    {
        var data = json
        var assets = RenderAssets()
        if let branding {
            let application = BrandApplication(brand: branding.brand)
            data = application.apply(to: json, issuer: branding.issuer)
            assets = try application.assets()
        }
        let document = try template.render(data: data, language: language, assets: assets, cancellation: cancellation)
        let laidOut = try engine.layout(document, cancellation: cancellation)
        if let branding, !branding.brand.isPlatform { try branding.whiteLabelGuard.check(laidOut) }
        return laidOut
    }

    /// SHA-256 over the bundled fonts' fingerprints, recorded with each stored document.
    var fontsFingerprint: String {
        let fingerprints = fonts.fingerprints().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return SHA256.hash(data: Data(fingerprints.joined(separator: "\n").utf8)).hexString
    }

    func pdf(_ document: LaidOutDocument) throws -> Data {
        try PDFRenderer(fonts: fonts).render(document, cancellation: cancellation)
    }

    func png(_ document: LaidOutDocument, page: Int, dpi: Double) throws -> Data {
        guard document.pages.indices.contains(page - 1) else {
            throw CLIError("page \(page) does not exist; the document has \(document.pages.count) page(s)")
        }
        return try PNGRenderer(fonts: fonts).render(document.pages[page - 1], dpi: dpi)
    }
}

/// Writes a file so that it either appears whole or not at all: a temporary file in the same
/// folder, flushed to disk, then renamed over the target.
enum AtomicFile {
    static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CLIError("cannot write to \(directory.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CLIError("cannot write \(url.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CLIError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}
