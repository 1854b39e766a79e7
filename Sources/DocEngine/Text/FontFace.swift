internal import CCairo
internal import CFreeType
internal import CHarfBuzz
import Foundation

/// Identifies one loaded face inside a `FontBook`.
public struct FaceID: Sendable, Hashable {
    public let index: Int
}

/// One font file, opened three times over the same bytes: HarfBuzz shapes with its own
/// OpenType code (thread-safe, no FreeType), FreeType feeds cairo, and cairo draws.
///
/// `@unchecked Sendable`: every pointer is created in `init` and never mutated after;
/// hb_font_t is immutable and safe to share, and cairo serialises its own use of the FT_Face.
final class FontFace: @unchecked Sendable {
    let id: FaceID
    let familyName: String
    let styleName: String
    let postscriptName: String
    let isBold: Bool
    let isItalic: Bool
    let unitsPerEm: Double
    /// Typographic ascender and descender in font units (descender is positive, below the baseline).
    let ascender: Double
    let descender: Double
    /// The bytes FreeType and HarfBuzz borrow: the mapped file, or its unhinted copy.
    private let bytes: FontBytes
    private let blob: OpaquePointer
    private let hbFace: OpaquePointer
    let hbFont: OpaquePointer
    private let ftFace: FT_Face
    let cairoFace: OpaquePointer

    init(id: FaceID, file: MappedFile, library: FreeTypeLibrary, fileName: String) throws(FontError) {
        self.id = id
        // The bytes live as long as the face: HarfBuzz and FreeType both borrow them. A
        // TrueType font is used without its hinting programs (see `UnhintedTrueType`), which
        // changes no outline we draw and keeps them out of every embedded subset.
        if let unhinted = UnhintedTrueType.strip(UnsafeRawBufferPointer(start: file.base, count: file.count)) {
            bytes = .owned(OwnedBytes(unhinted))
        } else {
            bytes = .mapped(file)
        }
        let data = bytes.region

        var face: FT_Face?
        let error = FT_New_Memory_Face(
            library.pointer, data.base.assumingMemoryBound(to: FT_Byte.self), FT_Long(data.count), 0, &face)
        guard error == 0, let face else {
            throw .unreadable(file: fileName, reason: "FreeType error \(error)")
        }
        ftFace = face
        familyName = face.pointee.family_name.map { String(cString: $0) } ?? fileName
        styleName = face.pointee.style_name.map { String(cString: $0) } ?? ""
        postscriptName = FT_Get_Postscript_Name(face).map { String(cString: $0) } ?? familyName
        isBold = face.pointee.style_flags & FT_Long(FT_STYLE_FLAG_BOLD) != 0
        isItalic = face.pointee.style_flags & FT_Long(FT_STYLE_FLAG_ITALIC) != 0

        blob = hb_blob_create(
            data.base.assumingMemoryBound(to: CChar.self), UInt32(data.count), HB_MEMORY_MODE_READONLY, nil,
            nil)
        hbFace = hb_face_create(blob, 0)
        hbFont = hb_font_create(hbFace)
        hb_ot_font_set_funcs(hbFont)
        let upem = hb_face_get_upem(hbFace)
        unitsPerEm = Double(upem)
        hb_font_set_scale(hbFont, Int32(upem), Int32(upem))
        var extents = hb_font_extents_t()
        hb_font_get_h_extents(hbFont, &extents)
        ascender = Double(extents.ascender)
        descender = Double(-extents.descender)

        // No hinting: glyph outlines and advances stay exactly as HarfBuzz measured them,
        // so PNG previews and PDFs agree with layout at any resolution.
        cairoFace = cairo_ft_font_face_create_for_ft_face(face, Int32(FT_LOAD_NO_HINTING))
        let status = cairo_font_face_status(cairoFace)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .unreadable(file: fileName, reason: String(cString: cairo_status_to_string(status)))
        }
    }

    deinit {
        // cairo may still hold the FT_Face through cached scaled fonts; destroying the
        // font face drops our reference before FreeType frees the face.
        cairo_font_face_destroy(cairoFace)
        hb_font_destroy(hbFont)
        hb_face_destroy(hbFace)
        hb_blob_destroy(blob)
        FT_Done_Face(ftFace)
        _ = bytes  // freed when the last reference goes, after FreeType and HarfBuzz let go
    }

    /// The glyph for a scalar, or nil when the face cannot draw it.
    func glyph(for scalar: Unicode.Scalar) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(hbFont, scalar.value, &glyph) != 0 ? glyph : nil
    }

    /// Whether the face draws the scalar. Spaces and controls count as drawable when mapped.
    func covers(_ scalar: Unicode.Scalar) -> Bool { glyph(for: scalar) != nil }
}

/// Owns the process-wide FreeType library handle.
///
/// `@unchecked Sendable`: FreeType requires serialising only face creation and destruction,
/// which happens while a `FontBook` loads, on one thread.
final class FreeTypeLibrary: @unchecked Sendable {
    let pointer: FT_Library

    init() throws(FontError) {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { throw .freeTypeUnavailable }
        pointer = library
    }

    deinit { FT_Done_FreeType(pointer) }
}

/// Font bytes that C libraries borrow for the life of a face.
enum FontBytes {
    case mapped(MappedFile)
    case owned(OwnedBytes)

    var region: (count: Int, base: UnsafeMutableRawPointer) {
        switch self {
        case .mapped(let file): (file.count, file.base)
        case .owned(let bytes): (bytes.count, bytes.base)
        }
    }
}

/// A heap copy of some bytes at a fixed address, freed on deinit.
///
/// `@unchecked Sendable`: written once in `init`, only read afterwards.
final class OwnedBytes: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        base = UnsafeMutableRawPointer.allocate(byteCount: max(1, count), alignment: 16)
        bytes.withUnsafeBytes { source in
            if let address = source.baseAddress { base.copyMemory(from: address, byteCount: count) }
        }
    }

    deinit { base.deallocate() }
}

/// A read-only memory mapping of a whole file, unmapped on deinit.
///
/// `@unchecked Sendable`: the mapping is read-only and never changes while it exists.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let count: Int

    init(path: String) throws(FontError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0 else { throw .unreadable(file: path, reason: "empty file") }
        count = Int(info.st_size)
        guard let pointer = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        base = pointer
    }

    deinit { munmap(base, count) }

    /// FNV-1a of the bytes with their count: a stable fingerprint for render records.
    var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let bytes = UnsafeRawBufferPointer(start: base, count: count)
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\(count)-\(String(hash, radix: 16))"
    }
}
