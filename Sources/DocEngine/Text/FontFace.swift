internal import CCairo
internal import CFreeType
internal import CHarfBuzz
import Synchronization

/// One font file: HarfBuzz shapes from the file as installed (thread-safe, no FreeType), and
/// cairo draws through FreeType from a copy without hinting programs, made on the face's first
/// draw. A process that never draws with a face never pays for that copy: a command-line render
/// loads only the faces its document uses, and shaping is the same from either bytes (stripping
/// keeps cmap, metrics, outlines and layout tables byte for byte).
///
/// Laid-out glyph runs hold their face, so a renderer draws them without the `FontBook` they
/// came from, and the face with its bytes lives as long as any page that uses it.
///
/// `@unchecked Sendable`: every pointer is created in `init` and never mutated after;
/// hb_font_t is immutable and safe to share, the drawing face is made once under a lock, and
/// cairo serialises its own use of the FT_Face.
public final class FontFace: @unchecked Sendable {
    /// The family name, e.g. `PT Sans`.
    public let familyName: String
    /// The style name, e.g. `Bold Italic`.
    public let styleName: String
    /// The PostScript name, e.g. `PTSans-Bold` (what a PDF's font list shows).
    public let postscriptName: String
    /// Whether the face is bold.
    public let isBold: Bool
    /// Whether the face is italic.
    public let isItalic: Bool
    /// The face's position in its `FontBook`: the shape cache's key.
    let index: Int
    let unitsPerEm: Double
    /// Typographic ascender and descender in font units (descender is positive, below the baseline).
    let ascender: Double
    let descender: Double
    /// The file's bytes, which HarfBuzz borrows.
    private let file: MappedFile
    private let fileName: String
    private let library: FreeTypeLibrary
    private let blob: OpaquePointer
    private let hbFace: OpaquePointer
    let hbFont: OpaquePointer
    /// The unhinted FT_Face and cairo's font face over it, made on the first draw.
    private let drawing = Mutex<DrawingFace?>(nil)

    /// The key of the user data by which a cairo font face holds its `FreeTypeFace`.
    private static let ownerKey = UserDataKey()

    init(index: Int, file: MappedFile, library: FreeTypeLibrary, fileName: String) throws(FontError) {
        self.index = index
        self.file = file
        self.fileName = fileName
        self.library = library
        // Names and style flags exactly as FreeType reads them, from a face opened on the file
        // and closed again at once: opening reads only the tables' headers.
        let probe = try FreeTypeFace(bytes: .mapped(file), library: library, fileName: fileName)
        let face = probe.pointer
        familyName = face.pointee.family_name.map { String(cString: $0) } ?? fileName
        styleName = face.pointee.style_name.map { String(cString: $0) } ?? ""
        postscriptName = FT_Get_Postscript_Name(face).map { String(cString: $0) } ?? familyName
        isBold = face.pointee.style_flags & FT_Long(FT_STYLE_FLAG_BOLD) != 0
        isItalic = face.pointee.style_flags & FT_Long(FT_STYLE_FLAG_ITALIC) != 0

        let blob = hb_blob_create(
            file.base.assumingMemoryBound(to: CChar.self), UInt32(file.count), HB_MEMORY_MODE_READONLY, nil, nil)!
        let hbFace = hb_face_create(blob, 0)!
        let hbFont = hb_font_create(hbFace)!
        hb_ot_font_set_funcs(hbFont)
        let upem = hb_face_get_upem(hbFace)
        hb_font_set_scale(hbFont, Int32(upem), Int32(upem))
        var extents = hb_font_extents_t()
        hb_font_get_h_extents(hbFont, &extents)
        self.blob = blob
        self.hbFace = hbFace
        self.hbFont = hbFont
        unitsPerEm = Double(upem)
        ascender = Double(extents.ascender)
        descender = Double(-extents.descender)
    }

    deinit {
        // cairo may keep its font face (and through its user data, the FT_Face and the unhinted
        // bytes) alive after this; HarfBuzz lets go of the file's bytes here.
        hb_font_destroy(hbFont)
        hb_face_destroy(hbFace)
        hb_blob_destroy(blob)
    }

    /// cairo's font face for this face, made on first use.
    /// - Throws: `CairoError.freeTypeError` when FreeType cannot open the unhinted bytes, or what
    ///   cairo reports.
    func cairoFace() throws(CairoError) -> OpaquePointer { try drawingFace().cairoFace }

    /// The FT_Face cairo draws with (made on first use, like `cairoFace()`).
    var freeType: FreeTypeFace {
        get throws(CairoError) { try drawingFace().freeType }
    }

    private func drawingFace() throws(CairoError) -> DrawingFace {
        try drawing.withLock { made throws(CairoError) -> DrawingFace in
            if let made { return made }
            let face = try DrawingFace(file: file, library: library, fileName: fileName)
            made = face
            return face
        }
    }

    /// The glyph for a scalar, or nil when the face cannot draw it.
    func glyph(for scalar: Unicode.Scalar) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(hbFont, scalar.value, &glyph) != 0 ? glyph : nil
    }

    /// Whether the face draws the scalar. Spaces and controls count as drawable when mapped.
    func covers(_ scalar: Unicode.Scalar) -> Bool { glyph(for: scalar) != nil }

    /// The FT_Face cairo draws with and cairo's font face over it.
    ///
    /// `@unchecked Sendable`: made once, under `FontFace.drawing`'s lock, and only read after.
    private final class DrawingFace: @unchecked Sendable {
        let freeType: FreeTypeFace
        let cairoFace: OpaquePointer

        init(file: MappedFile, library: FreeTypeLibrary, fileName: String) throws(CairoError) {
            // A TrueType font is drawn without its hinting programs (see `UnhintedTrueType`),
            // which changes no outline we draw and keeps them out of every embedded subset.
            let bytes: FontBytes
            if let unhinted = UnhintedTrueType.strip(UnsafeRawBufferPointer(start: file.base, count: file.count)) {
                bytes = .owned(OwnedBytes(unhinted))
            } else {
                bytes = .mapped(file)
            }
            do {
                freeType = try FreeTypeFace(bytes: bytes, library: library, fileName: fileName)
            } catch {
                throw .freeTypeError
            }
            // No hinting: glyph outlines and advances stay exactly as HarfBuzz measured them,
            // so PNG previews and PDFs agree with layout at any resolution.
            let cairoFace = cairo_ft_font_face_create_for_ft_face(freeType.pointer, Int32(FT_LOAD_NO_HINTING))!
            do {
                try FontFace.attach(freeType, to: cairoFace)
            } catch {
                cairo_font_face_destroy(cairoFace)
                throw error
            }
            self.cairoFace = cairoFace
        }

        deinit { cairo_font_face_destroy(cairoFace) }
    }

    /// Hands cairo a reference to `owner`, released when cairo destroys the font face, however
    /// long after our own `cairo_font_face_destroy` that is (the pattern cairo's
    /// `cairo_ft_font_face_create_for_ft_face` documentation prescribes).
    /// - Throws: `CairoError` when the face is in error or cairo cannot store the user data.
    static func attach(_ owner: FreeTypeFace, to cairoFace: OpaquePointer) throws(CairoError) {
        try CairoError.check(cairo_font_face_status(cairoFace))
        let retained = Unmanaged.passRetained(owner)
        let status = cairo_font_face_set_user_data(cairoFace, ownerKey.pointer, retained.toOpaque()) { pointer in
            guard let pointer else { return }
            Unmanaged<FreeTypeFace>.fromOpaque(pointer).release()
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            retained.release()  // cairo did not take it
            throw CairoError(status: status)
        }
    }
}
