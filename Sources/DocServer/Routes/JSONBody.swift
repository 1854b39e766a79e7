package import Foundation
package import Templates

/// Request bodies that are JSON objects with a known set of members.
package enum JSONBody {
    /// Parses `body` with the template engine's parser (decimals keep their exact text) and refuses
    /// anything but an object whose members are all in `members`: strict like templates, so a
    /// misspelt member is an error rather than silently ignored.
    /// - Parameter shape: how the object should look, for the error, e.g. `{type, locale?, data}`.
    /// - Throws: `ServiceError.badRequest` saying what is wrong.
    package static func object(_ body: Data, members: Set<String>, shape: String) throws(ServiceError) -> JSONObject {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch {
            throw ServiceError.badRequest("request body: invalid JSON: \(error)")
        }
        guard let object = json.objectValue else {
            throw ServiceError.badRequest("request body: expected an object \(shape)")
        }
        if let unknown = object.map(\.key).first(where: { !members.contains($0) }) {
            throw ServiceError.badRequest(
                "request body: unknown member `\(unknown)`; expected \(members.sorted().joined(separator: ", "))")
        }
        return object
    }
}
