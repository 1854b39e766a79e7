import DocEngine
package import Templates
package import DocPipeline
package import DocStore
package import Foundation
import HTTPTypes
package import Hummingbird

/// `POST /v1/previews`: renders without storing or numbering; `Accept: image/png` gives page 1
/// (or `?page=N`) as PNG at `?dpi=` (default 96), anything else the PDF.
package struct PreviewRoutes: Sendable {
    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the route on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("previews", use: preview)
    }

    @Sendable package func preview(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role != .client else {
            throw ServiceError(status: .forbidden, message: "previews are for platform and reseller keys")
        }
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let render = try RenderRequest(body: body)
        guard render.template != OrderPackage.templateName else {
            throw ServiceError.unprocessable("order packages are previewed part by part; preview each template on its own")
        }
        let brand = try dependencies.branding(for: render.brandID, principal: principal)
        // A preview is a PDF like any other: it may not show another entity as the issuer either.
        try dependencies.checkContract(render.data)
        try dependencies.checkIssuer(of: render.data, brand: brand, principal: principal)
        let wantsPNG = Self.accepts("image/png", request.headers[.accept])
        let page = try Self.positiveInteger(request.uri.queryParameters.get("page"), name: "page") ?? 1
        let dpi = try Self.dpi(request.uri.queryParameters.get("dpi"))
        let template = try dependencies.templates.compiled(try dependencies.templates.current(render.template))
        let data = Self.numbered(render.data, template: render.template, brand: brand, principal: principal, clock: dependencies.clock)
        let language = render.language
        let bytes = try await dependencies.pool.run { pipeline, _ in
            let start = ContinuousClock.now
            defer { dependencies.metrics.recordRender(template: template.name, seconds: (ContinuousClock.now - start).seconds) }
            let document = try pipeline.layout(template: template, json: data, language: language, branding: brand?.branding)
            guard wantsPNG else { return try pipeline.pdf(document) }
            guard document.pages.indices.contains(page - 1) else {
                throw ServiceError.badRequest("page \(page) does not exist; the document has \(document.pages.count) page(s)")
            }
            return try pipeline.png(document, page: page, dpi: dpi)
        }
        var headers: HTTPFields = [
            .contentType: wantsPNG ? "image/png" : "application/pdf", .cacheControl: "no-store", .vary: "Accept",
        ]
        // A reseller previewing a request learns which of its own terms restate the request's.
        if let terms = brand?.version.brand.terms, render.template == "request" {
            for finding in BrandTermsReview.findings(terms: terms, data: data) {
                headers.append(HTTPField(name: Self.brandTermsHeader, value: Self.headerSafe(finding.description)))
            }
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// One header per brand clause that restates a term of the previewed request (`BrandTermsReview`).
    package static let brandTermsHeader = HTTPField.Name("DocEngine-Brand-Terms-Warning")!

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

    /// A preview shows the series the document would be issued in (issue 13: a reseller's number
    /// prefix applies to previews as to issued documents): data without `document.number` gets
    /// the brand's yearly series with the running number left open (`АТЛ-СЧ-2026-…`), since a
    /// preview consumes no number; a supplement numbered within its contract, `unnumbered`. A
    /// given number is kept, as an issued document keeps it.
    package static func numbered(
        _ data: JSONValue, template: String, brand: DocumentIssuer.IssuingBrand?, principal: Principal, clock: () -> Date
    ) -> JSONValue {
        guard let document = data["document"]?.objectValue else { return data }
        switch document["number"] {
        case nil, .string("")?: break
        default: return data
        }
        let rule = DocumentRoutes.numberingRule(data, template: template, brand: brand, principal: principal, clock: clock)
        guard case .year(let year) = rule.scope else { return DocumentIssuer.setting(number: unnumbered, in: data) }
        let series = rule.prefix.isEmpty ? "\(year)" : "\(rule.prefix)-\(year)"
        return DocumentIssuer.setting(number: series + "-…", in: data)
    }

    /// Header values are one line of visible ASCII and Latin-1 in practice; the Cyrillic clause
    /// text is percent-encoded so any client can read it back.
    private static func headerSafe(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .init(charactersIn: Unicode.Scalar(0x20)...Unicode.Scalar(0x7E)).subtracting(.init(charactersIn: "%"))) ?? "brand terms restate a term of the request"
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
