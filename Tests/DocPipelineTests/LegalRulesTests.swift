import DocEngine
import DocTestSupport
import Foundation
import Templates
import Testing

import DocPipeline

/// The rules of issue 13 («papers a lawyer signs without a red pen»), each on its own data: a
/// sample changed in the one respect the rule is about, rendered by `docengine render` and read
/// back from the PDF's text (docs/documents.md §0.3, §0.4, §0.6, §0.7, §1.10, §3.2, §4.3, §9, §10).
@Suite struct LegalRulesTests {
    /// What one render printed: its exit status, its error output and the PDF's folded text.
    struct Rendered {
        var status: Int32
        var stderr: String
        var text: String
        var pdf: URL
    }

    /// Renders `template` from `json` (a sample, changed by the caller), under `brand` when given.
    func render(_ template: String, _ json: JSONValue, brand: String? = nil) throws -> Rendered {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("data.json")
        try Data(json.jsonText.utf8).write(to: data)
        let pdf = directory.appendingPathComponent("out.pdf")
        var arguments = ["render", template, "--data", data.path, "-o", pdf.path]
        if let brand { arguments += ["--brand", "SampleData/brands/\(brand)"] }
        let result = try execute(docengineBinary.path, arguments)
        let text = result.status == 0 ? try extractedText(pdf) : ""
        return Rendered(status: result.status, stderr: result.stderr, text: text, pdf: pdf)
    }

    /// `json` with the value at `path` (keys, or array indices as numbers) replaced, or removed when nil.
    func setting(_ json: JSONValue, _ path: [Any], to value: JSONValue?) -> JSONValue {
        guard let head = path.first else { return value ?? .null }
        let rest = Array(path.dropFirst())
        switch (json, head) {
        case (.object(var object), let key as String):
            if rest.isEmpty, value == nil {
                object[key] = nil
            } else {
                object[key] = setting(object[key] ?? .object(JSONObject()), rest, to: value)
            }
            return .object(object)
        case (.array(var items), let index as Int):
            items[index] = setting(items[index], rest, to: value)
            return .array(items)
        default:
            return json
        }
    }

    // MARK: Order packages (§10)

    func package(_ parts: [(String, JSONValue)], recipient: JSONValue? = nil) -> JSONValue {
        var object = JSONObject()
        object["title"] = .string("Пакет")
        if let recipient { object["recipient"] = recipient }
        object["parts"] = .array(parts.map { template, data in
            var part = JSONObject()
            part["template"] = .string(template)
            part["data"] = data
            return .object(part)
        })
        return .object(object)
    }

    @Test func aPackageMixingTheCarrierAndTheClientFailsNamingThePartsAndTheirRecipients() throws {
        let mixed = package([
            ("request", try sampleData("request-ru")), ("driver-assignment", try sampleData("driver-assignment-ru")),
            ("invoice", try sampleData("invoice-kgs")), ("act", try sampleData("act-ru")),
        ])
        let result = try render("order-package", mixed)
        #expect(result.status != 0, "a package for two readers must not render")
        let message = fold(result.stderr)
        for expected in [
            "parts[0] (request), parts[1] (driver-assignment) → ОсОО «Чуй Транс Карго» (01207201810377)",
            "parts[2] (invoice), parts[3] (act) → ОсОО «Нарын Агро Экспорт» (01506201710058)",
            "different recipients",
        ] {
            #expect(message.contains(expected), "missing «\(expected)» in: \(message)")
        }
    }

