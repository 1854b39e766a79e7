package import Foundation
package import Templates

/// The body of `POST /v1/documents` and `POST /v1/previews`:
/// `{"template": "invoice", "locale": "ru", "brand": "alatoo", "client": "shop-1", "data": {…}}`.
///
/// Parsed with the template engine's JSON parser, so decimals in `data` keep their exact text.
/// Strict like templates: an unknown member is refused rather than ignored.
package struct RenderRequest: Sendable {
    /// The members a body may have.
    package static let members: Set<String> = ["template", "locale", "brand", "client", "data"]

    /// The template name, e.g. `invoice`.
    package var template: String
    /// Overrides the data's `locale`.
    package var language: Language?
    /// The brand to issue under, if any.
    package var brandID: String?
    /// The reseller's client the stored document belongs to (whose client keys may download it).
    package var clientID: String?
    /// The document data (document.schema.json).
    package var data: JSONValue

    /// Parses a request body.
    /// - Throws: `ServiceError.badRequest` naming the member that is missing or malformed.
    package init(body: Data) throws(ServiceError) {
        try self.init(object: try JSONBody.object(body, members: Self.members, shape: "{template, locale?, brand?, client?, data}"))
    }

    /// Reads a body already parsed, whose members have been checked.
    /// - Throws: `ServiceError.badRequest` naming the member that is missing or malformed.
    package init(object: JSONObject) throws(ServiceError) {
        guard let template = object["template"]?.stringValue, !template.isEmpty else {
            throw ServiceError.badRequest("template: expected a template name, e.g. \"invoice\"")
        }
        guard let data = object["data"], data.objectValue != nil else {
            throw ServiceError.badRequest("data: expected the document data as an object")
        }
        self.template = template
        self.data = data
        switch object["locale"] {
        case nil, .null?:
            language = nil
        case .string(let code)?:
            guard let language = Language(rawValue: code) else {
                throw ServiceError.badRequest(
                    "locale: expected one of \(Language.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(code)\"")
            }
            self.language = language
        case let other?:
            throw ServiceError.badRequest("locale: expected a string, found \(other.kindName)")
        }
        switch object["brand"] {
        case nil, .null?:
            brandID = nil
        case .string(let id)?:
            brandID = id
        case let other?:
            throw ServiceError.badRequest("brand: expected a brand id, found \(other.kindName)")
        }
        switch object["client"] {
        case nil, .null?:
            clientID = nil
        case .string(let id)? where !id.isEmpty:
            clientID = id
        case let other?:
            throw ServiceError.badRequest("client: expected the client's id, found \(other.jsonText)")
        }
    }

    /// The data as bytes, for `DocumentPipeline.layout(template:data:…)`.
    package var dataBytes: Data { Data(data.jsonText.utf8) }
}
