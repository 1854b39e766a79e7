import Foundation

/// The genitive case of a signatory's position and name, for the Russian preamble formula
/// «в лице директора Асанова Нурлана Бакытбековича». The data holds both in the nominative.
///
/// The rules cover what forwarders' papers carry: positions (leading adjectives and the head
/// noun decline, the rest of the phrase stays: «заместитель директора по логистике» →
/// «заместителя директора по логистике») and Russian-form names, including Central Asian names
/// written the Russian way («Асанов Нурлан Бакытбекович»). Whatever the rules are not sure of
/// stays as written: a foreign name («Zhang Min»), a name with «уулу» or «кызы», a surname in
/// -ко or -ых, a name whose gender cannot be told, an abbreviation («и.о. директора»). A
/// nominative form in a preamble reads clumsy; a wrongly declined name is wrong.
enum RussianGenitive {
    /// A position or other noun phrase in the genitive. Coordinated positions decline each:
    /// «директор и учредитель» → «директора и учредителя»; if one of them cannot be declined, the
    /// whole phrase stays as written.
    static func phrase(_ text: String) -> String {
        let parts = text.components(separatedBy: " и ")
        guard parts.count > 1 else { return singlePhrase(text) }
        var declined: [String] = []
        for part in parts {
            let result = singlePhrase(part)
            guard result != part else { return text }
            declined.append(result)
        }
        return declined.joined(separator: " и ")
    }

    /// One position: leading adjectives and the head noun decline, the rest stays.
    private static func singlePhrase(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var declinedAdjective = false
        for index in words.indices {
            let word = words[index]
            guard isCyrillicWord(word) else { return text }
            if let declined = adjective(word) {
                words[index] = declined
                declinedAdjective = true
                continue
            }
            guard let declined = noun(word) else { return text }
            words[index] = declined
            return words.joined(separator: " ")
        }
        // Only adjectives: one used as a noun, «управляющий» → «управляющего».
        return declinedAdjective ? words.joined(separator: " ") : text
    }

    /// A person's name («Фамилия Имя Отчество» or «Фамилия И. О.») in the genitive.
    static func name(_ text: String) -> String {
        let words = text.split(separator: " ").map(String.init)
        guard !words.isEmpty, words.count <= 4, words.allSatisfy({ isCyrillicWord($0) || isInitials($0) }) else { return text }
        if words.contains(where: { ["уулу", "кызы", "оглы", "улы"].contains($0.lowercased()) }) { return text }
        // Gender from the patronymic when there is one, otherwise from the surname's ending.
        guard let gender = gender(ofName: text) else { return text }
        var result: [String] = []
        var position = 0  // 0 surname, 1 first name, 2 patronymic
        for word in words {
            if isInitials(word) {
                result.append(word)
                continue
            }
            let declined: String? = switch position {
            case 0: word.split(separator: "-").map { surname(String($0), gender) }.reduce(Optional("")) { joined, part in
                    guard let joined, let part else { return nil }
                    return joined.isEmpty ? part : joined + "-" + part
                }
            case 1: firstName(word, gender)
            default: patronymic(word, gender)
            }
            guard let declined else { return text }
            result.append(declined)
            position += 1
        }
        return result.joined(separator: " ")
    }

    enum Gender: String { case male, female }

    /// The gender a Russian-form name shows (patronymic, else surname), or nil when it does not.
    static func gender(ofName text: String) -> Gender? {
        // «ИП Сыдыков Бакыт Асанович»: a short abbreviation in front says nothing of the person.
        let words = Array(text.split(separator: " ").map(String.init)
            .drop { $0.count <= 3 && $0 == $0.uppercased() && $0 != $0.lowercased() })
        guard !words.isEmpty, words.count <= 4, words.allSatisfy({ isCyrillicWord($0) || isInitials($0) }) else { return nil }
        let lowered = words.map { $0.lowercased() }
        if lowered.contains("уулу") || lowered.contains("улы") || lowered.contains("оглы") { return .male }
        if lowered.contains("кызы") { return .female }
        let parts = words.filter { !isInitials($0) }
        if parts.count == 3, let patronymic = parts.last { return patronymicGender(patronymic) }
        return parts.first.flatMap(surnameGender)
    }

    // MARK: - Words

    private static func adjective(_ word: String) -> String? {
        let lower = word.lowercased()
        guard lower.count > 3 else { return nil }
        if lower.hasSuffix("ый") || lower.hasSuffix("ой") { return replacingEnding(word, 2, with: "ого") }
        if lower.hasSuffix("ий") {
            let stemEnd = lower.dropLast(2).last
            return replacingEnding(word, 2, with: "гкх".contains(stemEnd ?? " ") ? "ого" : "его")
        }
        if lower.hasSuffix("ая") { return replacingEnding(word, 2, with: "ой") }
        return nil
    }

    /// The head noun of a position: «директор», «руководитель», «председатель».
    private static func noun(_ word: String) -> String? {
        let lower = word.lowercased()
        guard lower.count > 2, let last = lower.last else { return nil }
        if lower.hasSuffix("ия") { return replacingEnding(word, 1, with: "и") }
        if lower.hasSuffix("ие") { return replacingEnding(word, 1, with: "я") }
        switch last {
        case "ь", "й": return replacingEnding(word, 1, with: "я")
        case "а": return replacingEnding(word, 1, with: afterVelarOrSibilant(lower) ? "и" : "ы")
        case "я": return replacingEnding(word, 1, with: "и")
        case _ where isConsonant(last): return replacingEnding(word, 0, with: "а")
        default: return nil  // -о, -е, -и, -у: indeclinable or unknown
        }
    }

