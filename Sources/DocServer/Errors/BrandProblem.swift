import Foundation

/// One problem of a refused brand, split into where it is and what is wrong, so a client can point
/// at the file and field (`brand.json`, `legal.bank.account`).
package struct BrandProblem: Codable, Sendable, Equatable {
    /// The brand file, e.g. `brand.json` or `stamp.png`; absent for the brand id itself.
    package var file: String?
    /// The brand.json field path, e.g. `accentColor`, `legal.bank.account`; absent for a whole file.
    package var field: String?
    /// What is wrong, e.g. `expected #RRGGBB, found "red"`.
    package var message: String

    package init(file: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    /// Splits `brand.json: legal.bank.account: required but missing` (file, field, message),
    /// `stamp.png: unreadable image (…)` (file, message) and `id: expected …` (field, message).
    package init(parsing text: String) {
        guard let (head, rest) = Self.split(text) else {
            self.init(message: text)
            return
        }
        let isFile = head.contains(".") || head.contains(",") || head.hasPrefix("\"")
        guard isFile else {
            if Self.isFieldPath(head) { self.init(field: head, message: rest) } else { self.init(message: text) }
            return
        }
        if let (field, message) = Self.split(rest), Self.isFieldPath(field) {
            self.init(file: head, field: field, message: message)
        } else {
            self.init(file: head, message: rest)
        }
    }

    private static func split(_ text: String) -> (head: String, rest: String)? {
        guard let separator = text.range(of: ": ") else { return nil }
        return (String(text[..<separator.lowerBound]), String(text[separator.upperBound...]))
    }

    /// `name`, `legal.bank.account`, `strokes[2].points`: identifiers joined by dots, with indexes.
    package static func isFieldPath(_ text: String) -> Bool {
        text.wholeMatch(of: #/[A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])*)*/#) != nil
    }
}
