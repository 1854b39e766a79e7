import DocTestSupport
import Foundation
import Templates
import Testing

import DocPipeline

/// Requisites by the party's country (docs/documents.md §0.3, §3.2), the act's totals (§4.4) and the
/// simple e-signature footer of confirmed documents (§0.7), checked in the PDFs' text.
@Suite struct RequisitesAndSignatureTests {
    /// Renders `template` from a sample (or from `json` when given) and returns the PDF's text.
    func text(_ template: String, sample: String, json: JSONValue? = nil) throws -> String {
        let directory = try makeTemporaryDirectory()
        var data = repositoryRoot.appendingPathComponent("SampleData/\(sample).json")
        if let json {
            data = directory.appendingPathComponent("data.json")
            try Data(json.jsonText.utf8).write(to: data)
        }
        let pdf = directory.appendingPathComponent("out.pdf")
        let result = try execute(docengineBinary.path, ["render", template, "--data", data.path, "-o", pdf.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try extractedText(pdf)
    }

    @Test func aKazakhPayeeGetsTheBeneficiaryGrid() throws {
        let text = try text("invoice", sample: "invoice-kzt")
        // Each cell holds a caption over its value; the text layer reads the captions of a row first.
        for expected in ["Бенефициар ИИК Кбе", "БИН 190540021345", "KZ926010131000284471 17",
                         "Банк бенефициара БИК Код назначения платежа", "HSBKKZKX"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        #expect(!text.contains("Банк получателя"), "the KG/RU grid is not used for a KZ payee")
        #expect(text.contains("В том числе НДС (16%): 66 103,45"), "KZ VAT 16 % from 2026, inside the total")
    }

    @Test func aRussianPayeeGetsTheCorrespondentAccountRow() throws {
        let text = try text("invoice", sample: "invoice-rub")
        #expect(text.contains("КПП 540601001"))
        let correspondent = try #require(text.range(of: "к/с 30101810150040000777"))
        let settlement = try #require(text.range(of: "Сч. № 40702810944050012345"))
        #expect(correspondent.lowerBound < settlement.lowerBound, "к/с under the bank, р/с beside the payee")
        #expect(text.contains("В том числе НДС (22%): 58 696,72"))
    }

    @Test func requestRequisitesFollowEachPartysCountry() throws {
        var data = try sampleData("request-ru")
        let kazakh = try #require(try sampleData("contract-supplement-ru")["recipient"])
        let russian = try #require(try sampleData("invoice-rub")["issuer"])
        guard case .object(var object) = data else { throw TestFailure("not an object") }
        object["issuer"] = russian
        object["recipient"] = kazakh
        data = .object(object)
        let text = try text("request", sample: "request-ru", json: data)
        #expect(text.contains("ИНН 5406987654, КПП 540601001, ОГРН 1185476012345"))
        #expect(text.contains("к/с 30101810150040000777"))
        #expect(text.contains("БИН 180940012345, Кбе 17"), "a ТОО prints БИН, not БИН/ИИН")
        #expect(text.contains("ИИК KZ868560000012345678"))
    }

    @Test func anActStatesNoAmountDueWhenVATIsInside() throws {
        let text = try text("act", sample: "act-ru")
        #expect(text.contains("Итого:") && text.contains("В том числе НДС"))
        #expect(!text.contains("Всего к оплате"), "an act is no payment demand (§4.4)")
    }

    @Test func aConfirmedDocumentCarriesTheSimpleESignatureOnEveryPage() throws {
        let first = try text("driver-assignment", sample: "driver-assignment-ru")
        let line = /Подписано простой электронной подписью: Жумабаев Талант Нурланович, 19\.11\.2026 18:42 UTC\+06:00, ID ([0-9a-f]{8})/
        let matches = first.matches(of: line)
        #expect(matches.count == 2, "one line per page of the two-page assignment")
        // The same confirmation gives the same ID; another moment gives another.
        let again = try text("driver-assignment", sample: "driver-assignment-ru")
        #expect(again.matches(of: line).first?.1 == matches.first?.1)
        guard case .object(var object) = try sampleData("driver-assignment-ru"),
              case .object(var confirmation) = object["confirmation"] else { throw TestFailure("no confirmation") }
        confirmation["at"] = .string("2026-11-19T18:43:07+06:00")
        object["confirmation"] = .object(confirmation)
        let later = try text("driver-assignment", sample: "driver-assignment-ru", json: .object(object))
        let laterID = later.firstMatch(of: /UTC\+06:00, ID ([0-9a-f]{8})/)?.1
        #expect(laterID != nil && laterID != matches.first?.1)
        // Without a confirmation there is nothing to claim.
        let unconfirmed = try text("driver-assignment", sample: "driver-assignment-ky")
        #expect(!unconfirmed.contains("электрондук кол тамга менен кол коюлган"))
    }
}
