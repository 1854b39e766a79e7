public import Foundation

/// The fonts a render may use: only the files in one directory (the bundled `Fonts/`),
/// never the machine's fontconfig, so every machine produces the same bytes.
/// Load it once per process; it is immutable and shared by concurrent renders. Pages laid out
/// with it hold their faces, so renderers need not be given the book again.
public final class FontBook: Sendable {
    let faces: [FontFace]
    /// The family used by text whose style names none.
    public let defaultFamily: String
    private let files: [(name: String, file: MappedFile)]
    let shapeCache = ShapeCache()
    let paragraphCache = ParagraphCache()

    /// Loads every `.ttf` and `.otf` file in `directory`.
    /// - Parameters:
    ///   - directory: the folder holding the font files.
    ///   - defaultFamily: the family for unstyled text; the first family found when nil.
    /// - Throws: `FontError` when the folder has no readable fonts.
    public init(directory: URL, defaultFamily: String? = "PT Sans") throws(FontError) {
        let library = try FreeTypeLibrary()  // each face keeps it alive as long as it needs it
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.lowercased().hasSuffix(".ttf") || $0.lowercased().hasSuffix(".otf") }
                .sorted()  // load order decides fallback order: keep it stable
        } catch {
            throw .directoryUnreadable(directory.path)
        }
        guard !names.isEmpty else { throw .noFonts(directory: directory.path) }
        var faces: [FontFace] = []
        var files: [(String, MappedFile)] = []
        for name in names {
            let file = try MappedFile(path: directory.appendingPathComponent(name).path)
            faces.append(try FontFace(index: faces.count, file: file, library: library, fileName: name))
            files.append((name, file))
        }
        let families = faces.map(\.familyName)
        if let defaultFamily, !families.contains(defaultFamily) { throw .unknownFamily(defaultFamily) }
        self.defaultFamily = defaultFamily ?? families[0]
        self.faces = faces
        self.files = files
    }

    /// The font files' fingerprints (file name → size and hash), for render records.
    /// Computed on request: hashing every byte is not worth paying on each start.
    public func fingerprints() -> [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.file.fingerprint) })
    }

    /// The family names available, in load order, without repeats.
    public var familyNames: [String] {
        var seen = Set<String>()
        return faces.map(\.familyName).filter { seen.insert($0).inserted }
    }

    /// Whether some bundled face can draw `scalar`.
    public func canDraw(_ scalar: Unicode.Scalar) -> Bool { faces.contains { $0.covers(scalar) } }

    /// The face a style asks for: its family with the closest weight and slant.
    func primaryFace(for style: TextStyle) -> FontFace {
        let family = style.family ?? defaultFamily
        let candidates = faces.filter { $0.familyName == family }
        let pool = candidates.isEmpty ? faces.filter { $0.familyName == defaultFamily } : candidates
        return pool.min { score($0, style) < score($1, style) } ?? faces[0]
    }

    /// The face that draws `scalar` in `style`: the primary face, else the closest fallback.
    func face(for scalar: Unicode.Scalar, style: TextStyle, primary: FontFace) -> FontFace? {
        if primary.covers(scalar) { return primary }
        return faces.filter { $0.covers(scalar) }.min { score($0, style) < score($1, style) }
    }

    private func score(_ face: FontFace, _ style: TextStyle) -> Int {
        (face.isBold == style.isBold ? 0 : 2) + (face.isItalic == style.isItalic ? 0 : 1)
    }
}
