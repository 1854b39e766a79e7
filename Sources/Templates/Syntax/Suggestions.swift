/// "Did you mean" suggestions by edit distance.
public enum Suggestions {
    /// The candidate closest to `name`, if it is close enough to be a plausible typo.
    ///
    /// Distance is optimal string alignment (Levenshtein plus adjacent transpositions, so
    /// `tabel` → `table` costs 1), compared case-insensitively so `fontsize` finds `fontSize`.
    /// A candidate qualifies within max(1, length / 3) edits, which keeps `mony` → `money` but
    /// not `x` → `p`.
    /// - Parameters:
    ///   - name: What was written.
    ///   - candidates: The valid names.
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, name.count / 3)
        let lowered = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(lowered, Array(candidate.lowercased()))
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// A hint such as "did you mean `money`?", or nil when nothing is close.
    /// - Parameters:
    ///   - name: What was written.
    ///   - candidates: The valid names.
    ///   - decorate: Turns the candidate into the text to show, e.g. `endfor` → `{% endfor %}`.
    public static func hint(
        for name: String, in candidates: some Sequence<String>, decorate: (String) -> String = { $0 }
    ) -> String? {
        closest(to: name, in: candidates).map { "did you mean `\(decorate($0))`?" }
    }

    /// Optimal string alignment distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rolling rows: the transposition step looks two rows back.
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
