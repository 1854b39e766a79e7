package import Foundation
package import Templates

/// Finds compiled templates for the command line: by name from the template library (the
/// `--templates` folder, else the built-in one), or by path to a `.doc` file, whose includes
/// and labels then come from the same library.
package final class TemplateLookup {
    package let library: TemplateLibrary
    private var byPath: [String: CompiledTemplate] = [:]

    /// Opens the library in `directory`, else the built-in one.
    /// - Parameters:
    ///   - directory: A template folder, or nil for the built-in templates.
    ///   - parsedTemplates: A cache of parsed files shared with other processes, if any.
    package init(directory: URL?, parsedTemplates: ParsedTemplateCache? = nil) throws {
        library = try directory.map { TemplateLibrary(directory: $0, parsedTemplates: parsedTemplates) }
            ?? TemplateLibrary.builtIn(parsedTemplates: parsedTemplates)
    }

    /// A lookup in a library already open (the library is shared and thread-safe; the lookup is not).
    package init(library: TemplateLibrary) {
        self.library = library
    }

    /// A template by name (`invoice`) or by path (`my/invoice.doc`).
    package func template(_ nameOrPath: String) throws -> CompiledTemplate {
        guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".doc") else {
            return try library.template(named: nameOrPath)
        }
        if let hit = byPath[nameOrPath] { return hit }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw PipelineError.missingTemplateFile(nameOrPath)
        }
        let template = try library.compile(
            text: String(decoding: data, as: UTF8.self), fileName: URL(fileURLWithPath: nameOrPath).lastPathComponent)
        byPath[nameOrPath] = template
        return template
    }
}
