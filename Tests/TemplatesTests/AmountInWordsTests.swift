import Testing
@testable import Templates

/// One row of the worked-examples table, docs/documents.md §7.3.
struct WorkedExample: Sendable, CustomTestStringConvertible {
    let amount: String
    let rub: String
    let usd: String
    let kgsRussian: String
    let kgsKyrgyz: String

    var testDescription: String { amount }
}

/// Row 15's integer words, which the table elides as "…" in the USD and KGS columns.
private let nines = "Девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять"

/// docs/documents.md §7.3, all fifteen rows, copied cell by cell.
let workedExamples: [WorkedExample] = [
    .init(amount: "0.01", rub: "Ноль рублей 01 копейка", usd: "Ноль долларов США 01 цент",
          kgsRussian: "Ноль сомов 01 тыйын", kgsKyrgyz: "Нөл сом 01 тыйын"),
    .init(amount: "1.00", rub: "Один рубль 00 копеек", usd: "Один доллар США 00 центов",
          kgsRussian: "Один сом 00 тыйынов", kgsKyrgyz: "Бир сом 00 тыйын"),
    .init(amount: "2.00", rub: "Два рубля 00 копеек", usd: "Два доллара США 00 центов",
          kgsRussian: "Два сома 00 тыйынов", kgsKyrgyz: "Эки сом 00 тыйын"),
    .init(amount: "5.00", rub: "Пять рублей 00 копеек", usd: "Пять долларов США 00 центов",
          kgsRussian: "Пять сомов 00 тыйынов", kgsKyrgyz: "Беш сом 00 тыйын"),
    .init(amount: "11.00", rub: "Одиннадцать рублей 00 копеек", usd: "Одиннадцать долларов США 00 центов",
          kgsRussian: "Одиннадцать сомов 00 тыйынов", kgsKyrgyz: "Он бир сом 00 тыйын"),
    .init(amount: "21.00", rub: "Двадцать один рубль 00 копеек", usd: "Двадцать один доллар США 00 центов",
          kgsRussian: "Двадцать один сом 00 тыйынов", kgsKyrgyz: "Жыйырма бир сом 00 тыйын"),
    .init(amount: "22.22", rub: "Двадцать два рубля 22 копейки", usd: "Двадцать два доллара США 22 цента",
          kgsRussian: "Двадцать два сома 22 тыйына", kgsKyrgyz: "Жыйырма эки сом 22 тыйын"),
    .init(amount: "101.00", rub: "Сто один рубль 00 копеек", usd: "Сто один доллар США 00 центов",
          kgsRussian: "Сто один сом 00 тыйынов", kgsKyrgyz: "Бир жүз бир сом 00 тыйын"),
    .init(amount: "1000.00", rub: "Одна тысяча рублей 00 копеек", usd: "Одна тысяча долларов США 00 центов",
          kgsRussian: "Одна тысяча сомов 00 тыйынов", kgsKyrgyz: "Миң сом 00 тыйын"),
    .init(amount: "1001.00", rub: "Одна тысяча один рубль 00 копеек", usd: "Одна тысяча один доллар США 00 центов",
          kgsRussian: "Одна тысяча один сом 00 тыйынов", kgsKyrgyz: "Бир миң бир сом 00 тыйын"),
    .init(amount: "2000.00", rub: "Две тысячи рублей 00 копеек", usd: "Две тысячи долларов США 00 центов",
          kgsRussian: "Две тысячи сомов 00 тыйынов", kgsKyrgyz: "Эки миң сом 00 тыйын"),
    .init(amount: "21000.00", rub: "Двадцать одна тысяча рублей 00 копеек",
          usd: "Двадцать одна тысяча долларов США 00 центов",
          kgsRussian: "Двадцать одна тысяча сомов 00 тыйынов", kgsKyrgyz: "Жыйырма бир миң сом 00 тыйын"),
    .init(amount: "1000000.00", rub: "Один миллион рублей 00 копеек", usd: "Один миллион долларов США 00 центов",
          kgsRussian: "Один миллион сомов 00 тыйынов", kgsKyrgyz: "Миллион сом 00 тыйын"),
    .init(amount: "2500000.50", rub: "Два миллиона пятьсот тысяч рублей 50 копеек",
          usd: "Два миллиона пятьсот тысяч долларов США 50 центов",
          kgsRussian: "Два миллиона пятьсот тысяч сомов 50 тыйынов",
          kgsKyrgyz: "Эки миллион беш жүз миң сом 50 тыйын"),
    .init(amount: "999999999.99", rub: nines + " рублей 99 копеек", usd: nines + " долларов США 99 центов",
          kgsRussian: nines + " сомов 99 тыйынов",
          kgsKyrgyz: "Тогуз жүз токсон тогуз миллион тогуз жүз токсон тогуз миң тогуз жүз токсон тогуз сом 99 тыйын"),
]

