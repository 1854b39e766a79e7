import Crypto
import DocStudio
import Foundation
import HTTPTypes
package import Hummingbird

/// `GET /studio` and `GET /studio/{file}`: the reseller's studio, static files from the
/// `DocStudio` resources. No key is needed to load the page; everything it shows comes from `/v1`.
///
/// The page may only run its own scripts and talk to its own origin (`Content-Security-Policy`),
/// may not be framed, and sends no referrer.
package struct StudioRoutes: Sendable {
    /// The security headers of every studio file.
    package static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
        + "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// Registers the routes on the router itself (outside `/v1`).
    package func register(on router: Router<ServiceRequestContext>) {
        router.get("studio", use: index)
        router.get("studio/{file}", use: file)
    }

    @Sendable package func index(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try answer("index.html", request: request)
    }

    @Sendable package func file(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try answer(try context.parameters.require("file"), request: request)
    }

    private func answer(_ name: String, request: Request) throws -> Response {
        guard let file = StudioSite.file(named: name) else { throw ServiceError.notFound("studio file `\(name)`") }
        let etag = "\"" + SHA256.hash(data: file.data).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        var headers: HTTPFields = [
            .contentType: file.contentType, .eTag: etag, .cacheControl: "no-cache",
            .contentSecurityPolicy: Self.contentSecurityPolicy, .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer", HTTPField.Name("X-Frame-Options")!: "DENY",
        ]
        if request.headers[.ifNoneMatch] == etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}
