package import Templates

/// The studio's one identity check: a draft may change the look of a brand (accent colour,
/// footer note, terms, logo, stamp, signature) and nothing that says who the brand is.
///
/// Stricter than `BrandIdentity` (what a reseller's `PUT /v1/brands` may change): the studio edits
/// only the look, so even the members a reseller may change elsewhere (signer, default language)
/// are refused here; publishing a draft then passes `BrandIdentity` as any reseller change does.
package enum StudioIdentityRule {
    /// The brand.json members the studio edits; every other member belongs to the brand's identity
    /// (id, display name, legal requisites — name, tax ids, address, bank —, number prefix,
    /// platform flag, default language, signer) and is changed only through `PUT /v1/brands/{id}`.
    package static let lookMembers: Set<String> = ["accentColor", "footerNote", "terms"]

    /// Refuses `proposed` when it differs from `current` outside the look.
    /// - Parameters:
    ///   - current: brand.json of the brand's current version.
    ///   - proposed: brand.json as the draft would have it.
    /// - Throws: `StudioIdentityRule.Refusal` (403) naming the first identity field that differs, e.g. `legal.inn`.
    package static func check(current: JSONObject, proposed: JSONObject) throws(Refusal) {
        let keys = (current.keys + proposed.keys.filter { current[$0] == nil }).filter { !lookMembers.contains($0) }
        for key in keys {
            if let path = firstDifference(current[key], proposed[key], at: key) { throw Refusal(field: path) }
        }
    }

    /// An identity field a draft tried to change.
    package struct Refusal: Error, Sendable, Equatable {
        /// Its brand.json path, e.g. `legal.inn` or `numberPrefix`.
        package var field: String
        package var message: String {
            "\(field) is part of the brand's identity (legal name, tax ids, address, number prefix, platform flag …): "
                + "only the platform changes it, through PUT /v1/brands; the studio edits the look"
        }
    }

    /// The path of the first member where `a` and `b` differ, descending into objects; nil when equal.
    private static func firstDifference(_ a: JSONValue?, _ b: JSONValue?, at path: String) -> String? {
        if case .object(let left)? = a, case .object(let right)? = b {
            for key in left.keys + right.keys.filter({ left[$0] == nil }) {
                if let found = firstDifference(left[key], right[key], at: "\(path).\(key)") { return found }
            }
            return nil
        }
        return a == b ? nil : path
    }
}
