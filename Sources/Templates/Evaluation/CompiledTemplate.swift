public import DocEngine
public import Foundation
import Synchronization

/// A template compiled once and run on many data sets, with its partials resolved.
/// Immutable and shareable across threads.
public final class CompiledTemplate: Sendable {
    /// The template's name, e.g. `invoice`.
    public let name: String
    public let source: Source
    let ast: TemplateAST
    /// Included partials by include name, compiled.
    let partials: [String: Partial]
    let labels: [Language: JSONValue]
    /// What renders worked out from this template's text, for the renders after them.
    let memo = Mutex(EvaluationMemo())

    struct Partial: Sendable {
        let source: Source
        let ast: TemplateAST
    }

    /// The most loop iterations one render may run (the schema allows 100 000 items).
    public static let defaultIterationLimit = 1_000_000

    /// Compiles template text that uses no partials or labels (tests, one-off checks).
    /// - Throws: `TemplateError.compile` with every diagnostic found.
    public convenience init(text: String, fileName: String) throws(TemplateError) {
        try self.init(text: text, fileName: fileName, library: nil)
    }

    init(text: String, fileName: String, library: TemplateLibrary?) throws(TemplateError) {
        let compilation = TemplateCompilation(library: library)
        let (source, ast) = compilation.compileMain(text: text, fileName: fileName)
        // A string table that does not parse is the library's fault, not the template's: the
        // same answer as opening the library used to give.
        if let failure = compilation.labelsFailure { throw failure }
        let errors = compilation.diagnostics.filter(\.isError)
        guard let ast, errors.isEmpty else { throw .compile(errors, compilation.sources) }
        self.name = (fileName as NSString).deletingPathExtension
        self.source = source
        self.ast = ast
        self.partials = compilation.partials
        self.labels = compilation.labels
    }

    /// Every source involved (the template and its partials), for rendering diagnostics.
    public var sources: [Source] { [source] + partials.values.map(\.source) }

    /// Every filter a template may use, with its argument counts.
    public static var filters: [FilterSignature] { FilterLibrary.shared.signatures }

    /// Checks template text without running it: syntax, elements, filters, includes and labels.
    /// - Returns: every source involved and all diagnostics (errors and warnings), in order.
    public static func check(text: String, fileName: String, library: TemplateLibrary? = nil) -> ([Source], [Diagnostic]) {
        let compilation = TemplateCompilation(library: library)
        _ = compilation.compileMain(text: text, fileName: fileName)
        return (compilation.sources, compilation.diagnostics)
    }

    /// Runs the template on JSON data.
    /// - Parameters:
    ///   - data: the document data (schema/document.schema.json).
    ///   - language: overrides the data's `locale`; Russian when neither says. The document is
    ///     set (shaped, broken into lines) in this language too.
    ///   - assets: the brand's look and pictures (`{% image "logo" %}`, `theme.accent`).
    ///   - iterationLimit: the most loop iterations the render may run.
    /// - Throws: `TemplateError` naming the template position and the JSON path.
    public func render(
        data: JSONValue, language: Language? = nil, assets: RenderAssets = RenderAssets(),
        iterationLimit: Int = CompiledTemplate.defaultIterationLimit
    ) throws(TemplateError) -> Document {
        do {
            return try evaluate(data: data, language: language, assets: assets, iterationLimit: iterationLimit, cancellation: nil)
        } catch {
            // Without a `RenderCancellation` nothing cancels: every failure is the template's.
            throw templateError(error)
        }
    }

    /// Runs the template on JSON data unless the render is cancelled first.
    /// - Parameters:
    ///   - data: the document data (schema/document.schema.json).
    ///   - language: overrides the data's `locale`; Russian when neither says.
    ///   - assets: the brand's look and pictures (`{% image "logo" %}`, `theme.accent`).
    ///   - iterationLimit: the most loop iterations the render may run.
    ///   - cancellation: checked at every loop iteration; nil when nobody can cancel.
    /// - Throws: `TemplateError` naming the template position and the JSON path, or
    ///   `RenderCancelled` once `cancellation` is cancelled.
    public func render(
        data: JSONValue, language: Language? = nil, assets: RenderAssets = RenderAssets(),
        iterationLimit: Int = CompiledTemplate.defaultIterationLimit, cancellation: RenderCancellation?
    ) throws -> Document {
        do {
            return try evaluate(
                data: data, language: language, assets: assets, iterationLimit: iterationLimit, cancellation: cancellation)
        } catch {
            if error.isCancellation { throw RenderCancelled() }
            throw templateError(error)
        }
    }

    private func evaluate(
        data: JSONValue, language: Language?, assets: RenderAssets, iterationLimit: Int,
        cancellation: RenderCancellation?
    ) throws(EvaluationFailure) -> Document {
        let locale = data["locale"]?.stringValue.flatMap(Language.init(rawValue:))
        let evaluator = Evaluator(
            template: self, data: data, language: language ?? locale ?? .ru, assets: assets,
            iterationLimit: iterationLimit, cancellation: cancellation)
        defer { evaluator.rememberForNextRenders() }
        return try evaluator.run(ast)
    }

    private func templateError(_ failure: EvaluationFailure) -> TemplateError {
        .evaluation(Diagnostic.error(failure.message, at: failure.span, hints: failure.hints), sources)
    }

    /// Parses JSON data bytes for `render`.
    /// - Throws: `TemplateError.invalidJSON` with the line and column.
    public static func parseData(_ bytes: Data) throws(TemplateError) -> JSONValue {
        do { return try JSONParser.parse(bytes) } catch { throw .invalidJSON(error.description) }
    }
}