private func words(_ amount: String, _ currency: Currency, _ language: Language) throws -> String {
    try AmountInWords.spell(ExactDecimal(amount), currency: currency, language: language)
}

@Suite struct WorkedExampleTableTests {
    @Test(arguments: workedExamples)
    func rubInRussian(row: WorkedExample) throws {
        #expect(try words(row.amount, .RUB, .ru) == row.rub)
    }

    @Test(arguments: workedExamples)
    func usdInRussian(row: WorkedExample) throws {
        #expect(try words(row.amount, .USD, .ru) == row.usd)
    }

    @Test(arguments: workedExamples)
    func kgsInRussian(row: WorkedExample) throws {
        #expect(try words(row.amount, .KGS, .ru) == row.kgsRussian)
    }

    @Test(arguments: workedExamples)
    func kgsInKyrgyz(row: WorkedExample) throws {
        #expect(try words(row.amount, .KGS, .ky) == row.kgsKyrgyz)
    }

    @Test func tableHasAllFifteenRows() {
        #expect(workedExamples.count == 15)
    }
}

@Suite struct RussianGrammarTests {
    /// §7.3: with minor units in words, 0,01 is "одна копейка" but "один цент" / "один тыйын".
    @Test(arguments: [
        (Currency.RUB, 1, "одна копейка"), (.USD, 1, "один цент"), (.KGS, 1, "один тыйын"),
        (.RUB, 22, "двадцать две копейки"), (.USD, 22, "двадцать два цента"), (.KGS, 22, "двадцать два тыйына"),
        (.RUB, 2, "две копейки"), (.EUR, 2, "два цента"), (.KZT, 1, "один тиын"),
    ])
    func minorUnitGender(currency: Currency, count: Int, expected: String) {
        let noun = AmountInWords.Russian.nouns(for: currency).minor
        #expect(AmountInWords.Russian.countPhrase(count, noun: noun) == expected)
    }

    /// тысяча is feminine; миллион and миллиард stay masculine even when the counted noun is
    /// feminine (num2words' "одна миллион" bug, §7.4 item 8).
    @Test(arguments: [
        (1_000, "одна тысяча"), (2_000, "две тысячи"), (21_000, "двадцать одна тысяча"), (5_000, "пять тысяч"),
        (1_000_000, "один миллион"), (2_000_000, "два миллиона"), (1_000_000_000, "один миллиард"),
        (2_000_000_000, "два миллиарда"), (2_002_002_002, "два миллиарда два миллиона две тысячи две"),
        (0, "ноль"), (12, "двенадцать"), (110, "сто десять"), (40_000, "сорок тысяч"),
    ])
    func scaleWordsKeepTheirOwnGender(number: Int, expected: String) {
        #expect(AmountInWords.Russian.cardinal(number, gender: .feminine) == expected)
    }

    @Test(arguments: [
        (0, AmountInWords.Russian.PluralCategory.many), (1, .one), (2, .few), (4, .few), (5, .many), (11, .many),
        (12, .many), (14, .many), (21, .one), (22, .few), (101, .one), (111, .many), (112, .many), (1001, .one),
        (1_000_000, .many),
    ])
    func cldrPluralRule(count: Int, expected: AmountInWords.Russian.PluralCategory) {
        #expect(AmountInWords.Russian.pluralCategory(count) == expected)
    }
}

@Suite struct AmountInWordsCurrencyTests {
    @Test(arguments: [
        ("1", Currency.KZT, "Один тенге 00 тиынов"), ("2.02", .KZT, "Два тенге 02 тиына"),
        ("5.01", .KZT, "Пять тенге 01 тиын"), ("3.11", .CNY, "Три юаня 11 фэней"), ("1.01", .CNY, "Один юань 01 фэнь"),
        ("24.03", .CNY, "Двадцать четыре юаня 03 фэня"), ("21.21", .UZS, "Двадцать один сум 21 тийин"),
        ("1000000", .UZS, "Один миллион сумов 00 тийинов"), ("3.04", .UZS, "Три сума 04 тийина"),
        ("2.03", .EUR, "Два евро 03 цента"), ("1", .EUR, "Один евро 00 центов"),
        ("11.11", .EUR, "Одиннадцать евро 11 центов"),
        ("1000000000", .RUB, "Один миллиард рублей 00 копеек"),
        ("2000000001", .RUB, "Два миллиарда один рубль 00 копеек"),
        ("999999999999.99", .RUB,
         "Девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять "
            + "тысяч девятьсот девяносто девять рублей 99 копеек"),
    ])
    func russian(amount: String, currency: Currency, expected: String) throws {
        #expect(try words(amount, currency, .ru) == expected)
    }

