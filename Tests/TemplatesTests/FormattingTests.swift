import DocEngine
import Foundation
import Testing
import Templates

/// U+00A0 NO-BREAK SPACE, spelled out so the expected strings below are unambiguous.
private let nbsp = "\u{00A0}"

@Suite struct MoneyFormattingTests {
    @Test(arguments: [
        ("1234567.89", "1\(nbsp)234\(nbsp)567,89", "1,234,567.89"),
        ("0", "0,00", "0.00"), ("12", "12,00", "12.00"), ("100", "100,00", "100.00"),
        ("1234", "1\(nbsp)234,00", "1,234.00"),
        ("123456", "123\(nbsp)456,00", "123,456.00"), ("-1234", "-1\(nbsp)234,00", "-1,234.00"),
        ("-0.004", "0,00", "0.00"), ("0.005", "0,01", "0.01"), ("1.005", "1,01", "1.01"), ("-1.005", "-1,01", "-1.01"),
        ("999.995", "1\(nbsp)000,00", "1,000.00"), ("1234567.5", "1\(nbsp)234\(nbsp)567,50", "1,234,567.50"),
        ("999999999999999.999999", "1\(nbsp)000\(nbsp)000\(nbsp)000\(nbsp)000\(nbsp)000,00",
         "1,000,000,000,000,000.00"),
    ])
    func formatsMoney(amount: String, russian: String, english: String) throws {
        let value = try ExactDecimal(amount)
        #expect(NumberFormatting.formatMoney(value, language: .ru) == russian)
        #expect(NumberFormatting.formatMoney(value, language: .ky) == russian)
        #expect(NumberFormatting.formatMoney(value, language: .en) == english)
    }

    @Test func groupsWithNoBreakSpaceNotASpace() throws {
        let text = NumberFormatting.formatMoney(try ExactDecimal("1234567.89"), language: .ru)
        let expected: [UInt32] = [0x31, 0xA0, 0x32, 0x33, 0x34, 0xA0, 0x35, 0x36, 0x37, 0x2C, 0x38, 0x39]
        #expect(text.unicodeScalars.map(\.value) == expected)
        #expect(!text.contains(" "))
    }

    @Test(arguments: [
        ("12.50", nil, "12,5", "12.5"), ("3", nil, "3", "3"), ("1234.5678", nil, "1\(nbsp)234,5678", "1,234.5678"),
        ("2.5", 3, "2,500", "2.500"), ("2.5", 0, "3", "3"), ("-2.5", 0, "-3", "-3"), ("0.1234", 2, "0,12", "0.12"),
        ("-0.0001", nil, "-0,0001", "-0.0001"), ("-0.0001", 2, "0,00", "0.00"), ("1000", 1, "1\(nbsp)000,0", "1,000.0"),
    ] as [(String, Int?, String, String)])
    func formatsNumbers(value: String, fractionDigits: Int?, russian: String, english: String) throws {
        let number = try ExactDecimal(value)
        #expect(NumberFormatting.formatNumber(number, fractionDigits: fractionDigits, language: .ru) == russian)
        #expect(NumberFormatting.formatNumber(number, fractionDigits: fractionDigits, language: .en) == english)
    }
}

@Suite struct DateFormattingTests {
    @Test(arguments: [
        (Language.ru, DateStyle.long, "22 ноября 2026 г."), (.ru, .numeric, "22.11.2026"),
        (.ru, .quoted, "«22» ноября 2026 г."),
        (.ru, .attributive, "22 ноября 2026 г."),
        (.ky, .long, "2026-жылдын 22-ноябры"), (.ky, .attributive, "2026-жылдын 22-ноябрындагы"),
        (.ky, .numeric, "22.11.2026"), (.ky, .quoted, "2026-жылдын 22-ноябры"),
        (.en, .long, "22 November 2026"), (.en, .numeric, "22.11.2026"), (.en, .quoted, "22 November 2026"),
        (.en, .attributive, "22 November 2026"),
    ])
    func formatsTheReferenceDate(language: Language, style: DateStyle, expected: String) throws {
        #expect(DateFormatting.formatDate(try CalendarDate("2026-11-22"), style: style, language: language) == expected)
    }

