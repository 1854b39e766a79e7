import DocEngine
import Foundation
import Signatures
package import Templates

/// Turns a brand into what a render needs: the data with the brand's issuer and language filled
/// in, and the assets (logo, stamp, vectorised signature, accent colour, facts) templates use.
package struct BrandApplication {
    package let brand: Brand

    /// How the brand's legal party enters the data.
    package enum IssuerPolicy {
        /// Use the brand's party only where the data has no issuer (issued documents).
        case fillMissing
        /// Always show the brand as the issuer (a reseller previewing its templates).
        case replace
    }

    /// The data with the brand's issuer and default language applied.
    package func apply(to data: JSONValue, issuer policy: IssuerPolicy) -> JSONValue {
        guard case .object(var object) = data else { return data }
        if let legal = brand.legal, policy == .replace || object["issuer"] == nil {
            var party = legal
            // The brand's signer is who signs on the issuer's line.
            if case .object(var partyObject) = party, let signer = brand.signer, partyObject["director"] == nil {
                partyObject["director"] = signer
                party = .object(partyObject)
            }
            object["issuer"] = party
        }
        if object["locale"] == nil, let locale = brand.locale { object["locale"] = .string(locale.rawValue) }
        return .object(object)
    }

    /// Logo, stamp, signature (vectorised when drawn with a finger), accent colour and facts; the
    /// footer note and terms in `language` (`LocalizedText`), so templates read plain strings.
    /// - Parameter language: the language the document is printed in.
    package func assets(language: Language = .ru) throws -> RenderAssets {
        var images: [String: ImageAsset] = [:]
        var drawings: [String: Drawing] = [:]
        if let logo = brand.logo { images["logo"] = logo }
        if let stamp = brand.stamp { images["stamp"] = stamp }
        if let strokes = brand.signatureStrokes {
            let signature = try SignatureVectorizer().vectorize(json: strokes)
            drawings["signature"] = SignatureDrawing.drawing(from: signature)
        } else if let image = brand.signatureImage {
            images["signature"] = image
        }
        var facts = JSONObject()
        facts["id"] = .string(brand.id)
        facts["displayName"] = .string(brand.displayName)
        facts["isPlatform"] = .bool(brand.isPlatform)
        facts["hasLogo"] = .bool(brand.logo != nil)
        facts["hasStamp"] = .bool(brand.stamp != nil)
        facts["hasSignature"] = .bool(brand.hasSignature)
        if let note = brand.footerNote?.text(for: language, fallback: brand.locale) { facts["footerNote"] = .string(note) }
        if let terms = brand.terms?.text(for: language, fallback: brand.locale) { facts["terms"] = .string(terms) }
        var assets = RenderAssets(images: images, drawings: drawings, brand: .object(facts), accentColor: brand.accentColor)
        // After the initialiser, which derives the accent roles: the brand's own roles win over the defaults.
        for (role, color) in brand.themeColors.sorted(by: { $0.key < $1.key }) { _ = assets.theme.setColor(color, ofRole: role) }
        return assets
    }
}
