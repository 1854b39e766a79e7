/// Why fonts could not be loaded or text could not be set.
public enum FontError: Error, Sendable, Equatable, CustomStringConvertible {
    case freeTypeUnavailable
    case directoryUnreadable(String)
    case noFonts(directory: String)
    case unreadable(file: String, reason: String)
    case unknownFamily(String)

    public var description: String {
        switch self {
        case .freeTypeUnavailable: "FreeType could not be initialised"
        case .directoryUnreadable(let path): "cannot read the font directory \(path)"
        case .noFonts(let path): "no .ttf or .otf fonts in \(path)"
        case .unreadable(let file, let reason): "cannot load font \(file): \(reason)"
        case .unknownFamily(let name): "no bundled font family named '\(name)'"
        }
    }
}
