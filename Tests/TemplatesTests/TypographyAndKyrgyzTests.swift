import DocEngine
import Foundation
import Testing

@testable import Templates

/// No-break spaces (docs/documents.md §0.5), Kyrgyz case endings (§9), UTC offsets (§0.6) and
/// initials of Latin names (§0.7), each checked on its own strings.
@Suite struct TypographyAndKyrgyzTests {
    /// `text` with every no-break space shown as «~».
    func glued(_ text: String, _ language: Language = .ru) -> String {
        let inlines = Typography.glue([.text(text, TextStyle(), origin: nil)], language: language)
        guard case .text(let result, _, _) = inlines[0] else { return "" }
        return result.replacingOccurrences(of: "\u{00A0}", with: "~")
    }

    @Test(arguments: [
        ("720040, г. Бишкек, ул. Киевская, д. 95, офис 412", "720040, г.~Бишкек, ул.~Киевская, д.~95, офис~412"),
        ("Бишкек ш., Киев көч., 95-үй", "Бишкек~ш., Киев~көч., 95-үй"),
        ("тел.: +996 312 66-14-20, e-mail", "тел.:~+996~312~66-14-20, e-mail"),
        ("18 400 кг, 245 км, 22 ноября 2026 г.", "18~400~кг, 245~км, 22~ноября 2026~г."),
        ("185 000,00 сом", "185~000,00~сом"),
        ("/ Асанов Н. Б. /", "/ Асанов~Н.~Б. /"),
        ("/ T. Holm /", "/ T.~Holm /"),
        ("Бишкек — Алматы", "Бишкек~— Алматы"),
        ("заявка № 123 в срок и с грузом", "заявка №~123 в~срок и~с~грузом"),
        ("ст. 164 НК РФ", "ст.~164 НК РФ"),
    ])
    func glueBreaksWhereTypesettingForbidsThem(input: String, expected: String) {
        #expect(glued(input) == expected)
    }

    @Test func onlySpacesChangeAndOnlyBetweenTwoWords() {
        let text = "г.  Бишкек, ул.\nКиевская"
        #expect(glued(text) == text, "double spaces and line breaks are left alone")
        #expect(glued("и в срок", .ky) == "и в срок", "one-letter words are a Russian rule")
    }

    @Test func glueWorksAcrossRuns() {
        let style = TextStyle()
        let inlines = Typography.glue([.text("г. ", style, origin: nil), .text("Бишкек", style, origin: nil)], language: .ru)
        guard case .text(let first, _, _) = inlines[0] else { Issue.record("not text"); return }
        #expect(first == "г.\u{00A0}", "a label's abbreviation holds on to the value after it")
    }

    @Test(arguments: [
        ("09:00", KyrgyzCases.Case.ablative, "09:00дөн"), ("18:00", .dative, "18:00гө"), ("14:30", .ablative, "14:30дан"),
        ("14:15", .ablative, "14:15тен"), ("20", .ablative, "20дан"), ("Бишкек", .ablative, "Бишкектен"),
        ("Нарын", .ablative, "Нарындан"), ("Бишкек", .dative, "Бишкекке"), ("Ош", .dative, "Ошко"),
        ("директор Асанов Нурлан Бакытбекович", .genitive, "директор Асанов Нурлан Бакытбековичтин"),
        ("Асанов", .genitive, "Асановдун"), ("Айгүл", .genitive, "Айгүлдүн"), ("Мария", .genitive, "Мариянын"),
        ("Жумабаева Динара Сериковна", .genitive, "Жумабаева Динара Сериковнанын"), ("ЖЧК", .genitive, "ЖЧКнын"),
    ])
    func kyrgyzEndingsFollowTheLastSound(phrase: String, grammaticalCase: KyrgyzCases.Case, expected: String) {
        #expect(KyrgyzCases.attach(grammaticalCase, to: phrase) == expected)
    }

    @Test(arguments: [("1500", "жүз"), ("2000", "миң"), ("21", "бир"), ("90", "токсон"), ("00", "нөл"), ("3000000", "миллион")])
    func numbersEndInTheirLastSpokenWord(digits: String, word: String) {
        #expect(KyrgyzCases.spokenLastWord(of: digits) == word)
    }

    @Test func offsetsFollowTheStopsDate() throws {
        let before = try CalendarDate("2024-02-20")
        let after = try CalendarDate("2026-11-21")
        #expect(UTCOffsets.minutes(zone: "Asia/Almaty", on: before) == 360)
        #expect(UTCOffsets.minutes(zone: "Asia/Almaty", on: after) == 300, "Kazakhstan moved to UTC+5 on 1 March 2024")
        #expect(UTCOffsets.minutes(zone: "Asia/Shanghai", on: after).map(UTCOffsets.label) == "UTC+8")
        #expect(UTCOffsets.minutes(zone: "Asia/Urumqi", on: after).map(UTCOffsets.label) == "UTC+6")
        #expect(UTCOffsets.label(minutes: 330) == "UTC+5:30")
        #expect(UTCOffsets.label(minutes: -180) == "UTC-3")
        #expect(UTCOffsets.minutes(zone: "Mars/Olympus", on: after) == nil)
    }

    @Test(arguments: [
        ("Асанов Нурлан Бакытбекович", "Асанов Н. Б."), ("Tina Holm", "T. Holm"), ("John Ronald Smith", "J. R. Smith"),
        ("Sydykov Bakyt Almazbekovich", "Sydykov B. A."),
    ])
    func initialsFollowTheNamesOrder(name: String, expected: String) {
        #expect(FilterLibrary.initials(name) == expected)
    }
}
