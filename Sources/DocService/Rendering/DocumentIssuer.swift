import Crypto
import DocEngine
import Foundation
import Templates

/// Renders documents and stores them with their render record: the one path by which
/// `POST /v1/documents`, order events and batch re-renders issue a document.
struct DocumentIssuer: Sendable {
    let pool: RenderPool
    let templates: TemplateCatalog
    let documents: DocumentStore
    /// The PDFs.
    let files: FileStore
    /// The data each document was rendered from, so it can be rendered again byte for byte.
    let dataFiles: FileStore
    /// Recorded with each document as the version of the engine that rendered it.
    let engineVersion: String

    /// What to issue.
    struct Order: Sendable {
        /// Who the document belongs to.
        var tenantID: String
        var clientID: String?
        var orderID: String
        var template: TemplateVersion
        var language: Language?
        var brand: IssuingBrand?
        /// The data as the caller sent it (the number, when the service gives it, is added at render time).
        var data: JSONValue
        var idempotency: DocumentStore.IdempotencyKey?
        var numbering: NumberSeries.Rule?
        /// The document this one reissues.
        var supersedes: String?
        /// Re-renders only: when the new PDF has this SHA-256, nothing is stored (`Unchanged`).
        var unlessSHA256: String? = nil
        /// Whether to wait for a pipeline however long the queue (batch jobs) instead of failing fast.
        var waitsForPipeline = false
    }

    /// A re-render gave the same bytes as the version it would replace; nothing was stored.
    struct Unchanged: Error {}

    /// A brand at the version a document is issued with, and how it enters the data.
    struct IssuingBrand: Sendable {
        var version: BrandVersion
        var branding: DocumentPipeline.Branding
    }

    /// A rendered document that is not stored.
    struct Rendered: Sendable {
        var pdf: Data
        var pages: Int
        var title: String?
        /// Each page as PNG at `pageImageDPI`, when asked for (dry runs compare them).
        var pageImages: [Data]
    }

    /// Renders, numbers and stores `order` on a pipeline of the pool.
    /// - Throws: `RenderPool.Overloaded`, `StorageError`, or the render's own errors (template, data, layout).
    func issue(_ order: Order) async throws -> DocumentStore.Created {
        let dataText = Data(order.data.jsonText.utf8)
        let draft = DocumentDraft(
            tenantID: order.tenantID, clientID: order.clientID, orderID: order.orderID, docType: order.template.name,
            templateName: order.template.name, templateVersion: String(order.template.version),
            brandID: order.brand?.version.brand.id, brandVersion: order.brand?.version.version,
            dataSHA256: FileStore.address(of: dataText), fontsFingerprint: pool.fontsFingerprint,
            engineVersion: engineVersion, number: order.data["document"]?["number"]?.stringValue,
            supersedes: order.supersedes, locale: order.language?.rawValue)
        let compiled = try templates.compiled(order.template)
        let (documents, files, dataFiles) = (self.documents, self.files, self.dataFiles)
        let timeLimit = pool.timeLimit
        return try await pool.run(bounded: !order.waitsForPipeline) { pipeline, ticket in
            try documents.createNow(draft, idempotency: order.idempotency, numbering: order.numbering) { number in
                try dataFiles.write(dataText)
                let rendered = try Self.render(
                    compiled, data: Self.setting(number: number, in: order.data), language: order.language,
                    branding: order.brand?.branding, on: pipeline)
                if let unchanged = order.unlessSHA256, FileStore.address(of: rendered.pdf) == unchanged {
                    throw Unchanged()
                }
                // Past this point the number and the record become durable: not for an abandoned render.
                try ticket.commitOrThrow(limit: timeLimit)
                let name = rendered.title.flatMap { $0.isEmpty ? nil : $0 } ?? "\(order.template.name) \(number)"
                return RenderedDocument(
                    pdfSHA256: try files.write(rendered.pdf), pages: rendered.pages, fileName: Self.fileName(from: name))
            }
        }
    }

    /// Renders without storing (previews, dry runs).
    /// - Parameter pageImageDPI: when set, every page is also rendered as PNG at this resolution.
    func render(
        _ template: TemplateVersion, data: JSONValue, language: Language?, brand: IssuingBrand?,
        pageImageDPI: Double? = nil, bounded: Bool = true
    ) async throws -> Rendered {
        let compiled = try templates.compiled(template)
        return try await pool.run(bounded: bounded) { pipeline, _ in
            try Self.render(
                compiled, data: data, language: language, branding: brand?.branding, on: pipeline,
                pageImageDPI: pageImageDPI)
        }
    }

    /// One render on `pipeline`, timed for the metrics.
    static func render(
        _ template: CompiledTemplate, data: JSONValue, language: Language?, branding: DocumentPipeline.Branding?,
        on pipeline: DocumentPipeline, pageImageDPI: Double? = nil
    ) throws -> Rendered {
        let start = ContinuousClock.now
        defer { ServiceMetrics.shared.recordRender(template: template.name, seconds: (ContinuousClock.now - start).seconds) }
        let document = try pipeline.layout(template: template, json: data, language: language, branding: branding)
        let images = try pageImageDPI.map { dpi in
            try (1...max(document.pages.count, 1)).filter { document.pages.indices.contains($0 - 1) }
                .map { try pipeline.png(document, page: $0, dpi: dpi) }
        }
        return Rendered(
            pdf: try pipeline.pdf(document), pages: document.pages.count, title: document.metadata.title,
            pageImages: images ?? [])
    }

    /// `document.number` set to `number`.
    static func setting(number: String, in data: JSONValue) -> JSONValue {
        guard var root = data.objectValue else { return data }
        var document = root["document"]?.objectValue ?? JSONObject()
        document["number"] = .string(number)
        root["document"] = .object(document)
        return .object(root)
    }

    /// A download name from the title: path separators and control characters replaced, `.pdf` added.
    static func fileName(from title: String) -> String {
        let cleaned = String(
            title.map { character in
                character == "/" || character == "\\" || character.unicodeScalars.contains { $0.value < 0x20 }
                    ? "_" : character
            })
        return cleaned.trimmingCharacters(in: .whitespaces) + ".pdf"
    }
}

extension Duration {
    /// The duration in seconds, with its fraction.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
