/// Which brand a request may render under.
extension ServiceDependencies {
    /// The branding for `brandID`, when the principal may use it.
    ///
    /// A platform key may use any loaded brand; every other key only its own tenant's brand,
    /// whose id equals the tenant id. An unknown brand and a forbidden one look alike (404).
    /// - Parameters:
    ///   - brandID: the requested brand, or nil for none.
    ///   - principal: the caller.
    ///   - issuer: how the brand's party enters the data.
    /// - Returns: nil when no brand was asked for.
    /// - Throws: `ServiceError.notFound`.
    func branding(
        for brandID: String?, principal: Principal, issuer: BrandApplication.IssuerPolicy = .fillMissing
    ) throws(ServiceError) -> DocumentPipeline.Branding? {
        guard let brandID else { return nil }
        guard principal.role == .platform || brandID == principal.tenantID, let brand = brands[brandID] else {
            throw ServiceError.notFound("brand `\(brandID)`")
        }
        return DocumentPipeline.Branding(brand: brand, issuer: issuer, whiteLabelGuard: whiteLabelGuard)
    }
}
