/// Worksheet names Excel accepts: 1 to 31 characters, none of `[ ] : * ? / \`, not starting or
/// ending with an apostrophe, unique in the workbook regardless of case.
struct SheetNames {
    /// Excel's limit on a sheet name, in characters.
    static let maximumLength = 31
    private static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    private var used: Set<String> = []

    /// A valid, unused name as close to `wanted` as possible, now taken.
    mutating func claim(_ wanted: String) -> String {
        var base = String(wanted.map { Self.forbidden.contains($0) ? "_" : $0 })
        base = base.trimmingApostrophes()
        if base.isEmpty { base = "Sheet" }
        var candidate = String(base.prefix(Self.maximumLength))
        var counter = 2
        while used.contains(candidate.lowercased()) {
            let suffix = " (\(counter))"
            candidate = String(base.prefix(Self.maximumLength - suffix.count)) + suffix
            counter += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}

extension String {
    fileprivate func trimmingApostrophes() -> String {
        var text = Substring(self)
        while text.first == "'" { text.removeFirst() }
        while text.last == "'" { text.removeLast() }
        return String(text)
    }
}