    @Test(arguments: [
        (Language.ru, DateStyle.long, "5 марта 2026 г."), (.ru, .numeric, "05.03.2026"),
        (.ru, .quoted, "«05» марта 2026 г."), (.ky, .long, "2026-жылдын 5-марты"),
        (.ky, .attributive, "2026-жылдын 5-мартындагы"), (.en, .long, "5 March 2026"),
    ])
    func singleDigitDays(language: Language, style: DateStyle, expected: String) throws {
        #expect(DateFormatting.formatDate(try CalendarDate("2026-03-05"), style: style, language: language) == expected)
    }

    /// docs/documents.md §8, month table, column by column.
    @Test(arguments: zip(1...12, [
        ("января", "январы", "январындагы", "January"), ("февраля", "февралы", "февралындагы", "February"),
        ("марта", "марты", "мартындагы", "March"), ("апреля", "апрели", "апрелиндеги", "April"),
        ("мая", "майы", "майындагы", "May"), ("июня", "июну", "июнундагы", "June"),
        ("июля", "июлу", "июлундагы", "July"), ("августа", "августу", "августундагы", "August"),
        ("сентября", "сентябры", "сентябрындагы", "September"), ("октября", "октябры", "октябрындагы", "October"),
        ("ноября", "ноябры", "ноябрындагы", "November"), ("декабря", "декабры", "декабрындагы", "December"),
    ]))
    func monthNames(month: Int, names: (String, String, String, String)) throws {
        let date = try CalendarDate(year: 2016, month: month, day: 16)
        #expect(DateFormatting.formatDate(date, style: .long, language: .ru) == "16 \(names.0) 2016 г.")
        #expect(DateFormatting.formatDate(date, style: .long, language: .ky) == "2016-жылдын 16-\(names.1)")
        #expect(DateFormatting.formatDate(date, style: .attributive, language: .ky) == "2016-жылдын 16-\(names.2)")
        #expect(DateFormatting.formatDate(date, style: .long, language: .en) == "16 \(names.3) 2016")
    }

    /// Kyrgyz case forms on the possessive month (§8): ablative "from", dative "until",
    /// accusative; the suffix vowel follows the month's last vowel (ы → а, и → е, у → а).
    @Test(arguments: zip(1...12, [
        ("январынан", "январына", "январын"), ("февралынан", "февралына", "февралын"),
        ("мартынан", "мартына", "мартын"), ("апрелинен", "апрелине", "апрелин"),
        ("майынан", "майына", "майын"), ("июнунан", "июнуна", "июнун"),
        ("июлунан", "июлуна", "июлун"), ("августунан", "августуна", "августун"),
        ("сентябрынан", "сентябрына", "сентябрын"), ("октябрынан", "октябрына", "октябрын"),
        ("ноябрынан", "ноябрына", "ноябрын"), ("декабрынан", "декабрына", "декабрын"),
    ]))
    func kyrgyzCaseForms(month: Int, forms: (String, String, String)) throws {
        let date = try CalendarDate(year: 2027, month: month, day: 1)
        #expect(DateFormatting.formatDate(date, style: .ablative, language: .ky) == "2027-жылдын 1-\(forms.0)")
        #expect(DateFormatting.formatDate(date, style: .dative, language: .ky) == "2027-жылдын 1-\(forms.1)")
        #expect(DateFormatting.formatDate(date, style: .accusative, language: .ky) == "2027-жылдын 1-\(forms.2)")
    }

