import DocEngine
import Foundation
import Templates

/// Everything one render needs, loaded once: fonts, layout and templates.
/// data JSON → template → document → pages → PDF or PNG.
final class DocumentPipeline {
    let fonts: FontBook
    let templates: TemplateStore
    private let engine: LayoutEngine

    init(fonts: FontBook, templates: TemplateStore) {
        self.fonts = fonts
        self.templates = templates
        engine = LayoutEngine(fonts: fonts)
    }

    /// Lays out one document (or an order package of several).
    func layout(template name: String, data: Data, language: Language?) throws -> LaidOutDocument {
        if name == OrderPackage.templateName { return try OrderPackage.layout(data, pipeline: self, language: language) }
        return try layout(template: name, json: try CompiledTemplate.parseData(data), language: language)
    }

    /// Lays out one document from parsed data.
    func layout(template name: String, json: JSONValue, language: Language?) throws -> LaidOutDocument {
        let document = try templates.template(name).render(data: json, language: language)
        return try engine.layout(document)
    }

    func pdf(_ document: LaidOutDocument) throws -> Data {
        try PDFRenderer(fonts: fonts).render(document)
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