    @Test func aPackageForOneRecipientRefusesAPartAddressedToAnother() throws {
        var recipient = JSONObject()
        recipient["name"] = .string("ОсОО «Нарын Агро Экспорт»")
        recipient["inn"] = .string("01506201710058")
        let result = try render(
            "order-package",
            package([("invoice", try sampleData("invoice-kgs")), ("request", try sampleData("request-ru"))],
                    recipient: .object(recipient)))
        #expect(result.status != 0)
        #expect(fold(result.stderr).contains("parts[1] (request) is addressed to ОсОО «Чуй Транс Карго» (01207201810377)"),
                "\(result.stderr)")
    }

    @Test func aPackageHoldsOneOrder() throws {
        let other = setting(try sampleData("act-ru"), ["order", "id"], to: .string("ORD-261201-0001"))
        let result = try render("order-package", package([("invoice", try sampleData("invoice-kgs")), ("act", other)]))
        #expect(result.status != 0)
        #expect(fold(result.stderr).contains("parts[1] (act) → ORD-261201-0001"), "\(result.stderr)")
    }

    @Test func theClientAndTheCarrierPackagesRenderForTheirOneReader() throws {
        let client = try render("order-package", try sampleData("order-package-client-ru"))
        #expect(client.status == 0, "\(client.stderr)")
        #expect(client.text.contains("185 000,00") && !client.text.contains("142 000,00"), "the client sees its price only")
        #expect(!client.text.contains("Паспорт"), "and no driver's passport")
        let carrier = try render("order-package", try sampleData("order-package-carrier-ru"))
        #expect(carrier.status == 0, "\(carrier.stderr)")
        #expect(carrier.text.contains("142 000,00") && !carrier.text.contains("185 000,00"), "the carrier sees its rate only")
    }

    // MARK: Contracts and brand terms (§6, §1.10)

    @Test(arguments: [nil, JSONValue.array([])])
    func aContractWithoutSectionsIsAnError(sections: JSONValue?) throws {
        let data = setting(try sampleData("contract-ru"), ["contract", "sections"], to: sections)
        let result = try render("contract", data)
        #expect(result.status != 0, "an empty legal text must not render")
        #expect(result.stderr.contains("contract.sections"), "\(result.stderr)")
        #expect(result.stderr.contains("a contract without sections has no legal text"), "\(result.stderr)")
    }

    @Test func brandTermsThatRestateTheRequestsTermsAreFlagged() throws {
        let terms = """
            1. Перевозчик подаёт исправное транспортное средство.
            2. Простой сверх 24 часов оплачивается в размере 3 000 сом за каждые сутки.
            3. Оплата производится в течение 5 банковских дней после получения оригиналов ТТН и CMR.
            """
        let request = try sampleData("request-ru")
        let findings = BrandTermsReview.findings(terms: terms, data: request)
        #expect(findings.map(\.clause) == [2, 3, 3])
        #expect(findings.map(\.field) == ["order.terms.downtimeRate", "order.rate.paymentDays", "order.terms.originalsReturnDays"])
        // A request that fixes none of these leaves the brand's terms alone.
        var bare = setting(request, ["order", "terms"], to: nil)
        bare = setting(bare, ["order", "rate"], to: nil)
        #expect(BrandTermsReview.findings(terms: terms, data: bare).isEmpty)
    }

    @Test func aResellersPreviewWarnsOfBrandTermsThatRestateTheRequest() throws {
        // alatoo with terms that fix downtime at 3 000 сом where the request says 6 000.
        let brand = try makeTemporaryDirectory().appendingPathComponent("alatoo")
        try FileManager.default.copyItem(at: repositoryFile("SampleData/brands/alatoo"), to: brand)
        let manifest = brand.appendingPathComponent("brand.json")
        guard case .object(var object) = try CompiledTemplate.parseData(try Data(contentsOf: manifest)) else {
            Issue.record("brand.json is not an object")
            return
        }
        object["terms"] = .string("1. Перевозчик подаёт исправное транспортное средство.\n2. Простой сверх 24 часов оплачивается в размере 3 000 сом за каждые сутки.")
        try Data(JSONValue.object(object).jsonText.utf8).write(to: manifest)
        let output = try makeTemporaryDirectory()
        let result = try execute(
            docengineBinary.path, ["preview", "--brand", brand.path, "--samples", "SampleData", "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("brand terms, clause 2"), "\(result.stderr)")
        #expect(result.stderr.contains("order.terms.downtimeRate"))
        #expect(!result.stderr.contains("clause 1"), "a clause that restates nothing is left alone")
        // The sample brands' own terms restate nothing.
        let clean = try execute(
            docengineBinary.path,
            ["preview", "--brand", "SampleData/brands/alatoo", "--samples", "SampleData", "--output", output.path])
        #expect(!clean.stderr.contains("brand terms"), "\(clean.stderr)")
    }

    @Test func theRequestStatesThatItsTermsPrevailOverTheBrands() throws {
        let result = try render("request", try sampleData("request-ru"), brand: "alatoo")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.contains("ДОПОЛНИТЕЛЬНЫЕ УСЛОВИЯ АЛА-ТОО ЛОГИСТИК"))
        #expect(result.text.contains("при расхождении действуют условия Заявки"))
    }

    // MARK: VAT (§0.4)

    @Test func aVATPayerAtZeroPercentPrintsTheZeroRateWithItsReason() throws {
        var data = try sampleData("invoice-kgs")
        var vat = JSONObject()
        vat["rate"] = .string("0")
        vat["reason"] = .string("подп. 2.1 п. 1 ст. 164 НК РФ")
        data = setting(data, ["vat"], to: .object(vat))
        let payer = try render("invoice", setting(data, ["issuer", "vatPayer"], to: .bool(true)))
        #expect(payer.text.contains("НДС 0 %: 0,00"), "\(payer.text)")
        #expect(payer.text.contains("Ставка НДС 0 %: подп. 2.1 п. 1 ст. 164 НК РФ."))
        #expect(!payer.text.contains("Без налога"), "a zero-rated supply is not an exempt one")
        let nonPayer = try render("invoice", setting(data, ["issuer", "vatPayer"], to: .bool(false)))
        #expect(nonPayer.text.contains("Без налога (НДС) —"))
        #expect(!nonPayer.text.contains("НДС 0 %"))
    }

    @Test func anExemptLineGetsItsReasonAndItsOwnRow() throws {
        var data = try sampleData("invoice-kgs")
        data = setting(data, ["items", 1, "vatExempt"], to: .bool(true))
        data = setting(data, ["items", 1, "vatReason"], to: .string("ст. 264 НК КР"))
        let result = try render("invoice", data)
        // invoice-kgs: 185 000,00 and 3 × 4 500,00 at 12 % inside, then 13 525,50 exempt.
        #expect(result.text.contains("без НДС: ст. 264 НК КР"), "the reason under the line's name")
        #expect(result.text.contains("В том числе НДС (12%):"))
        #expect(result.text.contains("Без налога (НДС) —"), "the exempt line's row")
    }

    @Test func vatOnTopAndSalesTaxSamplesPrintTheirRows() throws {
        let onTop = try render("invoice", try sampleData("invoice-vat-on-top"))
        #expect(onTop.text.contains("Итого: 159 000,00 НДС (12%): 19 080,00 Всего к оплате: 178 080,00"), "\(onTop.text)")
        let act = try render("act", try sampleData("invoice-vat-on-top"))
        #expect(act.text.contains("Всего к оплате: 178 080,00"), "an act states the total when VAT comes on top")
        let salesTax = try render("invoice", try sampleData("invoice-nsp"))
        // 100 000,00 at 12 % VAT + 2 % НсП inside (÷ 114), 5 000,00 exempt with 2 % НсП (÷ 102).
        for row in ["Итого: 105 000,00", "В том числе НДС (12%): 10 526,32", "Без налога (НДС) —",
                    "В том числе НсП (2%): 1 852,43", "Всего к оплате: 105 000,00"] {
            #expect(salesTax.text.contains(row), "missing «\(row)»")
        }
    }

    // MARK: Requisites (§0.3, §3.2)

    @Test func aRussianPayeePrintsOGRNKPPAndTheCorrespondentAccount() throws {
        let result = try render("invoice", try sampleData("invoice-rub"))
        for expected in ["ОГРН 1185476012345", "КПП 540601001", "к/с 30101810150040000777"] {
            #expect(result.text.contains(expected), "missing \(expected)")
        }
        // An ИП without КПП gets an empty cell, never «ОКПО —».
        let entrepreneur = setting(try sampleData("invoice-rub"), ["issuer", "kpp"], to: nil)
        #expect(!(try render("invoice", entrepreneur)).text.contains("ОКПО —"))
    }

    @Test func aKazakhInvoicePrintsItsKNPAndTheRightTaxNumberLabel() throws {
        let result = try render("invoice", try sampleData("invoice-kzt"))
        // The grid's text layer reads a row's captions first, then its values: БИК, then КНП.
        #expect(result.text.contains("Код назначения платежа АО «Народный Банк Казахстана», г. Алматы HSBKKZKX 859"),
                "\(result.text)")
        #expect(result.text.contains("БИН 190540021345") && !result.text.contains("БИН/ИИН"), "a ТОО prints БИН")
        let entrepreneur = setting(try sampleData("invoice-kzt"), ["issuer", "kind"], to: .string("entrepreneur"))
        #expect((try render("invoice", entrepreneur)).text.contains("ИИН 190540021345"), "an ИП prints ИИН")
    }

    @Test func aForeignCurrencyInvoiceGivesTheSWIFTRoute() throws {
        let result = try render("invoice", try sampleData("invoice-usd"))
        for expected in [
            "Реквизиты для оплаты в USD", "Individual Entrepreneur Sydykov Bakyt Almazbekovich",
            "42 Isanov St., apt. 17, Bishkek 720011, Kyrgyz Republic", "SWIFT DEMIKG22",
            "Банк-посредник (Intermediary bank) Citibank N.A., New York SWIFT CITIUS33", "36317385",
        ] {
            #expect(result.text.contains(expected), "missing \(expected)")
        }
        // A som invoice of the same payee needs none of it.
        let som = setting(try sampleData("invoice-usd"), ["currency"], to: .string("KGS"))
        #expect(!(try render("invoice", som)).text.contains("Реквизиты для оплаты"))
    }

    // MARK: The payment QR code (ГОСТ Р 56042-2014)

    /// The payload a bank app must read, written out here from the sample, not by the template.
    func gostPayload(sum: String, purpose: String, number: String) -> String {
        "ST00012|Name=ООО «СибТрансЭкспедиция»|PersonalAcc=40702810944050012345"
            + "|BankName=АО «Банк Сибирский Тракт», г. Новосибирск|BIC=045004777|CorrespAcc=30101810150040000777"
            + "|Sum=\(sum)|Purpose=Оплата по счету № \(number). \(purpose)|PayeeINN=5406987654|KPP=540601001"
    }

    /// The QR codes zbarimg reads on page 1 at 300 dpi.
    func decodedQRCodes(_ pdf: URL) throws -> [String] {
        let prefix = pdf.deletingLastPathComponent().appendingPathComponent("page")
        #expect(try execute("pdftoppm", ["-r", "300", "-f", "1", "-l", "1", "-png", pdf.path, prefix.path]).status == 0)
        let page = try FileManager.default.contentsOfDirectory(atPath: pdf.deletingLastPathComponent().path)
            .first { $0.hasPrefix("page") && $0.hasSuffix(".png") }
        let image = pdf.deletingLastPathComponent().appendingPathComponent(try #require(page))
        let result = try execute("zbarimg", ["--quiet", "--raw", "-Sqrcode.enable", image.path])
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func aRoubleInvoiceCarriesAPaymentQRCodeABankAppReads() throws {
        let zero = try render("invoice", try sampleData("invoice-zero-rate"))
        #expect(try decodedQRCodes(zero.pdf) == [gostPayload(
            sum: "32550000", purpose: "В т.ч. НДС (0%) 0,00 руб.", number: "СЧ-2026-000241 от 28.11.2026")])
        let standard = try render("invoice", try sampleData("invoice-rub"))
        #expect(try decodedQRCodes(standard.pdf) == [gostPayload(
            sum: "32550000", purpose: "В т.ч. НДС (22%) 58696,72 руб.", number: "СЧ-2026-000233 от 25.11.2026")])
        // A som invoice has no payment code.
        #expect(try decodedQRCodes(try render("invoice", try sampleData("invoice-kgs")).pdf).isEmpty)
    }

    // MARK: The act's period, times (§4.3, §0.6)

    @Test func theActStatesItsPeriod() throws {
        let russian = try render("act", try sampleData("act-ru"))
        #expect(russian.text.contains("за период с 20 ноября 2026 г. по 21 ноября 2026 г."), "\(russian.text)")
        let kyrgyz = try render("act", try sampleData("act-ky"))
        #expect(kyrgyz.text.contains("2026-жылдын 20-ноябрынан 2026-жылдын 21-ноябрына чейинки мезгил үчүн"))
        let noPeriod = try render("act", setting(try sampleData("act-ru"), ["period"], to: nil))
        #expect(!noPeriod.text.contains("за период"))
    }

    @Test func stopsPrintUTCOffsetsAndSayWhichClockAXinjiangTimeIsOn() throws {
        var data = try sampleData("request-ru")
        data = setting(data, ["order", "route", "points", 0, "timeZone"], to: .string("Asia/Shanghai"))
        data = setting(data, ["order", "route", "points", 1, "timeZone"], to: .string("Asia/Urumqi"))
        let result = try render("request", data)
        #expect(result.text.contains("UTC+8, пекинское время"), "\(result.text)")
        #expect(result.text.contains("UTC+6, синьцзянское время"))
        #expect(result.text.contains("UTC+5"), "Almaty is UTC+5 since 1 March 2024")
        #expect(!result.text.contains("Asia/"), "never an IANA name")
        #expect(result.text.contains("Время указано местное для каждого пункта"))
        #expect(result.text.contains("по пекинскому (UTC+8) или по синьцзянскому (UTC+6)"))
    }

    // MARK: The request's terms (§1.10)

    @Test func theRequestsTermsAreMutualAndTheCMRClauseNeedsTheConsignmentNote() throws {
        var data = try sampleData("request-ru")
        data = setting(data, ["order", "terms", "latePaymentPercentPerDay"], to: .string("0.1"))
        let result = try render("request", data)
        #expect(result.text.contains("или по вине Заказчика (груз не предоставлен к погрузке"))
        #expect(result.text.contains("Заказчик уплачивает Перевозчику пеню в размере 0,1% от неоплаченной суммы"))
        #expect(result.text.contains("если только стоимость груза не объявлена в накладной CMR против уплаты согласованной надбавки к провозной плате (ст. 24 КДПГ)"))
        #expect(result.text.contains("Стоимость груза (справочно)") && !result.text.contains("Объявленная стоимость"))
        // Without an agreed rate, late payment still binds the customer, under the law.
        let lawful = try render("request", try sampleData("request-ru"))
        #expect(lawful.text.contains("За просрочку оплаты Заказчик несёт ответственность"))
        // A separate percent for the customer's failure.
        let separate = setting(data, ["order", "terms", "customerFailurePercent"], to: .string("15"))
        let both = try render("request", separate)
        #expect(both.text.contains("влечёт штраф Перевозчика в размере 20%"))
        #expect(both.text.contains("влечёт штраф Заказчика в размере 15%"))
    }

    @Test func theConsignorAndTheConsigneeAppearWhenTheDataHasThem() throws {
        var party = JSONObject()
        party["kind"] = .string("company")
        party["name"] = .string("ОсОО «Ак-Суу Сүт»")
        party["address"] = .string("г. Токмок, ул. Жибек Жолу, 212")
        let data = setting(try sampleData("request-ru"), ["order", "consignor"], to: .object(party))
        let result = try render("request", data)
        #expect(result.text.contains("Грузоотправитель ОсОО «Ак-Суу Сүт», г. Токмок, ул. Жибек Жолу, 212"))
        #expect(!result.text.contains("Грузополучатель"), "no consignee in the data, none on paper")
    }

    // MARK: Signatures (§0.7, §3.10)

    @Test func theAccountantLineIsNeverSignedSilentlyWithTheDirectorsName() throws {
        let data = setting(try sampleData("invoice-kgs"), ["issuer", "accountant"], to: nil)
        let empty = try render("invoice", data)
        #expect(empty.text.components(separatedBy: "Асанов Н. Б.").count - 1 == 1, "the director signs once: \(empty.text)")
        #expect(!empty.text.contains("за главного бухгалтера"))
        let director = try render("invoice", setting(data, ["issuer", "directorSignsAsAccountant"], to: .bool(true)))
        #expect(director.text.contains("Бухгалтер Асанов Н. Б. за главного бухгалтера"), "\(director.text)")
    }

    /// Every item of a page, groups opened, in painting order, each with the opacity of its group.
    func flattened(_ items: [FrameItem]) -> [FrameItem] {
        items.flatMap { item -> [FrameItem] in
            if case .group(let inner, _) = item { return flattened(inner) }
            return [item]
        }
    }

    @Test(arguments: [
        ("invoice", "invoice-kgs", 1), ("act", "act-ru", 1), ("request", "request-ru", 1), ("contract", "contract-ru", 1),
        ("contract-supplement", "contract-supplement-ru", 1),
    ])
    func theStampIsCentredOnTheSealMarkAndDrawnOverIt(template: String, sample: String, stamps: Int) throws {
        let brand = try BrandLoader.load(from: repositoryFile("SampleData/brands/alatoo"))
        let pipeline = DocumentPipeline(
            fonts: try FontBook(directory: repositoryFile("Fonts")), templates: try TemplateLookup(directory: nil))
        let document = try pipeline.layout(
            template: template, json: try sampleData(sample), language: nil,
            branding: DocumentPipeline.Branding(brand: brand, whiteLabelGuard: WhiteLabelGuard()))
        let items = document.pages.flatMap { flattened($0.items) }
        let stampIndices = items.indices.filter { index in
            if case .image(let asset, _) = items[index], asset === brand.stamp { return true }
            return false
        }
        #expect(stampIndices.count == stamps, "one stamp, on the issuer's block")
        for index in stampIndices {
            guard case .image(_, let rect) = items[index] else { continue }
            let centre = Point(x: (rect.minX + rect.maxX) / 2, y: (rect.minY + rect.maxY) / 2)
            // The nearest «М.П.» printed before the stamp: the stamp is painted over it.
            let labels = items[..<index].compactMap { item -> GlyphRun? in
                if case .glyphs(let run) = item, run.text == "М.П." { return run }
                return nil
            }
            let label = try #require(labels.min { a, b in
                abs(a.origin.y - centre.y) + abs(a.origin.x - centre.x) < abs(b.origin.y - centre.y) + abs(b.origin.x - centre.x)
            }, "no М.П. painted under the stamp")
            let width = label.glyphs.last.map { $0.x + label.size * 0.5 } ?? 0
            let labelCentre = Point(x: label.origin.x + width / 2, y: label.origin.y - label.size * 0.35)
            #expect(abs(labelCentre.x - centre.x) < 4, "\(template): stamp centre x \(centre.x), label \(labelCentre.x)")
            #expect(abs(labelCentre.y - centre.y) < 4, "\(template): stamp centre y \(centre.y), label \(labelCentre.y)")
        }
    }

    @Test func aResellersPreviewCarriesItsNumberPrefix() throws {
        // The preview a reseller sees (make run's out/preview-BRAND) numbers documents as its
        // issued ones are numbered: a sample's СЧ-2026-000131 becomes АТЛ-СЧ-2026-000131.
        let folder = try makeTemporaryDirectory()
        let result = try execute(
            docengineBinary.path,
            ["preview", "--brand", "SampleData/brands/alatoo", "--samples", "SampleData", "--output", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let invoice = try extractedText(folder.appendingPathComponent("invoice.pdf"))
        #expect(invoice.contains("№ АТЛ-СЧ-2026-0"), "\(invoice.prefix(400))")
        #expect(!invoice.contains("№ СЧ-2026"), "never the unbranded series")
        let contract = try extractedText(folder.appendingPathComponent("contract.pdf"))
        #expect(!contract.contains("ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ"), "the contract preview shows a contract, not a supplement")
        #expect(contract.contains("1. "), "with its sections")
        // The numbering rule on its own data.
        #expect(DocumentNumbering.previewNumber("СЧ-2026-000128", template: "invoice", date: "2026-11-22", brandPrefix: "АТЛ-")
            == "АТЛ-СЧ-2026-000128")
        #expect(DocumentNumbering.previewNumber("АТЛ-СЧ-2026-000128", template: "invoice", date: nil, brandPrefix: "АТЛ-")
            == "АТЛ-СЧ-2026-000128", "a number already in the brand's series is kept")
        #expect(DocumentNumbering.previewNumber("12/ТЭУ", template: "contract", date: "2026-03-01", brandPrefix: nil) == "12/ТЭУ")
    }

    @Test func latinNamesShortenTheEnglishWay() throws {
        let data = setting(try sampleData("act-en"), ["issuer", "director", "fullName"], to: .string("Tina Holm"))
        let result = try render("act", data)
        #expect(result.text.contains("/ T. Holm /"), "\(result.text)")
        #expect(!result.text.contains("Tina H."))
    }

    // MARK: Kyrgyz wording (§9)

    @Test func theKyrgyzDocumentsUseOneTermForTheRequestAndTheRightCases() throws {
        let act = try render("act", try sampleData("act-ky"))
        #expect(act.text.contains("дооматтары жок") && !act.text.contains("доосу"), "доомат is a claim, доо a lawsuit")
        let request = try render("request", try sampleData("request-ky"))
        #expect(request.text.contains("№ ЗП-2026-000463 Өтүнмө"), "the appendix to a contract is an Өтүнмө")
        let standAlone = try render("request", setting(try sampleData("request-ky"), ["contract"], to: nil))
        #expect(standAlone.text.contains("КЕЛИШИМ-ӨТҮНМӨ"), "the stand-alone request a Келишим-өтүнмө")
        #expect(request.text.contains("ушул Өтүнмөнү түзүштү"))
        #expect(request.text.range(of: #"[Бб][Уу][Йй][Рр][Уу][Тт][Мм][Аа](?![Чч])"#, options: .regularExpression) == nil,
                "буйрутма (заказ) never stands for заявка")
        #expect(request.text.contains("тоннадан кем эмес"), "ablative after «кем эмес»")
        #expect(request.text.contains("Сүйрөгүч"), "a Kyrgyz word for «тягач»")
        let from = setting(try sampleData("request-ky"), ["order", "route", "points", 0, "timeTo"], to: nil)
        #expect((try render("request", from)).text.contains("дөн баштап"), "ablative before «баштап»")
        let contract = try render("contract", try sampleData("contract-ky"))
        #expect(contract.text.contains("Асанов Нурлан Бакытбековичтин атынан"), "genitive before «атынан»")
    }

    // MARK: Samples (§0.9)

    @Test(arguments: DocTestSupport.sampleNames())
    func samplesNameNeitherTheEngineNorAnInventedPlatform(name: String) throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("SampleData/\(name).json"), encoding: .utf8)
        for mark in ["DocEngine", "JukJol"] { #expect(!text.contains(mark), "\(name) names \(mark)") }
    }

    @Test func documentsOfOneContractNameTheSamePartiesAndBank() throws {
        // The contract number a document cites: contract.number, or «Договор № X от …» in its basis.
        func cited(_ data: JSONValue) -> String? {
            if let number = data["contract"]?["number"]?.stringValue { return number }
            guard let basis = data["document"]?["basis"]?.stringValue,
                let match = basis.firstMatch(of: /№ ([^ ]+)/)
            else { return nil }
            return String(match.1)
        }
        var seen: [String: (sample: String, issuer: String, account: String, recipient: String)] = [:]
        var compared = 0
        for name in DocTestSupport.sampleNames() where !name.hasPrefix("order-package") {
            let data = try sampleData(name)
            guard let contract = cited(data), let issuer = data["issuer"]?["inn"]?.stringValue,
                let recipient = data["recipient"]?["inn"]?.stringValue
            else { continue }
            let key = contract + "|" + issuer
            let entry = (name, issuer, data["issuer"]?["bank"]?["account"]?.stringValue ?? "", recipient)
            if let first = seen[key] {
                compared += 1
                #expect(first.recipient == entry.3, "\(name) and \(first.sample) cite contract \(contract) with different clients")
                // A reconciliation act names no bank; documents that do must name the same one.
                if !first.account.isEmpty, !entry.2.isEmpty {
                    #expect(first.account == entry.2, "\(name) and \(first.sample) cite contract \(contract) with different banks")
                }
                if first.account.isEmpty { seen[key] = entry }
            } else {
                seen[key] = entry
            }
        }
        #expect(compared >= 4, "the contract, its supplements and its invoices are compared")
    }
}
