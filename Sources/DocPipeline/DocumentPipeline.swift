import Crypto
package import DocEngine
package import Foundation
package import Templates

/// Everything one render needs, loaded once: fonts, layout and templates.
/// data JSON → template → document → pages → PDF or PNG.
package final class DocumentPipeline {
    package let fonts: FontBook
    package let templates: TemplateLookup
    private let engine: LayoutEngine
    /// The library's data contract, checked before every template runs; a library whose schema
    /// cannot be used fails every render with that reason rather than rendering unchecked data.
    /// Prepared on another thread while the first template compiles.
    private let contract: Prepared<Result<DataContract, PipelineError>>
    /// Set by `RenderPool` for the render in progress: its time limit cancels it, and every stage
    /// below stops at its next check.
    package var cancellation: RenderCancellation?

    package init(fonts: FontBook, templates: TemplateLookup) {
        self.fonts = fonts
        self.templates = templates
        engine = LayoutEngine(fonts: fonts)
        let library = templates.library
        contract = Prepared { Result { () throws(PipelineError) in try DataContract(library: library) } }
    }

    /// Checks `data` against the data contract without rendering.
    /// - Throws: `PipelineError.invalidData` with every problem, each with its JSON path.
    package func checkContract(_ data: JSONValue) throws(PipelineError) {
        try contract.value.get().check(data)
    }

    /// The brand documents are issued under, if any, and how it enters the data.
    package struct Branding: Sendable {
        package var brand: Brand
        package var issuer: BrandApplication.IssuerPolicy = .fillMissing
        /// Checks reseller documents for platform marks.
        package var whiteLabelGuard: WhiteLabelGuard

        package init(brand: Brand, issuer: BrandApplication.IssuerPolicy = .fillMissing, whiteLabelGuard: WhiteLabelGuard) {
            self.brand = brand
            self.issuer = issuer
            self.whiteLabelGuard = whiteLabelGuard
        }
    }

    /// Lays out one document (or an order package of several).
    package func layout(template name: String, data: Data, language: Language?, branding: Branding? = nil) throws -> LaidOutDocument {
        if name == OrderPackage.templateName {
            return try OrderPackage.layout(data, pipeline: self, language: language, branding: branding)
        }
        return try layout(template: name, json: try CompiledTemplate.parseData(data), language: language, branding: branding)
    }

    /// Lays out one document from parsed data, under a brand when one is given.
    package func layout(template name: String, json: JSONValue, language: Language?, branding: Branding? = nil) throws
        -> LaidOutDocument
    {
        try layout(template: try templates.template(name), json: json, language: language, branding: branding)
    }

    /// Lays out one document of a compiled template (the service's stored versions).
    package func layout(template: CompiledTemplate, json: JSONValue, language: Language?, branding: Branding? = nil) throws
        -> LaidOutDocument
    {
        // Before anything reads the data: a misspelt or unknown field must never be dropped silently.
        try checkContract(json)
        let (data, assets) = try prepared(json, language: language, branding: branding)
        let document = try template.render(data: data, language: language, assets: assets, cancellation: cancellation)
        let laidOut = try engine.layout(document, cancellation: cancellation)
        if let branding, !branding.brand.isPlatform { try branding.whiteLabelGuard.check(laidOut) }
        return laidOut
    }

    /// The data with the brand applied (its legal party as a missing issuer) and the brand's look
    /// and pictures; the data as it is and no assets without a brand.
    func prepared(_ json: JSONValue, language: Language?, branding: Branding?) throws -> (JSONValue, RenderAssets) {
        guard let branding else { return (json, RenderAssets()) }
        let application = BrandApplication(brand: branding.brand)
        let data = application.apply(to: json, issuer: branding.issuer)
        // The language the template will print in (CompiledTemplate.render's rule), so the brand's
        // footer and terms come in the same one.
        let printed = language ?? data["locale"]?.stringValue.flatMap(Language.init(rawValue:)) ?? .ru
        return (data, try application.assets(language: printed))
    }

    /// SHA-256 over the bundled fonts' fingerprints, recorded with each stored document.
    package var fontsFingerprint: String {
        let fingerprints = fonts.fingerprints().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return SHA256.hash(data: Data(fingerprints.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    package func pdf(_ document: LaidOutDocument) throws -> Data {
        try PDFRenderer().render(document, cancellation: cancellation)
    }

    package func png(_ document: LaidOutDocument, page: Int, dpi: Double) throws -> Data {
        guard document.pages.indices.contains(page - 1) else {
            throw PipelineError.noSuchPage(page, pageCount: document.pages.count)
        }
        return try PNGRenderer().render(document.pages[page - 1], dpi: dpi)
    }
}
