package import DocStore
package import DocPipeline

/// Which brand a request may render under.
extension ServiceDependencies {
    /// The current version of `brandID`, when the principal may use it.
    ///
    /// A platform key may use any brand; every other key only its own tenant's brand, whose id
    /// equals the tenant id. An unknown brand and a forbidden one look alike (404).
    /// - Parameters:
    ///   - brandID: the requested brand, or nil for none.
    ///   - principal: the caller.
    ///   - issuer: how the brand's party enters the data.
    /// - Returns: nil when no brand was asked for.
    /// - Throws: `ServiceError.notFound`.
    package func branding(
        for brandID: String?, principal: Principal, issuer: BrandApplication.IssuerPolicy = .fillMissing
    ) throws(ServiceError) -> DocumentIssuer.IssuingBrand? {
        guard let brandID else { return nil }
        guard principal.role == .platform || brandID == principal.tenantID, let version = brands.current(brandID) else {
            throw ServiceError.notFound("brand `\(brandID)`")
        }
        return issuing(version, issuer: issuer)
    }

    /// `version` with the white-label guard that knows the current platform brand.
    package func issuing(_ version: BrandVersion, issuer: BrandApplication.IssuerPolicy = .fillMissing)
        -> DocumentIssuer.IssuingBrand
    {
        DocumentIssuer.IssuingBrand(
            version: version,
            branding: DocumentPipeline.Branding(brand: version.brand, issuer: issuer, whiteLabelGuard: whiteLabelGuard))
    }
}
