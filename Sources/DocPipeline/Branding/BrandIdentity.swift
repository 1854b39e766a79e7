package import Templates
import Foundation

/// Identity is the platform's, the look is the reseller's.
///
/// A brand's legal identity — who issues its documents and is paid for them, and which number
/// series they take — is set and changed only by the platform: a reseller that could change it
/// could switch off the white-label guard (`platform`), print another reseller's name and
/// requisites, or take another's number prefix and collide with its series. A reseller changes its
/// look and its documents' wording: logo, accent colour, footer note, terms, signature, stamp,
/// signer, default language, and the contact, payment and signing details of its party (phone,
/// e-mail, postal address, bank account, director, accountant, whether it uses a seal) — the
/// entity stays the same, which its tax id says.
///
/// The one place these rules live: brand publishing (`BrandRegistry`), drafts and issuing all ask here.
package enum BrandIdentity {
    /// brand.json fields only the platform may set or change, as field paths.
    package static let platformOnlyFields: [String] = [
        "displayName", "platform", "numberPrefix", "legal.kind", "legal.name", "legal.shortName", "legal.inn",
        "legal.okpo", "legal.kpp", "legal.ogrn", "legal.kbe", "legal.country", "legal.address", "legal.vatPayer",
        "legal.salesTaxRate", "legal.passport",
    ]

    /// A reseller tried to set or change fields of its legal identity.
    package struct ChangeRefused: Error, Sendable, Equatable, CustomStringConvertible {
        /// The brand.json fields it may not change, in `platformOnlyFields` order.
        package var fields: [String]

        package var description: String {
            "\(fields.joined(separator: ", ")): only the platform sets or changes a brand's legal identity "
                + "(name, tax ids, registered address, number prefix, platform flag)"
        }
    }

    /// The identity fields whose value in `proposed` differs from `current` (every identity field
    /// `proposed` sets, for a brand that does not exist yet).
    package static func changedFields(from current: Brand?, to proposed: Brand) -> [String] {
        platformOnlyFields.filter { value(of: $0, in: current) != value(of: $0, in: proposed) }
    }

    /// Throws unless `proposed` keeps `current`'s identity.
    /// - Throws: `ChangeRefused` naming every field changed.
    package static func checkResellerChange(from current: Brand?, to proposed: Brand) throws(ChangeRefused) {
        let changed = changedFields(from: current, to: proposed)
        if !changed.isEmpty { throw ChangeRefused(fields: changed) }
    }

    /// A field's value in a brand, as JSON; nil when absent.
    package static func value(of field: String, in brand: Brand?) -> JSONValue? {
        guard let brand else { return nil }
        switch field {
        case "displayName": return .string(brand.displayName)
        case "platform": return brand.isPlatform ? .bool(true) : nil
        case "numberPrefix": return brand.numberPrefix.flatMap { $0.isEmpty ? nil : .string($0) }
        default:
            guard field.hasPrefix("legal.") else { return nil }
            return brand.legal?[String(field.dropFirst("legal.".count))]
        }
    }

    // MARK: Uniqueness

    /// What makes two number prefixes the same series: `АТЛ-` and `АТЛ` print the same numbers.
    /// Nil for a brand without a prefix.
    package static func numberPrefixKey(_ brand: Brand) -> String? {
        guard var prefix = brand.numberPrefix?.trimmingCharacters(in: .whitespaces) else { return nil }
        while prefix.hasSuffix("-") { prefix.removeLast() }
        return prefix.isEmpty ? nil : prefix
    }

    /// The brand's tax id with its country (`KG:02411201910234`): no two brands may be one legal
    /// entity. Nil for a brand without a tax id.
    package static func taxIDKey(_ brand: Brand) -> String? {
        guard let inn = brand.legal?["inn"]?.stringValue?.trimmingCharacters(in: .whitespaces), !inn.isEmpty else {
            return nil
        }
        return "\(brand.legal?["country"]?.stringValue ?? ""):\(inn)"
    }

    // MARK: The issuer of a document

    /// Problems when document data under `brand` names another legal entity as `issuer` than the
    /// brand's (a different tax id; without tax ids, a different name). An absent issuer is filled
    /// from the brand; a present one may differ in wording (its Kyrgyz or English name) or name
    /// another account of the same entity, but not be someone else.
    /// - Returns: empty when the issuer is absent or the brand's own entity.
    package static func foreignIssuerProblems(in data: JSONValue, brand: Brand) -> [DataProblem] {
        guard let issuer = data["issuer"] else { return [] }
        let path = JSONPath.root.appending(key: "issuer")
        guard let legal = brand.legal else {
            return [
                DataProblem(
                    path: path,
                    message: "brand `\(brand.id)` has no legal identity yet, so it cannot name an issuer; "
                        + "the platform sets it (leave issuer out)")
            ]
        }
        let brandINN = legal["inn"]?.stringValue
        guard issuer["inn"]?.stringValue != brandINN || (brandINN == nil && issuer["name"] != legal["name"]) else {
            return []
        }
        return [
            DataProblem(
                path: path,
                message: "names another legal entity (tax id \(JSONRule.describe(issuer["inn"] ?? .null))) than "
                    + "brand `\(brand.id)` (tax id \(JSONRule.describe(legal["inn"] ?? .null))); leave issuer out "
                    + "to issue as the brand")
        ]
    }
}
