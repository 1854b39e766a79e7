package import DocPipeline
package import DocStore
import Foundation
import HTTPTypes
package import Templates

/// Who may issue what: the issuer a document names, and the order it joins.
extension ServiceDependencies {
    /// Refuses data whose `issuer` is another legal entity than the one the key issues as.
    ///
    /// A platform key may issue for any entity. Any other key issues as its brand — the brand it
    /// names, else its tenant's own brand: the data's `issuer` may be absent (the brand's party is
    /// used) or the same entity (same tax id), never another. A tenant without a brand has no legal
    /// identity to name, so its data may not name an issuer.
    /// - Throws: `PipelineError.invalidData` naming `issuer` (422).
    package func checkIssuer(of data: JSONValue, brand: Brand?, principal: Principal)
        throws(PipelineError)
    {
        guard principal.role != .platform, data["issuer"] != nil else { return }
        guard let identity = brand ?? brands.current(principal.tenantID)?.brand else {
            throw .invalidData([
                DataProblem(
                    path: JSONPath.root.appending(key: "issuer"),
                    message: "tenant `\(principal.tenantID)` has no brand, so no legal identity to issue as; "
                        + "the platform sets it up (leave issuer out)")
            ])
        }
        let problems = BrandIdentity.foreignIssuerProblems(in: data, brand: identity)
        if !problems.isEmpty { throw .invalidData(problems) }
    }

    /// Checks request data against the data contract before it waits for a renderer. The
    /// service gives the number, so `document.number` may be absent or empty here.
    /// - Throws: `PipelineError.invalidData` with every problem (422).
    package func checkContract(_ data: JSONValue) throws(PipelineError) {
        try contract.check(PreviewRoutes.numbered(data))
    }

    /// Refuses a document of `tenantID` for an order another tenant owns.
    ///
    /// An order belongs to the tenant of its first document. To anyone but the platform, another
    /// tenant's order does not exist (404); the platform is told whose it is (409). The store
    /// checks again in the document's transaction.
    /// - Throws: `ServiceError` (404 or 409), `StorageError`.
    package func checkOrder(_ orderID: String?, joinsTenant tenantID: String, principal: Principal) async throws {
        guard let orderID, let owner = try await documents.owner(ofOrder: orderID), owner != tenantID else { return }
        guard principal.role == .platform else { throw ServiceError.notFound("order \(orderID)") }
        throw ServiceError(
            status: .conflict,
            message: "order \(orderID) belongs to tenant `\(owner)`; a document of tenant `\(tenantID)` cannot join it")
    }

    /// Refuses to show anything of an order another tenant owns (404), so a key cannot even learn
    /// that the order exists.
    /// - Throws: `ServiceError.notFound`, `StorageError`.
    package func checkOrderVisible(_ orderID: String, to principal: Principal) async throws {
        guard principal.role != .platform, let owner = try await documents.owner(ofOrder: orderID),
            owner != principal.tenantID
        else { return }
        throw ServiceError.notFound("order \(orderID)")
    }
}
