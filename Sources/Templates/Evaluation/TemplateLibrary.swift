public import Foundation

/// Where templates come from: a folder of `NAME.doc` files with `partials/` and `locales/`
/// beside them (the built-in set, or a reseller's edited copy). Templates compile once, with
/// their includes resolved and their labels checked against every language's string table.
public final class TemplateLibrary: Sendable {
    public let directory: URL
    /// Where files parsed by earlier processes are kept, when the library uses such a cache.
    public let parsedTemplates: ParsedTemplateCache?
    private let cache = Cache()

    /// The deepest chain of includes a template may build.
    public static let maximumIncludeDepth = 16

    /// Opens a library folder. Its string tables and schemas are read on other threads from
    /// here on, while the first template is read and parsed: a compilation needs the tables
    /// only for its label checks, which it runs last.
    /// - Parameters:
    ///   - directory: The library folder.
    ///   - parsedTemplates: A cache of parsed files shared with other processes (the command
    ///     line's); nil to parse every file in this process.
    public init(directory: URL, parsedTemplates: ParsedTemplateCache? = nil) {
        self.directory = directory
        self.parsedTemplates = parsedTemplates
        schemas = Prepared { Schemas(directory: directory) }
        stringTables = Prepared { Self.readStringTables(in: directory) }
    }

    private let stringTables: Prepared<Result<[Language: JSONValue], TemplateError>>

    /// The string tables, by language: labels and standard phrases.
    /// - Throws: `TemplateError.invalidJSON` naming the file when a table does not parse.
    func labels() throws(TemplateError) -> [Language: JSONValue] {
        try stringTables.value.get()
    }

    /// locales/ru/invoice.json holds the `invoice.*` labels of Russian, and so on: one file per
    /// document (or shared group), so documents can be translated independently.
    private static func readStringTables(in directory: URL) -> Result<[Language: JSONValue], TemplateError> {
        var labels: [Language: JSONValue] = [:]
        for language in Language.allCases {
            let folder = directory.appendingPathComponent("locales/\(language.rawValue)")
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            var table = JSONObject()
            for file in files.sorted() where file.hasSuffix(".json") {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else { continue }
                do { table[String(file.dropLast(5))] = try JSONParser.parse(data) } catch {
                    return .failure(.invalidJSON("locales/\(language.rawValue)/\(file): \(error)"))
                }
            }
            labels[language] = .object(table)
        }
        return .success(labels)
    }

    private let schemas: Prepared<Schemas>

    /// The data contract the templates are checked against, when the library ships one.
    var schema: DataSchema? { schemas.value.schema }

    /// Every `schema/*.schema.json` that parses, by file name: read once here, for the templates'
    /// checks and for the data contract's validator (`DataContract(library:)`), which reads the
    /// folder itself only to report a schema that does not parse.
    package var schemaDocuments: [String: JSONValue] { schemas.value.documents }

    /// The `schema/` folder, parsed.
    private struct Schemas: Sendable {
        let documents: [String: JSONValue]
        let schema: DataSchema?

        init(directory: URL) {
            let folder = directory.appendingPathComponent("schema", isDirectory: true)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            var documents: [String: JSONValue] = [:]
            for name in names where name.hasSuffix(".schema.json") {
                let parsed = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                    .flatMap { try? JSONParser.parse($0) }
                if let parsed { documents[name] = parsed }
            }
            self.documents = documents
            schema = documents["document.schema.json"].flatMap { document in
                DataSchema(document: document, others: ["signature.schema.json": documents["signature.schema.json"] ?? .null])
            }
        }
    }

    /// The library of templates shipped with the engine.
    /// - Parameter parsedTemplates: A cache of parsed files shared with other processes, if any.
    public static func builtIn(parsedTemplates: ParsedTemplateCache? = nil) throws(TemplateError) -> TemplateLibrary {
        guard let directory = BuiltInTemplates.directory else { throw .invalidJSON("the built-in templates are missing") }
        return TemplateLibrary(directory: directory, parsedTemplates: parsedTemplates)
    }

    /// Names of the templates in the library (not partials).
    public var templateNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".doc") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// A compiled template by name (`invoice`), compiled on first use.
    /// - Throws: `TemplateError.compile` with every diagnostic, or `.notFound`.
    public func template(named name: String) throws(TemplateError) -> CompiledTemplate {
        if let hit = cache.get(name) { return hit }
        let url = directory.appendingPathComponent(name + ".doc")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .notFound(name: name, known: templateNames)
        }
        let template = try compile(text: String(decoding: data, as: UTF8.self), fileName: url.lastPathComponent)
        cache.set(name, template)
        return template
    }

    /// Compiles template text against this library's partials and labels.
    public func compile(text: String, fileName: String) throws(TemplateError) -> CompiledTemplate {
        try CompiledTemplate(text: text, fileName: fileName, library: self)
    }

    /// Reads a partial's text by include name (`partials/requisites`).
    func partialText(_ name: String) -> String? {
        guard !name.contains(".."), !name.hasPrefix("/") else { return nil }
        let url = directory.appendingPathComponent(name + ".doc")
        // The newline that ends the file is not content: a partial used inside a sentence must
        // not add a space after itself.
        return FileManager.default.contents(atPath: url.path).map { data in
            var text = String(decoding: data, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
    }

    /// Compiled templates by name; a lock because a service compiles on many threads.
    private final class Cache: Sendable {
        private let storage = Mutex<[String: CompiledTemplate]>([:])
        func get(_ name: String) -> CompiledTemplate? { storage.withLock { $0[name] } }
        func set(_ name: String, _ template: CompiledTemplate) { storage.withLock { $0[name] = template } }
    }
}

import Synchronization
