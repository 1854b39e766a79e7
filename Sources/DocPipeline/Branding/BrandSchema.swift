import Templates

/// brand.schema.json, and the parts of document.schema.json it refers to (`Party`, `Person`,
/// `Bank`, `Passport`), as `JSONRule`s. Keep in step with the schema files: BrandLoaderTests
/// compares these key lists with Sources/Templates/BuiltIn/schema/document.schema.json.
package enum BrandSchema {
    /// brand.json itself.
    package static let brand: JSONRule = .object(
        required: ["id", "displayName", "accentColor"],
        properties: [
            ("id", .string(format: brandID)),
            ("displayName", .string(minLength: 1, maxLength: 200)),
            ("platform", .boolean),
            ("legal", party),
            ("accentColor", .string(format: hexColor)),
            ("theme", theme),
            ("footerNote", .localized(maxLength: footerNoteMaximumLength)),
            ("terms", .localized(maxLength: termsMaximumLength)),
            ("numberPrefix", .string(maxLength: 16)),
            ("locale", .oneOf(["ru", "ky", "en"])),
            ("signer", person),
        ])

    /// The brand's own colours for the template roles besides the accent (`muted`, `labelBackground`,
    /// `stripe`, …): each optional, each `#RRGGBB`. The accent and the roles derived from it come
    /// from `accentColor`.
    package static let theme: JSONRule = .object(
        required: [],
        properties: Theme.roleNames.filter { !Self.accentRoles.contains($0) }.map { ($0, .string(format: hexColor)) })

    /// Roles the accent colour decides, which `theme` cannot set.
    package static let accentRoles: Set<String> = ["accent", "headerBackground", "headerText", "rule"]

    /// The members brand.json may have.
    package static var brandMembers: [String] {
        guard case .object(_, let properties) = brand else { return [] }
        return properties.map(\.name)
    }

    /// The longest footer note, per language: one or two lines at the foot of every page.
    package static let footerNoteMaximumLength = 500
    /// The longest own terms, per language.
    package static let termsMaximumLength = 20_000

    /// document.schema.json `#/$defs/Party`: a company, an entrepreneur (ИП) or a person.
    package static let party: JSONRule = .object(
        required: ["kind", "name"],
        properties: [
            ("kind", .oneOf(["company", "entrepreneur", "person"])),
            ("name", .string(minLength: 1, maxLength: 500)),
            ("shortName", .string(maxLength: 200)),
            ("inn", .string(maxLength: 20)),
            ("okpo", .string(maxLength: 20)),
            ("kpp", .string(maxLength: 9)),
            ("vatPayer", .boolean),
            ("address", .string(maxLength: 500)),
            ("postalAddress", .string(maxLength: 500)),
            ("phone", .string(maxLength: 40)),
            ("email", .string(maxLength: 200)),
            ("bank", bank),
            ("director", person),
            ("accountant", person),
            ("passport", passport),
            ("country", .string(format: countryCode)),
            ("ogrn", .string(maxLength: 15)),
            ("kbe", .string(maxLength: 2)),
            ("usesSeal", .boolean),
            ("salesTaxRate", .decimal),
            ("nameLatin", .string(maxLength: 500)),
            ("addressLatin", .string(maxLength: 500)),
            ("directorSignsAsAccountant", .boolean),
        ])

    /// document.schema.json `#/$defs/Person`.
    package static let person: JSONRule = .object(
        required: ["fullName"],
        properties: [
            ("fullName", .string(minLength: 1, maxLength: 300)),
            ("position", .string(maxLength: 200)),
            ("basis", .string(maxLength: 300)),
            ("phone", .string(maxLength: 40)),
            ("email", .string(maxLength: 200)),
        ])

    /// document.schema.json `#/$defs/Bank`.
    package static let bank: JSONRule = .object(
        required: ["name", "account"],
        properties: [
            ("name", .string(maxLength: 300)),
            ("bik", .string(maxLength: 20)),
            ("account", .string(maxLength: 40)),
            ("correspondentAccount", .string(maxLength: 40)),
            ("swift", .string(maxLength: 11)),
            ("address", .string(maxLength: 300)),
            ("nameLatin", .string(maxLength: 300)),
            ("intermediary", intermediaryBank),
        ])

    /// document.schema.json `#/$defs/IntermediaryBank`: the correspondent bank of a foreign-currency payment.
    package static let intermediaryBank: JSONRule = .object(
        required: ["name", "swift"],
        properties: [
            ("name", .string(maxLength: 300)),
            ("swift", .string(maxLength: 11)),
            ("account", .string(maxLength: 40)),
            ("address", .string(maxLength: 300)),
        ])

    /// document.schema.json `#/$defs/Passport`.
    package static let passport: JSONRule = .object(
        required: ["number"],
        properties: [
            ("series", .string(maxLength: 10)),
            ("number", .string(maxLength: 20)),
            ("issuedBy", .string(maxLength: 300)),
            ("issuedOn", .string(format: date)),
        ])

    /// `^[a-z0-9][a-z0-9-]{0,62}$`
    package static let brandID = JSONRule.Format(
        expected: "1 to 63 lowercase letters, digits and hyphens, not starting with a hyphen"
    ) { text in
        let scalars = Array(text.unicodeScalars)
        func allowed(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) }
        guard (1...63).contains(scalars.count), allowed(scalars[0]) else { return false }
        return scalars.allSatisfy { allowed($0) || $0 == "-" }
    }

    /// `^#[0-9A-Fa-f]{6}$`
    package static let hexColor = JSONRule.Format(expected: "#RRGGBB") { text in
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 7 && scalars[0] == "#" && scalars.dropFirst().allSatisfy(\.properties.isASCIIHexDigit)
    }

    /// `^[A-Z]{2}$` (ISO 3166-1 alpha-2)
    package static let countryCode = JSONRule.Format(expected: "a two-letter country code such as \"KG\"") { text in
        text.unicodeScalars.count == 2 && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }

    /// `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
    package static let date = JSONRule.Format(expected: "a date YYYY-MM-DD") { text in
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10 else { return false }
        return scalars.indices.allSatisfy { index in
            [4, 7].contains(index) ? scalars[index] == "-" : ("0"..."9").contains(scalars[index])
        }
    }
}
