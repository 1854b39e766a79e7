import DocTestSupport
import Foundation
import Templates

/// Expected totals computed here, independently of the template: each line rounded
/// half-up to the minor unit, then added up; VAT per line the same way.
func expectedTotals(_ json: JSONValue) throws -> (total: ExactDecimal, vat: ExactDecimal) {
    let rate = try ExactDecimal(json["vat"]?["rate"]?.stringValue ?? "0")
    let included = json["vat"]?["included"]?.boolValue ?? true
    var subtotal = ExactDecimal.zero
    var vat = ExactDecimal.zero
    for item in json["items"]?.arrayValue ?? [] {
        let quantity = try ExactDecimal(item["quantity"]!.stringValue!)
        let price = try ExactDecimal(item["price"]!.stringValue!)
        let amount = try quantity.multiplied(by: price).rounded(toScale: 2)
        subtotal = try subtotal.adding(amount)
        let base = included ? try ExactDecimal(100).adding(rate) : ExactDecimal(100)
        vat = try vat.adding(try amount.multiplied(by: rate).divided(by: base, scale: 10).rounded(toScale: 2))
    }
    return (included ? subtotal : try subtotal.adding(vat), vat)
}
