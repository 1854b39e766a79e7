import NIOFoundationCompat
import DocServer
import DocStore
import DocTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Templates
import Testing

/// `Authorization: Bearer <token>` plus `extra`.
func bearer(_ token: String, _ extra: HTTPFields = [:]) -> HTTPFields {
    var fields: HTTPFields = [.authorization: "Bearer \(token)"]
    fields.append(contentsOf: extra)
    return fields
}

/// `{"template": …, "brand": …, "data": …}` for a sample, with `document.number` replaced when given.
func documentBody(_ sample: String, template: String, brand: String? = nil, number: String? = nil) throws -> ByteBuffer {
    var data = try sampleData(sample)
    if let number { data = DocumentIssuer.setting(number: number, in: data) }
    var body = JSONObject()
    body["template"] = .string(template)
    if let brand { body["brand"] = .string(brand) }
    body["data"] = data
    return ByteBuffer(string: JSONValue.object(body).jsonText)
}

/// Decodes a JSON answer, recording the body when it is not what was expected.
func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    do {
        return try JSONDecoder().decode(type, from: Data(buffer: response.body))
    } catch {
        Issue.record("cannot decode \(type) from \(response.status): \(String(buffer: response.body))")
        throw error
    }
}

extension ServiceDependencies {
    /// A new API key's token.
    func key(_ tenant: String, _ role: Role, client: String? = nil) async throws -> String {
        try await keys.create(for: Principal(tenantID: tenant, role: role, clientID: client)).token
    }
}

/// The folded text of PDF bytes (see `extractedText`).
func pdfText(_ pdf: Data) throws -> String {
    let file = try makeTemporaryDirectory().appendingPathComponent("document.pdf")
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    try pdf.write(to: file)
    return try extractedText(file)
}
