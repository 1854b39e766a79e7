public import DocEngine
public import Foundation

/// A template compiled once and run on many data sets. Immutable and shareable across threads.
public final class CompiledTemplate: Sendable {
    /// The template's name, e.g. `invoice`.
    public let name: String
    public let source: Source
    let ast: TemplateAST

    /// The most loop iterations one render may run (the schema allows 100 000 items).
    public static let defaultIterationLimit = 1_000_000

    /// Compiles template text.
    /// - Parameters:
    ///   - text: the template source.
    ///   - fileName: the name diagnostics show, e.g. `invoice.doc`.
    /// - Throws: `TemplateError.compile` with every diagnostic found.
    public init(text: String, fileName: String) throws(TemplateError) {
        let source = Source(name: fileName, text: text)
        let (ast, diagnostics) = TemplateFrontEnd.compile(source, filters: FilterLibrary.shared.signatures)
        guard let ast, !diagnostics.containsErrors else {
            throw .compile(diagnostics.filter(\.isError), source)
        }
        self.name = (fileName as NSString).deletingPathExtension
        self.source = source
        self.ast = ast
    }

    /// Every filter a template may use, with its argument counts.
    public static var filters: [FilterSignature] { FilterLibrary.shared.signatures }

    /// Checks template text without running it.
    /// - Returns: all diagnostics (errors and warnings), in source order.
    public static func check(text: String, fileName: String) -> (Source, [Diagnostic]) {
        let source = Source(name: fileName, text: text)
        return (source, TemplateFrontEnd.compile(source, filters: FilterLibrary.shared.signatures).1)
    }

    /// Runs the template on JSON data.
    /// - Parameters:
    ///   - data: the document data (schema/document.schema.json).
    ///   - language: overrides the data's `locale`; Russian when neither says.
    ///   - images: images the template may place by name (`{% image "logo" %}`).
    /// - Throws: `TemplateError` naming the template position and the JSON path.
    public func render(
        data: JSONValue, language: Language? = nil, images: [String: ImageAsset] = [:],
        iterationLimit: Int = CompiledTemplate.defaultIterationLimit
    ) throws(TemplateError) -> Document {
        let locale = data["locale"]?.stringValue.flatMap(Language.init(rawValue:))
        let evaluator = Evaluator(
            source: source, data: data, language: language ?? locale ?? .ru, images: images,
            iterationLimit: iterationLimit)
        do {
            return try evaluator.run(ast)
        } catch {
            throw .evaluation(Diagnostic.error(error.message, at: error.span, hints: error.hints), source)
        }
    }

    /// Parses JSON data bytes for `render`.
    /// - Throws: `TemplateError.invalidJSON` with the line and column.
    public static func parseData(_ bytes: Data) throws(TemplateError) -> JSONValue {
        do { return try JSONParser.parse(bytes) } catch { throw .invalidJSON(error.description) }
    }
}
