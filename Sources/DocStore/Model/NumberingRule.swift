/// Which number series a document without a number draws from, and how its numbers print.
///
/// Series are gapless per issuer, document type and period: a number is consumed only when the
/// document carrying it commits.
package struct NumberingRule: Sendable, Equatable {
    /// Digits of the running number in yearly series, zero-padded.
    package static let sequenceDigits = 6

    /// What one series counts.
    package enum Scope: Sendable, Equatable {
        /// One series per calendar year, restarting at 1: `СЧ-2026-000043`.
        case year(Int)
        /// One series per contract, for its supplements: 1, 2, 3… printed alone («№ 3 к Договору № 12/ТЭУ»).
        case contract(String)
    }

    /// The issuing legal entity (reseller or platform) whose series this is.
    package var issuer: String
    /// The document type (`invoice`, `act`, …): each type has its own series.
    package var docType: String
    package var scope: Scope
    /// The brand's prefix for this type, e.g. `АТЛ-СЧ`; unused for contract-scoped series.
    package var prefix: String

    package init(issuer: String, docType: String, scope: Scope, prefix: String) {
        self.issuer = issuer
        self.docType = docType
        self.scope = scope
        self.prefix = prefix
    }

    /// A yearly series.
    package init(issuer: String, docType: String, year: Int, prefix: String) {
        self.init(issuer: issuer, docType: docType, scope: .year(year), prefix: prefix)
    }

    /// The series' key within the issuer and type: the year, or the contract it belongs to.
    package var seriesKey: String {
        switch scope {
        case .year(let year): String(year)
        case .contract(let number): "contract:" + number
        }
    }

    /// The printed form of the series' `value`th number: `PREFIX-YYYY-NNNNNN` (`YYYY-NNNNNN` without
    /// a prefix) for yearly series, the bare number within a contract.
    package func format(_ value: Int) -> String {
        switch scope {
        case .contract:
            return String(value)
        case .year(let year):
            let digits = String(value)
            let padded = String(repeating: "0", count: max(0, Self.sequenceDigits - digits.count)) + digits
            let body = "\(year)-\(padded)"
            return prefix.isEmpty ? body : "\(prefix)-\(body)"
        }
    }
}
