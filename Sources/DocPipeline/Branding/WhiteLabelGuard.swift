package import DocEngine
import Templates
import Foundation

/// The white-label guarantee: a document issued under a reseller's brand carries no mark of
/// the platform — not in its text, its metadata, its outline or its image names. It runs on
/// every reseller render, after layout and before a byte is written, and fails the render.
package struct WhiteLabelGuard {
    /// Marks of the platform, matched without regard to case; `Track` only as a whole word so
    /// that ordinary words (tracking) pass.
    package static let platformMarks = ["Track.com", "track.kg", "Тракк", "Трак Ком", "Trask", "Track"]

    package let marks: [String]

    package init(platformBrand: Brand? = nil) {
        var marks = Self.platformMarks
        if let platform = platformBrand {
            marks.append(platform.displayName)
            if let name = platform.legal?["name"]?.stringValue { marks.append(name) }
            if let short = platform.legal?["shortName"]?.stringValue { marks.append(short) }
        }
        var seen = Set<String>()
        self.marks = marks.filter { seen.insert($0.lowercased()).inserted }
    }

    package struct Violation: Error, CustomStringConvertible {
        package let findings: [LaidOutDocument.TextOccurrence]
        package var description: String {
            "white-label check failed: the platform's mark would appear on a reseller's document: "
                + findings.prefix(3).map(\.description).joined(separator: "; ")
        }
    }

    /// Throws when `document` shows a platform mark.
    package func check(_ document: LaidOutDocument) throws(Violation) {
        let findings = document.occurrences(of: marks, matches: Self.contains)
        if !findings.isEmpty { throw Violation(findings: findings) }
    }

    /// Case-insensitive containment; a purely alphabetic mark must stand as a word of its own.
    package static func contains(_ text: String, _ mark: String) -> Bool {
        let haystack = text.lowercased()
        let needle = mark.lowercased()
        guard needle.allSatisfy(\.isLetter) else { return haystack.contains(needle) }
        var searchStart = haystack.startIndex
        while let range = haystack.range(of: needle, range: searchStart..<haystack.endIndex) {
            let before = range.lowerBound > haystack.startIndex ? haystack[haystack.index(before: range.lowerBound)] : " "
            let after = range.upperBound < haystack.endIndex ? haystack[range.upperBound] : " "
            if !before.isLetter, !after.isLetter { return true }
            searchStart = range.upperBound
        }
        return false
    }
}
