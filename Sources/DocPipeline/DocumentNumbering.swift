/// How issued documents are numbered, shared by the service (which assigns numbers) and by
/// previews (which must show a reseller the numbers its documents will carry):
/// `PREFIX-TYPE-YYYY-NNNNNN`, e.g. `АТЛ-СЧ-2026-000128` (docs/documents.md §0.6 rule 1).
package enum DocumentNumbering {
    /// The code of each document type in its numbers, as the platform's paper numbers them
    /// (`СЧ-2026-000128`); a template without one is numbered by the brand's prefix alone.
    package static let typeCodes = [
        "request": "ЗП", "driver-assignment": "ПВ", "invoice": "СЧ", "act": "АКТ", "contract-supplement": "ДС",
        "contract": "ДОГ", "order-register": "РЗ", "order-receipts": "КВ", "client-list": "КЛ", "reconciliation": "АС",
    ]

    /// Digits of the running number, zero-padded.
    package static let sequenceDigits = 6

    /// The prefix of a yearly series: the brand's `numberPrefix` without its trailing hyphens, then
    /// the type's code (`АТЛ-СЧ`); the type's code alone without a brand.
    package static func prefix(template: String, brandPrefix: String?) -> String {
        var brand = brandPrefix ?? ""
        while brand.hasSuffix("-") { brand.removeLast() }
        return [brand, typeCodes[template] ?? ""].filter { !$0.isEmpty }.joined(separator: "-")
    }

    /// `PREFIX-YYYY-NNNNNN` (`YYYY-NNNNNN` without a prefix).
    package static func format(prefix: String, year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, sequenceDigits - digits.count)) + digits
        let body = "\(year)-\(padded)"
        return prefix.isEmpty ? body : "\(prefix)-\(body)"
    }

    /// The number a preview shows for a sample numbered `number` in the unbranded series
    /// (`СЧ-2026-000128`, or only `128`): the same running number in the brand's series
    /// (`АТЛ-СЧ-2026-000128`), as the brand's issued documents will be numbered. A number already in
    /// the brand's series, or one without a running number at its end, is kept.
    package static func previewNumber(_ number: String, template: String, date: String?, brandPrefix: String?) -> String {
        let prefix = prefix(template: template, brandPrefix: brandPrefix)
        guard !prefix.isEmpty, !number.hasPrefix(prefix + "-") else { return number }
        let digits = String(number.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
        guard let sequence = Int(digits.suffix(9)) else { return number }
        let year = date.flatMap { Int($0.prefix(4)) } ?? yearIn(number) ?? 0
        guard year > 0 else { return number }
        return format(prefix: prefix, year: year, sequence: sequence)
    }

    /// A four-digit year inside `number` (`СЧ-2026-000128` → 2026).
    private static func yearIn(_ number: String) -> Int? {
        number.split(separator: "-").first { $0.count == 4 && $0.allSatisfy(\.isNumber) }.flatMap { Int($0) }
    }
}
