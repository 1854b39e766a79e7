import Foundation
package import Hummingbird
import Signatures

/// `POST /v1/signatures`: captured strokes (signature.schema.json) in; `Accept: image/svg+xml`
/// gives the SVG, anything else the stable JSON of the vector signature.
package struct SignatureRoutes: Sendable {
    package let configuration: ServiceConfiguration

    /// Registers the route on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("signatures", use: vectorize)
    }

    @Sendable package func vectorize(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let signature = try SignatureVectorizer().vectorize(json: body)
        let wantsSVG = PreviewRoutes.accepts("image/svg+xml", request.headers[.accept])
        let bytes = wantsSVG ? Data(signature.svg().utf8) : signature.jsonData()
        let headers: HTTPFields = [
            .contentType: wantsSVG ? "image/svg+xml" : JSONResponse.contentType, .vary: "Accept",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
