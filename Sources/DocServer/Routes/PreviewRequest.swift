package import Foundation
import Templates

/// The body of `POST /v1/previews`: a `RenderRequest` that may also say `"draft": true` (render
/// under the brand's studio draft) and `"sample": true` (render the template's sample data in the
/// request's language, with the brand as the issuer) instead of sending `data`.
///
/// Only previews know these members: `POST /v1/documents` refuses them, so a draft never reaches
/// an issued document.
package struct PreviewRequest: Sendable {
    /// The members a preview body may have.
    package static let members = RenderRequest.members.union(["draft", "sample"])

    package var render: RenderRequest
    /// Render under the brand's draft (or its current version when it has none).
    package var usesDraft: Bool
    /// Render the template's sample data (`render.data` is then empty).
    package var usesSample: Bool

    /// Parses a preview body.
    /// - Throws: `ServiceError.badRequest` naming the member that is missing or malformed.
    package init(body: Data) throws(ServiceError) {
        var object = try JSONBody.object(
            body, members: Self.members, shape: "{template, locale?, brand?, client?, data | sample: true, draft?}")
        usesDraft = try Self.flag(object["draft"], name: "draft")
        usesSample = try Self.flag(object["sample"], name: "sample")
        object["draft"] = nil
        object["sample"] = nil
        if usesSample {
            guard object["data"] == nil else { throw .badRequest("data: give either data or \"sample\": true, not both") }
            object["data"] = .object(JSONObject())
        }
        render = try RenderRequest(object: object)
        if usesDraft, render.brandID == nil {
            throw .badRequest("draft: a draft belongs to a brand; name it in \"brand\"")
        }
    }

    private static func flag(_ value: JSONValue?, name: String) throws(ServiceError) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        case let other?: throw .badRequest("\(name): expected true or false, found \(other.kindName)")
        }
    }
}