    @Test(arguments: [
        ("5.50", Currency.USD, "Беш АКШ доллары 50 цент"), ("1", .KZT, "Бир теңге 00 тыйын"),
        ("12.34", .RUB, "Он эки рубль 34 тыйын"), ("100", .EUR, "Жүз евро 00 цент"), ("7.07", .CNY, "Жети юань 07 фэн"),
        ("40", .UZS, "Кырк сум 00 тыйын"),
        // ICU recursion: a multiplier or remainder that is exactly 100/1000/10^6 is bare too.
        ("1100", .KGS, "Бир миң жүз сом 00 тыйын"), ("100000", .KGS, "Жүз миң сом 00 тыйын"),
        ("101000", .KGS, "Бир жүз бир миң сом 00 тыйын"), ("2001000", .KGS, "Эки миллион миң сом 00 тыйын"),
        ("1000000000", .KGS, "Миллиард сом 00 тыйын"), ("1000000001", .KGS, "Бир миллиард бир сом 00 тыйын"),
        ("90", .KGS, "Токсон сом 00 тыйын"), ("10", .KGS, "Он сом 00 тыйын"),
    ])
    func kyrgyz(amount: String, currency: Currency, expected: String) throws {
        #expect(try words(amount, currency, .ky) == expected)
    }

    @Test(arguments: [
        ("1234.50", Currency.USD, "One thousand two hundred thirty-four US dollars 50 cents"),
        ("1", .USD, "One US dollar 00 cents"), ("0.01", .USD, "Zero US dollars 01 cent"),
        ("101", .EUR, "One hundred one euros 00 cents"), ("1", .EUR, "One euro 00 cents"),
        ("21", .RUB, "Twenty-one roubles 00 kopecks"), ("1.01", .RUB, "One rouble 01 kopeck"),
        ("1000000", .KGS, "One million som 00 tyiyn"), ("1.01", .KGS, "One som 01 tyiyn"),
        ("15.15", .KZT, "Fifteen tenge 15 tiyn"), ("80.90", .CNY, "Eighty yuan 90 fen"),
        ("2", .UZS, "Two sum 00 tiyin"),
        ("999999999999.99", .USD,
         "Nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand "
            + "nine hundred ninety-nine US dollars 99 cents"),
        ("2000000019", .USD, "Two billion nineteen US dollars 00 cents"),
    ])
    func english(amount: String, currency: Currency, expected: String) throws {
        #expect(try words(amount, currency, .en) == expected)
    }
}

@Suite struct AmountInWordsEdgeTests {
    @Test(arguments: [
        ("1.005", "Один рубль 01 копейка"), ("0.995", "Один рубль 00 копеек"), ("0.004", "Ноль рублей 00 копеек"),
        ("-0.004", "Ноль рублей 00 копеек"), ("2.5", "Два рубля 50 копеек"), ("1.1e2", "Сто десять рублей 00 копеек"),
    ])
    func roundsHalfUpBeforeSpelling(amount: String, expected: String) throws {
        #expect(try words(amount, .RUB, .ru) == expected)
    }

    @Test func negativeAmountsStartWithMinus() throws {
        #expect(try words("-5", .RUB, .ru) == "Минус пять рублей 00 копеек")
        #expect(try words("-1000", .KGS, .ky) == "Минус миң сом 00 тыйын")
        #expect(try words("-0.01", .USD, .en) == "Minus zero US dollars 01 cent")
    }

    @Test(arguments: ["1000000000000", "999999999999.995", "-1000000000000", "1e20"])
    func amountsBeyondBillionsThrow(amount: String) throws {
        let value = try ExactDecimal(amount)
        for language in Language.allCases {
            #expect(throws: AmountInWordsError.amountTooLarge(value)) {
                try AmountInWords.spell(value, currency: .KGS, language: language)
            }
        }
    }

    @Test func everyCurrencyAndLanguageProducesCapitalisedText() throws {
        for currency in Currency.allCases {
            for language in Language.allCases {
                let text = try AmountInWords.spell(ExactDecimal(3), currency: currency, language: language)
                #expect(text.first?.isUppercase == true, "\(currency) \(language): \(text)")
                #expect(!text.contains(","), "no comma between the parts: \(text)")
                #expect(text.contains(" 00 "), "\(text)")
            }
        }
    }
}