    private static func surname(_ word: String, _ gender: Gender) -> String? {
        let lower = word.lowercased()
        guard lower.count > 1, let last = lower.last else { return nil }
        if ["ко", "их", "ых", "ово", "аго", "яго"].contains(where: { lower.hasSuffix($0) }) || "оеиуюэы".contains(last) {
            return word  // Шевченко, Черных, Дурново: indeclinable
        }
        switch gender {
        case .male:
            if lower.hasSuffix("ский") || lower.hasSuffix("цкий") || lower.hasSuffix("ой") || lower.hasSuffix("ый") {
                return replacingEnding(word, 2, with: "ого")
            }
            if lower.hasSuffix("ий") { return replacingEnding(word, 2, with: afterVelarOrSibilant(String(lower.dropLast())) ? "ого" : "его") }
            switch last {
            case "ь", "й": return replacingEnding(word, 1, with: "я")
            case "а": return replacingEnding(word, 1, with: afterVelarOrSibilant(lower) ? "и" : "ы")
            case "я": return replacingEnding(word, 1, with: "и")
            case _ where isConsonant(last): return replacingEnding(word, 0, with: "а")
            default: return nil
            }
        case .female:
            if ["ова", "ева", "ёва", "ина", "ына"].contains(where: { lower.hasSuffix($0) }) {
                return replacingEnding(word, 1, with: "ой")
            }
            if lower.hasSuffix("ая") { return replacingEnding(word, 2, with: "ой") }
            if last == "а" { return replacingEnding(word, 1, with: afterVelarOrSibilant(lower) ? "и" : "ы") }
            if last == "я" { return replacingEnding(word, 1, with: "и") }
            return word  // a woman's surname ending in a consonant does not decline: Ким, Шевчук
        }
    }

    private static func firstName(_ word: String, _ gender: Gender) -> String? {
        let lower = word.lowercased()
        guard lower.count > 1, let last = lower.last else { return nil }
        if lower.hasSuffix("ия") { return replacingEnding(word, 1, with: "и") }
        switch (gender, last) {
        case (_, "а"): return replacingEnding(word, 1, with: afterVelarOrSibilant(lower) ? "и" : "ы")
        case (_, "я"): return replacingEnding(word, 1, with: "и")
        case (.male, "ь"), (.male, "й"): return replacingEnding(word, 1, with: "я")
        case (.female, "ь"): return replacingEnding(word, 1, with: "и")
        case (.male, _) where isConsonant(last): return replacingEnding(word, 0, with: "а")
        default: return word  // Жылдыз, Асель are written as they are; -о, -и, -у do not decline
        }
    }

    private static func patronymic(_ word: String, _ gender: Gender) -> String? {
        let lower = word.lowercased()
        switch gender {
        case .male: return lower.hasSuffix("ич") ? replacingEnding(word, 0, with: "а") : nil
        case .female: return lower.hasSuffix("на") ? replacingEnding(word, 1, with: "ы") : nil
        }
    }

    private static func patronymicGender(_ word: String) -> Gender? {
        let lower = word.lowercased()
        if lower.hasSuffix("вич") || lower.hasSuffix("ьич") || lower.hasSuffix("ич") && lower.count > 4 { return .male }
        if lower.hasSuffix("вна") || lower.hasSuffix("чна") || lower.hasSuffix("шна") { return .female }
        return nil
    }

    private static func surnameGender(_ word: String) -> Gender? {
        let lower = word.lowercased()
        if ["ов", "ев", "ёв", "ин", "ын", "ский", "цкий"].contains(where: { lower.hasSuffix($0) }) { return .male }
        if ["ова", "ева", "ёва", "ина", "ына", "ская", "цкая"].contains(where: { lower.hasSuffix($0) }) { return .female }
        return nil
    }

    // MARK: - Letters

    /// Replaces the last `count` letters with `ending`, in capitals when the word is all capitals.
    private static func replacingEnding(_ word: String, _ count: Int, with ending: String) -> String {
        let stem = String(word.dropLast(count))
        let isShouting = word.count > 1 && word == word.uppercased() && word != word.lowercased()
        return stem + (isShouting ? ending.uppercased() : ending)
    }

    /// Г, к, х, ж, ш, щ, ч before the ending: «Ольга» → «Ольги», not «Ольгы».
    private static func afterVelarOrSibilant(_ lower: String) -> Bool {
        guard let stemEnd = lower.dropLast().last else { return false }
        return "гкхжшщч".contains(stemEnd)
    }

    private static func isConsonant(_ letter: Character) -> Bool {
        "бвгджзклмнпрстфхцчшщ".contains(letter)
    }

    private static func isCyrillicWord(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { ("\u{0400}"..."\u{04FF}").contains($0) || $0 == "-" }
    }

    /// «Н.», «Н.Б.», «Б.»: initials, which never change.
    private static func isInitials(_ word: String) -> Bool {
        word.contains(".") && word.unicodeScalars.allSatisfy { ("\u{0400}"..."\u{04FF}").contains($0) || $0 == "." }
    }
}
