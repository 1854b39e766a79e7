package import DocStore
import Foundation
package import Hummingbird

/// The answer of `GET /v1/documents`: one page of summaries and where the next page starts.
package struct DocumentListing: Codable, Sendable, Equatable {
    package var documents: [DocumentSummary]
    /// Pass as `cursor` for the next page; absent on the last page.
    package var nextCursor: String?

    package init(_ page: DocumentPage) {
        documents = page.documents.map(DocumentSummary.init)
        nextCursor = page.nextCursor?.token
    }

    /// The query parameters a listing understands.
    package static let parameters: Set<String> = ["order", "client", "template", "from", "to", "cursor", "limit"]

    /// Reads and checks a listing's query parameters; every filter is optional.
    /// - Throws: `ServiceError.badRequest` naming the parameter at fault (an unknown one included, so
    ///   a misspelt filter is never silently ignored).
    package static func query(_ parameters: Parameters) throws(ServiceError) -> DocumentQuery {
        var query = DocumentQuery()
        for (name, value) in parameters {
            let name = String(name)
            let value = String(value)
            guard Self.parameters.contains(name) else {
                throw ServiceError.badRequest(
                    "query parameter `\(name)` is not known; expected \(Self.parameters.sorted().joined(separator: ", "))")
            }
            guard !value.isEmpty else { throw ServiceError.badRequest("query parameter `\(name)` is empty") }
            switch name {
            case "order": query.orderID = value
            case "client": query.clientID = value
            case "template": query.template = value
            case "from": query.from = try day(value, name: name)
            case "to": query.to = try day(value, name: name)
            case "cursor":
                guard let cursor = DocumentCursor(token: value) else {
                    throw ServiceError.badRequest("cursor: not a cursor this service gave out")
                }
                query.after = cursor
            default:
                guard let limit = Int(value), (1...DocumentQuery.maximumLimit).contains(limit) else {
                    throw ServiceError.badRequest("limit: expected 1 to \(DocumentQuery.maximumLimit), found \"\(value)\"")
                }
                query.limit = limit
            }
        }
        // A period that ends before it starts holds no day: it lists nothing, as the API description
        // (which cannot compare two parameters) promises for any two valid days.
        return query
    }

    /// A calendar day `YYYY-MM-DD` that exists.
    private static func day(_ text: String, name: String) throws(ServiceError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil, let date = formatter.date(from: text),
            formatter.string(from: date) == text
        else {
            throw ServiceError.badRequest("\(name): expected a day as YYYY-MM-DD, found \"\(text)\"")
        }
        return text
    }
}
