import Foundation
package import Hummingbird

/// JSON answers with stable key order, so clients and tests see the same bytes each time.
package enum JSONResponse {
    /// The media type of every JSON answer.
    package static let contentType = "application/json; charset=utf-8"

    /// Encodes `value` as the body of a response.
    /// - Parameters:
    ///   - value: what to send.
    ///   - status: the HTTP status.
    ///   - headers: extra headers (Content-Type is set here).
    /// - Throws: `EncodingError` when `value` cannot be encoded.
    package static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws
        -> Response
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
