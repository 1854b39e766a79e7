@testable import DocServer
import DocStore
import DocTestSupport
import Foundation
import Templates
import Testing

/// The batch, crash and cluster tests' subject: a one-paragraph template whose versions differ by
/// a mark on the page, and many numbered documents of it issued through the render pool.
enum NoteDocuments {
    /// The template's source; `mark` tells its versions apart on the page.
    static func source(_ mark: String) -> String {
        """
        {% page size="A5" margin=[15mm, 15mm, 15mm, 15mm] fontSize=10pt %}
        {% meta title=document.number created=document.date %}
        {% p %}{{ order.id }} · {{ document.number }} · \(mark){% endp %}
        """
    }

    /// Issues `count` notes under alatoo (order `ORD-<tag>-i`, number `<tag>-i`), `inFlight` at a
    /// time, through the pool.
    /// - Returns: the documents' ids.
    static func issue(_ count: Int, tag: String, inFlight: Int, into dependencies: ServiceDependencies) async throws
        -> [String]
    {
        let sample = try sampleData("invoice-kgs")
        let template = try dependencies.templates.current("note")
        let brand = dependencies.issuing(try #require(dependencies.brands.current("alatoo")))
        return try await withThrowingTaskGroup(of: String.self) { group in
            var ids: [String] = []
            for index in 0..<count {
                if index >= inFlight, let id = try await group.next() { ids.append(id) }
                group.addTask {
                    try await dependencies.issuer.issue(
                        DocumentIssuer.Issue(
                            tenantID: "alatoo", clientID: nil, orderID: "ORD-\(tag)-\(index)", template: template,
                            language: nil, brand: brand, data: DocumentIssuer.setting(number: "\(tag)-\(index)", in: sample),
                            idempotency: nil, numbering: nil, supersedes: nil)
                    ).document.id
                }
            }
            return try await group.reduce(into: ids) { $0.append($1) }
        }
    }
}