    /// The case styles exist so one template serves all languages: in ru and en they are the
    /// long date (the Russian genitive is what «с …», «до …» and «по …» take).
    @Test(arguments: [DateStyle.ablative, .dative, .accusative])
    func caseStylesAreTheLongDateInRussianAndEnglish(style: DateStyle) throws {
        let date = try CalendarDate("2026-12-01")
        #expect(DateFormatting.formatDate(date, style: style, language: .ru) == "1 декабря 2026 г.")
        #expect(DateFormatting.formatDate(date, style: style, language: .en) == "1 December 2026")
    }

    @Test func dateFilterNamesTheCaseStyles() throws {
        let template = try CompiledTemplate(
            text: #"{% p %}{{ a | date("from") }}|{{ b | date("until") }}|{{ c | date("accusative") }}{% endp %}"#,
            fileName: "test.doc")
        let data = try JSONParser.parse(#"{"a": "2026-12-01", "b": "2027-03-31", "c": "2027-02-28"}"#)
        let expected: [(Language, String)] = [
            (.ky, "2026-жылдын 1-декабрынан|2027-жылдын 31-мартына|2027-жылдын 28-февралын"),
            (.ru, "1 декабря 2026 г.|31 марта 2027 г.|28 февраля 2027 г."),
            (.en, "1 December 2026|31 March 2027|28 February 2027"),
        ]
        for (language, text) in expected {
            let document = try template.render(data: data, language: language)
            guard case .paragraph(let p) = document.body.first else {
                Issue.record("no paragraph")
                continue
            }
            let rendered = p.content.map { inline -> String in
                if case .text(let part, _, _) = inline { part } else { "" }
            }.joined()
            // «1 декабря 2026 г.» keeps its words together with no-break spaces (typography).
            #expect(rendered.replacingOccurrences(of: "\u{00A0}", with: " ") == text)
        }
        let unknown = try CompiledTemplate(text: #"{% p %}{{ a | date("ablativ") }}{% endp %}"#, fileName: "test.doc")
        do {
            _ = try unknown.render(data: data, language: .ky)
            Issue.record("an unknown style should fail")
        } catch {
            guard case .evaluation(let diagnostic, _) = error else { Issue.record("\(error)"); return }
            #expect(diagnostic.hints == ["use one of: long, numeric, quoted, attributive, from, until, accusative"])
        }
    }

    @Test func formatsConfirmationTimestamps() throws {
        let local = try LocalDateTime("2026-11-20T14:35:59+06:00")
        #expect(DateFormatting.formatTime(local) == "14:35")
        #expect(DateFormatting.formatDateTime(local, language: .ru) == "20.11.2026 14:35 UTC+06:00")
        let utc = try LocalDateTime("2026-11-20T08:05:00Z")
        #expect(DateFormatting.formatDateTime(utc, language: .ky) == "20.11.2026 08:05 UTC")
        let west = try LocalDateTime("2026-01-02T03:04:05-03:30")
        #expect(DateFormatting.formatDateTime(west, language: .en) == "02.01.2026 03:04 UTC-03:30")
    }
}

@Suite struct CurrencyTests {
    @Test func everyCurrencyHasTwoMinorDigitsAndLabels() {
        for currency in Currency.allCases {
            #expect(currency.minorUnitDigits == 2)
            #expect(currency.shortLabel(in: .en) == currency.rawValue)
            for language in Language.allCases {
                #expect(!currency.shortLabel(in: language).isEmpty)
            }
        }
        #expect(Currency(rawValue: "KGS") == .KGS)
        #expect(Currency(rawValue: "kgs") == nil)
    }

    @Test func labelsAvoidGlyphsTheFontsLack() {
        #expect(Currency.KGS.symbol == nil)  // ⃀ U+20C0 is missing from DejaVu and PT Sans
        #expect(Currency.KZT.symbol == "₸")
        #expect(Currency.RUB.shortLabel(in: .ru) == "руб.")
        #expect(Currency.KGS.shortLabel(in: .ru) == "сом")
        #expect(Currency.USD.shortLabel(in: .ky) == "АКШ доллары")
        #expect(Currency.KZT.shortLabel(in: .ky) == "теңге")
    }
}
