import DocStore
import Foundation
import Templates
import Testing

@testable import DocServer

/// A reseller's number prefix is applied to previews as to issued documents (issue 13): what
/// `POST /v1/previews` prints as the number, on its own data.
@Suite struct PreviewNumberingTests {
    let clock: () -> Date = { Date(timeIntervalSince1970: 1_795_000_000) }  // 2026-11-18

    func data(number: JSONValue?, date: String = "2026-11-22") -> JSONValue {
        var document: JSONObject = ["date": .string(date)]
        if let number { document["number"] = number }
        return .object(["document": .object(document)])
    }

    @Test func anUnnumberedPreviewShowsTheBrandsSeriesWithTheRunningNumberOpen() {
        for number in [JSONValue?.none, .some(.string(""))] {
            let numbered = PreviewRoutes.numbered(data(number: number), template: "invoice", brandPrefix: "АТЛ-", clock: clock)
            #expect(numbered["document"]?["number"]?.stringValue == "АТЛ-СЧ-2026-…")
        }
        let unbranded = PreviewRoutes.numbered(data(number: nil), template: "act", brandPrefix: nil, clock: clock)
        #expect(unbranded["document"]?["number"]?.stringValue == "АКТ-2026-…")
    }

    @Test func aSamplesNumberMovesIntoTheBrandsSeriesButTheCallersNumberIsKept() {
        let sample = PreviewRoutes.numbered(
            data(number: .string("СЧ-2026-000128")), template: "invoice", brandPrefix: "АТЛ-", isSample: true, clock: clock)
        #expect(sample["document"]?["number"]?.stringValue == "АТЛ-СЧ-2026-000128")
        let callers = PreviewRoutes.numbered(
            data(number: .string("СЧ-2026-000128")), template: "invoice", brandPrefix: "АТЛ-", clock: clock)
        #expect(callers["document"]?["number"]?.stringValue == "СЧ-2026-000128", "as an issued document keeps its given number")
    }

    @Test func aSupplementOfAKnownContractIsNumberedWithinIt() {
        let supplement: JSONValue = .object([
            "document": .object(["date": .string("2026-11-22")]),
            "contract": .object(["number": .string("12/ТЭУ")]),
        ])
        let numbered = PreviewRoutes.numbered(supplement, template: "contract-supplement", brandPrefix: "АТЛ-", clock: clock)
        #expect(numbered["document"]?["number"]?.stringValue == PreviewRoutes.unnumbered)
    }
}
