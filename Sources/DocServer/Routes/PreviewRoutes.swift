import DocEngine
package import Templates
import DocPipeline
import DocStore
package import Foundation
package import HTTPTypes
package import Hummingbird

/// `POST /v1/previews`: renders without storing or numbering; `Accept: image/png` gives page 1
/// (or `?page=N`) as PNG at `?dpi=` (default 96), the XLSX media type the template's table export
/// (406 for a template without one), anything else the PDF.
package struct PreviewRoutes: Sendable {
    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the route on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("previews", use: preview)
    }

    /// Renders a preview, or answers it from `PreviewCache`. The response says the document's page
    /// count (`X-Document-Pages`), whether the cache answered (`X-Preview-Cache: hit|miss`) and the
    /// server's time for it (`Server-Timing: preview;dur=…` in milliseconds).
    @Sendable package func preview(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let principal = try context.requirePrincipal()
        guard principal.role != .client else {
            throw ServiceError(status: .forbidden, message: "previews are for platform and reseller keys")
        }
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let preview = try PreviewRequest(body: body)
        let render = preview.render
        guard render.template != OrderPackage.templateName else {
            throw ServiceError.unprocessable("order packages are previewed part by part; preview each template on its own")
        }
        let branding = try await self.branding(for: preview, principal: principal)
        let wantsPNG = Self.accepts("image/png", request.headers[.accept])
        let page = try Self.positiveInteger(request.uri.queryParameters.get("page"), name: "page") ?? 1
        let dpi = try Self.dpi(request.uri.queryParameters.get("dpi"))
        let version = try dependencies.templates.current(render.template)
        let (data, dataKey, language) = try sampleOrData(preview, brand: branding?.brand)
        if !preview.usesSample {
            // A preview is a PDF like any other: it may not show another entity as the issuer either.
            try dependencies.checkContract(render.data)
            try dependencies.checkIssuer(of: render.data, brand: branding?.brand, principal: principal)
        }
        if !wantsPNG,
            try DocumentRoutes.format(accepting: request.headers[.accept], template: dependencies.templates.compiled(version)) == .xlsx
        {
            // Spreadsheets are not cached: the studio shows PNGs, and an XLSX preview is a rare download.
            let template = try dependencies.templates.compiled(version)
            let bytes = try await dependencies.pool.run { pipeline, _ in
                try pipeline.xlsx(try pipeline.workbook(template: template, json: data, language: language, branding: branding))
            }
            let headers: HTTPFields = [.contentType: OutputFormat.xlsx.mediaType, .cacheControl: "no-store", .vary: "Accept"]
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let key = PreviewCache.key([
            version.name, String(version.version), branding.map { "\($0.brand.id)@\($0.brand.version)" } ?? "-",
            preview.usesSample ? "issuer:brand" : "issuer:data", dependencies.brands.platformBrand?.version ?? "-",
            language?.rawValue ?? "-", dataKey, wantsPNG ? "png:\(page):\(dpi)" : "pdf",
        ])
        let cached = dependencies.previews.entry(for: key)
        let entry: PreviewCache.Entry
        if let cached {
            entry = cached
        } else {
            let template = try dependencies.templates.compiled(version)
            let metrics = dependencies.metrics
            entry = try await dependencies.pool.run { pipeline, _ in
                let start = ContinuousClock.now
                defer { metrics.recordRender(template: template.name, seconds: (ContinuousClock.now - start).seconds) }
                let document = try pipeline.layout(template: template, json: data, language: language, branding: branding)
                guard wantsPNG else { return PreviewCache.Entry(bytes: try pipeline.pdf(document), pages: document.pages.count) }
                guard document.pages.indices.contains(page - 1) else {
                    throw ServiceError.notFound("page \(page); the document has \(document.pages.count) page(s)")
                }
                return PreviewCache.Entry(bytes: try pipeline.png(document, page: page, dpi: dpi), pages: document.pages.count)
            }
            dependencies.previews.store(entry, for: key)
        }
        let milliseconds = (ContinuousClock.now - started).seconds * 1000
        var headers: HTTPFields = [
            .contentType: wantsPNG ? "image/png" : "application/pdf", .cacheControl: "no-store", .vary: "Accept",
            Self.pagesHeader: String(entry.pages), Self.cacheHeader: cached == nil ? "miss" : "hit",
            Self.serverTimingHeader: "preview;dur=\(String(format: "%.2f", milliseconds))",
        ]
        // A reseller previewing a request learns which of its own terms restate the request's.
        if let terms = branding?.brand.terms, render.template == "request" {
            for finding in BrandTermsReview.findings(terms: terms, data: data, language: language, brandLocale: branding?.brand.locale) {
                headers.append(HTTPField(name: Self.brandTermsHeader, value: Self.headerSafe(finding.description)))
            }
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: entry.bytes)))
    }

    /// The page count of the previewed document.
    package static let pagesHeader = HTTPField.Name("X-Document-Pages")!
    /// `hit` when the preview came from the cache, else `miss`.
    package static let cacheHeader = HTTPField.Name("X-Preview-Cache")!
    /// The server's time for the preview (W3C Server Timing).
    package static let serverTimingHeader = HTTPField.Name("Server-Timing")!

    /// The brand a preview renders under: its draft when asked (the current version when it has
    /// none), else its current version; the brand is the issuer of sample data.
    /// - Throws: `ServiceError.notFound` for a brand the key may not use.
    private func branding(for preview: PreviewRequest, principal: Principal) async throws -> DocumentPipeline.Branding? {
        guard let id = preview.render.brandID else { return nil }
        guard principal.role == .platform || id == principal.tenantID else { throw ServiceError.notFound("brand `\(id)`") }
        let brand = preview.usesDraft ? try await dependencies.drafts.previewBrand(id) : dependencies.brands.current(id)?.brand
        guard let brand else { throw ServiceError.notFound("brand `\(id)`") }
        return DocumentPipeline.Branding(
            brand: brand, issuer: preview.usesSample ? .replace : .fillMissing, whiteLabelGuard: dependencies.whiteLabelGuard)
    }

    /// The data to render, its part of the cache key, and the language: the template's sample in
    /// the request's language (else the brand's, else Russian), or the request's data.
    private func sampleOrData(_ preview: PreviewRequest, brand: Brand?) throws(ServiceError)
        -> (data: JSONValue, key: String, language: Language?)
    {
        let render = preview.render
        guard preview.usesSample else {
            let data = Self.numbered(render.data, template: render.template, brandPrefix: brand?.numberPrefix, clock: dependencies.clock)
            return (data, blobAddress(of: render.dataBytes), render.language)
        }
        let language = render.language ?? brand?.locale ?? .ru
        guard let sample = dependencies.samples.sample(for: render.template, language: language) else {
            throw ServiceError.notFound(
                "sample data of `\(render.template)` in `\(language.rawValue)` (the gallery shows "
                    + StudioSamples.templates.joined(separator: ", ") + "; serve --samples names their folder)")
        }
        // The sample's number moved into the brand's series, as the brand's issued documents are numbered.
        let data = Self.numbered(
            sample.data, template: render.template, brandPrefix: brand?.numberPrefix, isSample: true, clock: dependencies.clock)
        return (data, "sample:\(sample.sha256)", language)
    }

    /// What a preview prints as the number of a document the series has not numbered yet: the
    /// data may leave `document.number` empty, as for `POST /v1/documents`.
    package static let unnumbered = "—"

    /// The data with an empty or absent `document.number` set to `unnumbered`.
    package static func numbered(_ data: JSONValue) -> JSONValue {
        guard let document = data["document"]?.objectValue else { return data }
        switch document["number"] {
        case nil, .string("")?: return DocumentIssuer.setting(number: unnumbered, in: data)
        default: return data
        }
    }

    /// One header per brand clause that restates a term of the previewed request (`BrandTermsReview`).
    package static let brandTermsHeader = HTTPField.Name("DocEngine-Brand-Terms-Warning")!

    /// A preview shows the series the document would be issued in (issue 13: a reseller's number
    /// prefix applies to previews as to issued documents). Data without `document.number` gets the
    /// brand's yearly series (`DocumentRoutes.numberingRule`) with the running number left open,
    /// `АТЛ-СЧ-2026-…`, since a preview consumes no number; a supplement numbered within its
    /// contract gets `unnumbered`. A sample's number (`isSample`) moves into the brand's series
    /// (`СЧ-2026-000128` → `АТЛ-СЧ-2026-000128`); a number in the caller's data is kept, as an
    /// issued document keeps it.
    package static func numbered(
        _ data: JSONValue, template: String, brandPrefix: String?, isSample: Bool = false, clock: () -> Date
    ) -> JSONValue {
        guard let document = data["document"]?.objectValue else { return data }
        let date = document["date"]?.stringValue
        switch document["number"] {
        case nil, .string("")?:
            if template == "contract-supplement", data["contract"]?["supplementNumber"] == nil,
                data["contract"]?["number"]?.stringValue?.isEmpty == false
            {
                return DocumentIssuer.setting(number: unnumbered, in: data)
            }
            let year =
                date.flatMap { $0.count >= 4 ? Int($0.prefix(4)) : nil }
                ?? Calendar(identifier: .gregorian).component(.year, from: clock())
            let prefix = DocumentNumbering.prefix(template: template, brandPrefix: brandPrefix)
            return DocumentIssuer.setting(number: (prefix.isEmpty ? "" : prefix + "-") + "\(year)-…", in: data)
        case .string(let number)?:
            guard isSample, brandPrefix != nil else { return data }
            let moved = DocumentNumbering.previewNumber(number, template: template, date: date, brandPrefix: brandPrefix)
            return moved == number ? data : DocumentIssuer.setting(number: moved, in: data)
        default:
            return data
        }
    }

    /// Header values are one line of visible ASCII in practice; the Cyrillic clause text is
    /// percent-encoded so any client can read it back.
    private static func headerSafe(_ text: String) -> String {
        let visible = CharacterSet(charactersIn: Unicode.Scalar(0x20)...Unicode.Scalar(0x7E)).subtracting(CharacterSet(charactersIn: "%"))
        return text.addingPercentEncoding(withAllowedCharacters: visible) ?? "brand terms restate a term of the request"
    }

    /// Whether an `Accept` header lists `mediaType` (parameters such as `q` are ignored).
    package static func accepts(_ mediaType: String, _ accept: String?) -> Bool {
        guard let accept else { return false }
        return accept.split(separator: ",").contains { entry in
            entry.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == mediaType
        }
    }

    private static func positiveInteger(_ text: String?, name: String) throws(ServiceError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), value >= 1 else {
            throw ServiceError.badRequest("\(name): expected a positive integer, found \"\(text)\"")
        }
        return value
    }

    private static func dpi(_ text: String?) throws(ServiceError) -> Double {
        guard let text else { return ServiceConfiguration.defaultPreviewDPI }
        guard let value = Double(text), value >= 1, value <= ServiceConfiguration.maximumPreviewDPI else {
            throw ServiceError.badRequest(
                "dpi: expected a number from 1 to \(Int(ServiceConfiguration.maximumPreviewDPI)), found \"\(text)\"")
        }
        return value
    }
}
