/// Why a brand folder was refused: every problem found, each naming its file and field.
package enum BrandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// All problems of one folder, e.g. `brand.json: accentColor: expected #RRGGBB, found "red"`.
    case invalid([String])

    /// The problems, one message each.
    package var problems: [String] {
        switch self {
        case .invalid(let problems): problems
        }
    }

    /// The problems, one per line.
    package var description: String { problems.joined(separator: "\n") }
}
