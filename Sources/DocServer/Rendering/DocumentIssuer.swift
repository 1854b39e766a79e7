import Dispatch
import DocEngine
import Sheets
package import DocPipeline
package import DocStore
package import Foundation
package import Templates
import Synchronization

/// Renders documents and stores them with their render record: the one path by which
/// `POST /v1/documents`, order events and batch re-renders issue a document.
package struct DocumentIssuer: Sendable {
    package let pool: RenderPool
    package let templates: TemplateCatalog
    package let documents: any DocumentStore
    /// The PDFs, and the data each document was rendered from (so it can be rendered again byte for byte).
    package let blobs: any BlobStore
    /// Recorded with each document as the version of the engine that rendered it.
    package let engineVersion: String
    package let metrics: ServiceMetrics

    /// What to issue.
    package struct Issue: Sendable {
        /// Who the document belongs to.
        package var tenantID: String
        package var clientID: String?
        /// The order it belongs to, if any.
        package var orderID: String?
        package var template: TemplateVersion
        package var language: Language?
        package var brand: IssuingBrand?
        /// The data as the caller sent it (the number, when the service gives it, is added at render time).
        package var data: JSONValue
        package var idempotency: IdempotencyKey?
        package var numbering: NumberingRule?
        /// The document this one reissues.
        package var supersedes: String?
        /// Re-renders only: when the new PDF has this SHA-256, nothing is stored (`Unchanged`).
        package var unlessSHA256: String? = nil
        /// Whether to wait for a pipeline however long the queue (batch jobs) instead of failing fast.
        package var waitsForPipeline = false
        /// What to store: the PDF, or the template's table export as XLSX.
        package var format: OutputFormat = .pdf
    }

    /// A re-render gave the same bytes as the version it would replace; nothing was stored.
    package struct Unchanged: Error {}

    /// A brand at the version a document is issued with, and how it enters the data.
    package struct IssuingBrand: Sendable {
        package var version: BrandVersion
        package var branding: DocumentPipeline.Branding
    }

    /// A rendered document that is not stored.
    package struct Rendered: Sendable {
        package var pdf: Data
        package var pages: Int
        package var title: String?
        /// Each page as PNG at `pageImageDPI`, when asked for (dry runs compare them).
        package var pageImages: [Data]
    }

    /// Renders, numbers and stores `issue` on a pipeline of the pool.
    /// - Throws: `RenderPool.Overloaded`, `StorageError`, or the render's own errors (template, data, layout).
    package func issue(_ issue: Issue) async throws -> CreatedDocumentRecord {
        let dataText = Data(issue.data.jsonText.utf8)
        let date = issue.data["document"]?["date"]?.stringValue
        let draft = DocumentDraft(
            tenantID: issue.tenantID, clientID: issue.clientID, orderID: issue.orderID, docType: issue.template.name,
            templateName: issue.template.name, templateVersion: String(issue.template.version),
            brandID: issue.brand?.version.brand.id, brandVersion: issue.brand?.version.version,
            dataSHA256: blobAddress(of: dataText), fontsFingerprint: pool.fontsFingerprint,
            engineVersion: engineVersion, number: issue.data["document"]?["number"]?.stringValue,
            supersedes: issue.supersedes, locale: issue.language?.rawValue, issuedOn: date.flatMap(DocumentDraft.issueDay(of:)))
        let compiled = try templates.compiled(issue.template)
        let (documents, blobs, metrics) = (self.documents, self.blobs, self.metrics)
        let timeLimit = pool.timeLimit
        return try await pool.run(bounded: !issue.waitsForPipeline) { pipeline, ticket in
            try documents.createNow(draft, idempotency: issue.idempotency, numbering: issue.numbering) { number in
                let data = Self.setting(number: number, in: issue.data)
                let file = try Self.renderFile(
                    issue.format, compiled, data: data, language: issue.language, branding: issue.brand?.branding,
                    on: pipeline, metrics: metrics)
                // The rest waits for the disk: another render may have the CPU meanwhile.
                ticket.rendered()
                if let unchanged = issue.unlessSHA256, blobAddress(of: file.bytes) == unchanged {
                    throw Unchanged()
                }
                // Past this point the number and the record become durable: not for an abandoned render.
                try ticket.commitOrThrow(limit: timeLimit)
                let name = file.title.flatMap { $0.isEmpty ? nil : $0 } ?? "\(issue.template.name) \(number)"
                let isSpreadsheet = issue.format == .xlsx
                return RenderedDocument(
                    pdfSHA256: try Self.store(data: dataText, file: file.bytes, kind: isSpreadsheet ? .spreadsheet : .pdf, in: blobs),
                    pages: file.pages, fileName: Self.fileName(from: name, extension: issue.format.fileExtension),
                    mediaType: issue.format.mediaType)
            }
        }
    }

    /// Stores the data and the document's file side by side, each waiting for its own fsyncs at
    /// the same time as the other: a request waits for the disk once instead of twice.
    /// - Returns: the file's SHA-256.
    /// - Throws: the first `StorageError` of the two writes.
    static func store(data: Data, file: Data, kind: BlobKind, in blobs: any BlobStore) throws(StorageError) -> String {
        // A cluster's store stages a render's blobs on this thread (see `BlobStore.writesSideBySide`).
        guard blobs.writesSideBySide else {
            try blobs.write(data, kind: .data)
            return try blobs.write(file, kind: kind)
        }
        let results = Mutex<[Result<String, StorageError>?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = Result { () throws(StorageError) -> String in
                try blobs.write(index == 0 ? data : file, kind: index == 0 ? .data : kind)
            }
            results.withLock { $0[index] = result }
        }
        let (stored, address) = results.withLock { ($0[0], $0[1]) }
        _ = try stored?.get()
        guard let address else { throw StorageError.file(path: "", reason: "the document's file was not written") }
        return try address.get()
    }

    /// A stored document's file: the PDF, or the table export as XLSX (`pages` is then the sheet count).
    package struct RenderedFile: Sendable {
        package var bytes: Data
        package var pages: Int
        package var title: String?
    }

    /// Renders the file `format` asks for on `pipeline`.
    package static func renderFile(
        _ format: OutputFormat, _ template: CompiledTemplate, data: JSONValue, language: Language?,
        branding: DocumentPipeline.Branding?, on pipeline: DocumentPipeline, metrics: ServiceMetrics
    ) throws -> RenderedFile {
        guard format == .xlsx else {
            let rendered = try render(template, data: data, language: language, branding: branding, on: pipeline, metrics: metrics)
            return RenderedFile(bytes: rendered.pdf, pages: rendered.pages, title: rendered.title)
        }
        let start = ContinuousClock.now
        defer { metrics.recordRender(template: template.name, seconds: (ContinuousClock.now - start).seconds) }
        let workbook = try pipeline.workbook(template: template, json: data, language: language, branding: branding)
        return RenderedFile(bytes: try pipeline.xlsx(workbook), pages: workbook.sheets.count, title: workbook.properties.title)
    }

    /// Renders a template's table export as XLSX without storing it (previews, dry runs).
    package func renderSpreadsheet(
        _ template: TemplateVersion, data: JSONValue, language: Language?, brand: IssuingBrand?, bounded: Bool = true
    ) async throws -> Data {
        let compiled = try templates.compiled(template)
        let metrics = self.metrics
        return try await pool.run(bounded: bounded) { pipeline, _ in
            try Self.renderFile(.xlsx, compiled, data: data, language: language, branding: brand?.branding, on: pipeline, metrics: metrics)
                .bytes
        }
    }

    /// Renders without storing (previews, dry runs).
    /// - Parameter pageImageDPI: when set, every page is also rendered as PNG at this resolution.
    package func render(
        _ template: TemplateVersion, data: JSONValue, language: Language?, brand: IssuingBrand?,
        pageImageDPI: Double? = nil, bounded: Bool = true
    ) async throws -> Rendered {
        let compiled = try templates.compiled(template)
        let metrics = self.metrics
        return try await pool.run(bounded: bounded) { pipeline, _ in
            try Self.render(
                compiled, data: data, language: language, branding: brand?.branding, on: pipeline,
                pageImageDPI: pageImageDPI, metrics: metrics)
        }
    }

    /// One render on `pipeline`, timed for the metrics.
    package static func render(
        _ template: CompiledTemplate, data: JSONValue, language: Language?, branding: DocumentPipeline.Branding?,
        on pipeline: DocumentPipeline, pageImageDPI: Double? = nil, metrics: ServiceMetrics
    ) throws -> Rendered {
        let start = ContinuousClock.now
        defer { metrics.recordRender(template: template.name, seconds: (ContinuousClock.now - start).seconds) }
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
    package static func setting(number: String, in data: JSONValue) -> JSONValue {
        guard var root = data.objectValue else { return data }
        var document = root["document"]?.objectValue ?? JSONObject()
        document["number"] = .string(number)
        root["document"] = .object(document)
        return .object(root)
    }

    /// A download name from the title: path separators and control characters replaced, the
    /// extension (`.pdf` by default) added.
    package static func fileName(from title: String, extension fileExtension: String = ".pdf") -> String {
        let cleaned = String(
            title.map { character in
                character == "/" || character == "\\" || character.unicodeScalars.contains { $0.value < 0x20 }
                    ? "_" : character
            })
        return cleaned.trimmingCharacters(in: .whitespaces) + fileExtension
    }
}

extension Duration {
    /// The duration in seconds, with its fraction.
    package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
