internal import CCairo
internal import CFreeType
internal import CHarfBuzz

/// One font file, opened three times over the same bytes: HarfBuzz shapes with its own
/// OpenType code (thread-safe, no FreeType), FreeType feeds cairo, and cairo draws.
///
/// Laid-out glyph runs hold their face, so a renderer draws them without the `FontBook` they
/// came from, and the face with its bytes lives as long as any page that uses it.
///
/// `@unchecked Sendable`: every pointer is created in `init` and never mutated after;
/// hb_font_t is immutable and safe to share, and cairo serialises its own use of the FT_Face.
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
    /// The FT_Face and the bytes HarfBuzz and FreeType borrow; cairo holds it too (see `attach`).
    let freeType: FreeTypeFace
    private let blob: OpaquePointer
    private let hbFace: OpaquePointer
    let hbFont: OpaquePointer
    let cairoFace: OpaquePointer

    /// The key of the user data by which a cairo font face holds its `FreeTypeFace`.
    private static let ownerKey = UserDataKey()

    init(index: Int, file: MappedFile, library: FreeTypeLibrary, fileName: String) throws(FontError) {
        self.index = index
        // A TrueType font is used without its hinting programs (see `UnhintedTrueType`), which
        // changes no outline we draw and keeps them out of every embedded subset.
        let bytes: FontBytes
        if let unhinted = UnhintedTrueType.strip(UnsafeRawBufferPointer(start: file.base, count: file.count)) {
            bytes = .owned(OwnedBytes(unhinted))
        } else {
            bytes = .mapped(file)
        }
        let freeType = try FreeTypeFace(bytes: bytes, library: library, fileName: fileName)
        self.freeType = freeType
        let face = freeType.pointer
        familyName = face.pointee.family_name.map { String(cString: $0) } ?? fileName
        styleName = face.pointee.style_name.map { String(cString: $0) } ?? ""
        postscriptName = FT_Get_Postscript_Name(face).map { String(cString: $0) } ?? familyName
        isBold = face.pointee.style_flags & FT_Long(FT_STYLE_FLAG_BOLD) != 0
        isItalic = face.pointee.style_flags & FT_Long(FT_STYLE_FLAG_ITALIC) != 0

        let data = bytes.region
        let blob = hb_blob_create(
            data.base.assumingMemoryBound(to: CChar.self), UInt32(data.count), HB_MEMORY_MODE_READONLY, nil,
            nil)!
        let hbFace = hb_face_create(blob, 0)!
        let hbFont = hb_font_create(hbFace)!
        hb_ot_font_set_funcs(hbFont)
        let upem = hb_face_get_upem(hbFace)
        hb_font_set_scale(hbFont, Int32(upem), Int32(upem))
        var extents = hb_font_extents_t()
        hb_font_get_h_extents(hbFont, &extents)

        // No hinting: glyph outlines and advances stay exactly as HarfBuzz measured them,
        // so PNG previews and PDFs agree with layout at any resolution.
        let cairoFace = cairo_ft_font_face_create_for_ft_face(face, Int32(FT_LOAD_NO_HINTING))!
        do {
            try Self.attach(freeType, to: cairoFace)
        } catch {
            cairo_font_face_destroy(cairoFace)
            hb_font_destroy(hbFont)
            hb_face_destroy(hbFace)
            hb_blob_destroy(blob)
            throw .unreadable(file: fileName, reason: error.description)
        }
        self.blob = blob
        self.hbFace = hbFace
        self.hbFont = hbFont
        unitsPerEm = Double(upem)
        ascender = Double(extents.ascender)
        descender = Double(-extents.descender)
        self.cairoFace = cairoFace
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

    deinit {
        // cairo may keep the font face (and through its user data, `freeType`) alive after
        // this; HarfBuzz lets go of the bytes here, and `freeType` keeps them for cairo.
        cairo_font_face_destroy(cairoFace)
        hb_font_destroy(hbFont)
        hb_face_destroy(hbFace)
        hb_blob_destroy(blob)
    }

    /// The glyph for a scalar, or nil when the face cannot draw it.
    func glyph(for scalar: Unicode.Scalar) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(hbFont, scalar.value, &glyph) != 0 ? glyph : nil
    }

    /// Whether the face draws the scalar. Spaces and controls count as drawable when mapped.
    func covers(_ scalar: Unicode.Scalar) -> Bool { glyph(for: scalar) != nil }
}
