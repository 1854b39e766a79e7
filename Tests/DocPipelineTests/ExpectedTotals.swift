import Foundation
import Templates

/// Expected totals computed here, independently of the engine (Foundation's `Decimal`, not the
/// engine's `ExactDecimal`): each line rounded half-up to the minor unit, then added up; VAT and
/// НсП per line the same way (docs/documents.md §0.4.2–0.4.3): inside the price with the divisor
/// 100 + VAT rate + НсП rate, on top per 100. A line's `vatRate` overrides the document's rate;
/// an exempt line (or document) carries no VAT.
func expectedTotals(_ json: JSONValue) throws -> (total: Decimal, vat: Decimal) {
    func decimal(_ value: JSONValue?) throws -> Decimal {
        guard let text = value?.stringValue ?? value?.jsonText, let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { throw ExpectedTotalsError("not a decimal: \(value?.jsonText ?? "nothing")") }
        return number
    }
    let exemptAll = json["vat"]?["exempt"]?.boolValue ?? false
    let rate = exemptAll ? 0 : try json["vat"]?["rate"].map { try decimal($0) } ?? 0
    let included = json["vat"]?["included"]?.boolValue ?? true
    let salesTax = try (json["vat"]?["salesTaxRate"] ?? json["issuer"]?["salesTaxRate"]).map { try decimal($0) } ?? 0
    var subtotal = Decimal.zero
    var vat = Decimal.zero
    var tax = Decimal.zero
    for item in json["items"]?.arrayValue ?? [] {
        let amount = rounded(try decimal(item["quantity"]) * (try decimal(item["price"])))
        subtotal += amount
        let exempt = exemptAll || (item["vatExempt"]?.boolValue ?? false)
        let lineRate = exempt ? 0 : try item["vatRate"].map { try decimal($0) } ?? rate
        let base = included ? 100 + lineRate + salesTax : 100
        vat += rounded(amount * lineRate / base)
        tax += rounded(amount * salesTax / base)
    }
    return (included ? subtotal : subtotal + vat + tax, vat)
}

/// Half-up to two decimal places (`.plain` rounds halves away from zero).
func rounded(_ value: Decimal) -> Decimal {
    var input = value
    var result = Decimal()
    NSDecimalRound(&result, &input, 2, .plain)
    return result
}

/// `total` as the documents print it, written out here: groups of three digits separated by a
/// space and a decimal comma (Russian, Kyrgyz: `211 525,50`), or by commas with a decimal point
/// (English: `3,084.00`). Compared after whitespace folding, so any kind of space passes.
func writtenAmount(_ total: Decimal, english: Bool) -> String {
    let formatter = NumberFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.numberStyle = .decimal
    formatter.minimumFractionDigits = 2
    formatter.maximumFractionDigits = 2
    formatter.usesGroupingSeparator = true
    formatter.groupingSize = 3
    formatter.groupingSeparator = english ? "," : " "
    formatter.decimalSeparator = english ? "." : ","
    return formatter.string(from: rounded(total) as NSDecimalNumber) ?? "\(total)"
}

/// A sample whose numbers cannot be read.
struct ExpectedTotalsError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
