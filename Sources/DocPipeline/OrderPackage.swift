package import DocEngine
package import Foundation
package import Templates

/// The whole package of an order as one PDF: each part (request, driver assignment, invoice,
/// act) is rendered from its own data by its own template, keeps its own page numbering, and
/// gets an outline entry (bookmark) pointing at its first page.
///
/// Data: `{"title": "…", "parts": [{"template": "request", "data": {…}}, …]}`.
package enum OrderPackage {
    package static let templateName = "order-package"

    package static func layout(
        _ data: Data, pipeline: DocumentPipeline, language: Language?, branding: DocumentPipeline.Branding?
    ) throws -> LaidOutDocument {
        let json = try CompiledTemplate.parseData(data)
        try checkShape(json)
        guard let parts = json["parts"]?.arrayValue, !parts.isEmpty else {
            throw PipelineError.invalidPackage("parts: expected a non-empty list of {\"template\", \"data\"}")
        }
        var pages: [Page] = []
        var bookmarks: [Bookmark] = []
        var firstMetadata: DocumentMetadata?
        for (index, part) in parts.enumerated() {
            guard let template = part["template"]?.stringValue, let partData = part["data"] else {
                throw PipelineError.invalidPackage("parts[\(index)]: expected {\"template\": name, \"data\": {…}}")
            }
            guard template != templateName else { throw PipelineError.invalidPackage("parts[\(index)].template: a package cannot contain a package") }
            let document: LaidOutDocument
            do {
                document = try pipeline.layout(template: template, json: partData, language: language, branding: branding)
            } catch let error as TemplateError {
                throw PipelineError.invalidPackage("parts[\(index)].data: \(error.summary)")
            } catch PipelineError.invalidData(let problems) {
                let prefix = JSONPath.root.appending(key: "parts").appending(index: index).appending(key: "data")
                throw PipelineError.invalidData(problems.map { $0.nested(under: prefix) })
            }
            let title = document.metadata.title ?? template
            bookmarks.append(Bookmark(title: title, level: 1, pageIndex: pages.count, y: 0))
            bookmarks += document.bookmarks.map { mark in
                Bookmark(title: mark.title, level: mark.level + 1, pageIndex: mark.pageIndex + pages.count, y: mark.y)
            }
            pages += document.pages
            if firstMetadata == nil { firstMetadata = document.metadata }
        }
        var metadata = firstMetadata ?? DocumentMetadata()
        metadata.title = json["title"]?.stringValue ?? metadata.title
        metadata.subject = json["title"]?.stringValue ?? metadata.subject
        return LaidOutDocument(metadata: metadata, pages: pages, bookmarks: bookmarks)
    }

    /// A package is `{"title"?, "parts": [{"template", "data"}]}` and nothing else: an unknown
    /// member is refused like one in document data, never silently dropped.
    private static func checkShape(_ json: JSONValue) throws(PipelineError) {
        var problems: [DataProblem] = []
        func unknown(_ object: JSONObject?, allowed: [String], at path: JSONPath) {
            for key in object?.keys ?? [] where !allowed.contains(key) {
                let hint = Suggestions.closest(to: key, in: allowed).map { "; did you mean \($0)?" } ?? ""
                problems.append(DataProblem(path: path.appending(key: key), message: "unknown field" + hint))
            }
        }
        unknown(json.objectValue, allowed: ["title", "parts"], at: .root)
        if let title = json["title"], title.stringValue == nil {
            problems.append(DataProblem(path: JSONPath.root.appending(key: "title"), message: "expected a string"))
        }
        for (index, part) in (json["parts"]?.arrayValue ?? []).enumerated() {
            unknown(part.objectValue, allowed: ["template", "data"], at: JSONPath.root.appending(key: "parts").appending(index: index))
        }
        if !problems.isEmpty { throw .invalidData(problems) }
    }
}
