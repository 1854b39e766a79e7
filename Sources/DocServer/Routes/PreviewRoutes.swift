import DocEngine
import Templates
import DocPipeline
import DocStore
import Foundation
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
        let wantsPNG = Self.accepts("image/png", request.headers[.accept])
        let page = try Self.positiveInteger(request.uri.queryParameters.get("page"), name: "page") ?? 1
        let dpi = try Self.dpi(request.uri.queryParameters.get("dpi"))
        let version = try dependencies.templates.current(render.template)
        let template = try dependencies.templates.compiled(version)
        let data = render.data
        let language = render.language
        if !wantsPNG, try DocumentRoutes.format(accepting: request.headers[.accept], template: template) == .xlsx {
            let bytes = try await dependencies.issuer.renderSpreadsheet(version, data: data, language: language, brand: brand)
            let headers: HTTPFields = [.contentType: OutputFormat.xlsx.mediaType, .cacheControl: "no-store", .vary: "Accept"]
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
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
        let headers: HTTPFields = [
            .contentType: wantsPNG ? "image/png" : "application/pdf", .cacheControl: "no-store", .vary: "Accept",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
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
