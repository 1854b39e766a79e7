import Foundation
package import Templates

/// Finds the clauses of a brand's own terms (`brand.terms`, printed after a request's conditions)
/// that restate a term the document already fixes: a reseller whose terms say «простой 3 000 сом
/// в сутки» under a request that says 6 000 gives the carrier two prices for one thing. The
/// request prints a precedence clause (its own terms prevail); this review tells the reseller,
/// when previewing or rendering, which of its clauses to take out (docs/documents.md §1.10).
///
/// A clause is a line of the terms (numbered «1. …» or not); its topic is recognised by words in
/// Russian, Kyrgyz or English. It is flagged only when the document's data fixes that topic.
package enum BrandTermsReview {
    /// One brand clause that restates a term of the document.
    package struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// 1-based line of `brand.terms`.
        package var clause: Int
        /// The clause as written, shortened.
        package var text: String
        /// What it restates, e.g. "downtime".
        package var topic: String
        /// The data field that already fixes it, e.g. `order.terms.downtimeRate`.
        package var field: String

        package var description: String {
            "brand terms, clause \(clause) («\(text)»): restates the \(topic) term the document fixes in \(field); "
                + "the document's term prevails (its precedence clause says so), so take the clause out of the brand's terms"
        }
    }

    /// A topic: words that name it in a clause, and the data fields that fix it in a document.
    struct Topic {
        var name: String
        var words: [String]
        var fields: [String]
    }

    static let topics = [
        // «простой» is also the adjective «simple» (простой электронной подписью): only its
        // downtime collocations count.
        Topic(name: "downtime",
              words: ["простоя", "простой сверх", "простой на ", "простой в ", "за простой", "простой транспорт",
                      "простой автомобил", "сверхнормативн", "waiting time", "downtime", "demurrage", "токтоп тур"],
              fields: ["order.terms.downtimeRate", "order.terms.freeDowntimeHours"]),
        Topic(name: "payment", words: ["оплат", "payment", "payable", "төлө"],
              fields: ["order.rate.paymentDays", "order.rate.paymentTerms"]),
        Topic(name: "failed loading", words: ["срыв", "failed loading", "жүктөөнүн үзгүлтүк"],
              fields: ["order.terms.failedLoadingPenaltyPercent"]),
        Topic(name: "lateness", words: ["опоздан", "late arrival", "кечиккен"], fields: ["order.terms.latePerHour"]),
        Topic(name: "originals", words: ["оригинал", "original", "түп нуск"], fields: ["order.terms.originalsReturnDays"]),
    ]

    /// The clauses of a brand's terms, in the language the document prints them in (its
    /// `language`, else the data's `locale`, else the brand's, else Russian), that restate a term
    /// `data` fixes.
    package static func findings(terms: LocalizedText, data: JSONValue, language: Language?, brandLocale: Language?) -> [Finding] {
        let printed = language ?? data["locale"]?.stringValue.flatMap(Language.init(rawValue:)) ?? brandLocale ?? .ru
        guard let text = terms.text(for: printed, fallback: brandLocale) else { return [] }
        return findings(terms: text, data: data)
    }

    /// The clauses of `terms` that restate a term `data` fixes, in clause order.
    package static func findings(terms: String, data: JSONValue) -> [Finding] {
        var result: [Finding] = []
        let clauses = terms.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, clause) in clauses.enumerated() {
            let lower = clause.lowercased()
            guard !lower.allSatisfy(\.isWhitespace) else { continue }
            for topic in topics where topic.words.contains(where: { lower.contains($0) }) {
                guard let field = topic.fields.first(where: { isSet(data, path: $0) }) else { continue }
                let text = clause.trimmingCharacters(in: .whitespaces)
                result.append(Finding(
                    clause: index + 1, text: text.count > 60 ? String(text.prefix(59)) + "…" : text, topic: topic.name,
                    field: field))
            }
        }
        return result
    }

    private static func isSet(_ data: JSONValue, path: String) -> Bool {
        var value: JSONValue? = data
        for key in path.split(separator: ".") { value = value?[String(key)] }
        switch value {
        case nil, .null?: return false
        default: return true
        }
    }
}
