internal import CFreeType
internal import CSfntTables
import Foundation

/// Owns one `FT_Face` and the bytes it reads from.
///
/// cairo draws through the face and may keep it after we drop our cairo font face: cached
/// scaled fonts hold the font face, and through it the `FT_Face`, for as long as cairo likes.
/// So the owner is tied to the *cairo* object's lifetime (see `FontFace.attach`): cairo
/// releases it from a destroy callback, and the face and its bytes outlive every use.
///
/// `@unchecked Sendable`: the pointer is created in `init` and freed in `deinit`, both under the
/// library's lock; in between, cairo serialises its own use of the face.
final class FreeTypeFace: @unchecked Sendable {
    let pointer: FT_Face
    /// The bytes FreeType (and HarfBuzz, through the owning `FontFace`) reads.
    let bytes: FontBytes
    /// FreeType frees faces through their library: it must outlive them.
    private let library: FreeTypeLibrary

    /// Opens the face in `bytes`.
    /// - Throws: `FontError.unreadable` with FreeType's error code.
    init(bytes: FontBytes, library: FreeTypeLibrary, fileName: String) throws(FontError) {
        let region = bytes.region
        var face: FT_Face?
        let error = library.withLock { pointer in
            FT_New_Memory_Face(pointer, region.base.assumingMemoryBound(to: FT_Byte.self), FT_Long(region.count), 0, &face)
        }
        guard error == 0, let face else { throw .unreadable(file: fileName, reason: "FreeType error \(error)") }
        self.pointer = face
        self.bytes = bytes
        self.library = library
        // cairo's table reads while it writes a PDF are answered from `bytes` (sfnt_tables.c).
        _ = docengine_sfnt_tables_remember(face)
    }

    // Runs on whichever thread cairo drops the face on, so it takes the library's lock.
    deinit {
        docengine_sfnt_tables_forget(pointer)
        library.withLock { _ in _ = FT_Done_Face(pointer) }
    }
}

/// Owns one FreeType library handle.
///
/// `@unchecked Sendable`: FreeType requires creating and freeing the faces of one library to be
/// serialised; `withLock` does that, and cairo may free a face on any thread.
final class FreeTypeLibrary: @unchecked Sendable {
    private let pointer: FT_Library
    private let lock = NSLock()

    init() throws(FontError) {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { throw .freeTypeUnavailable }
        pointer = library
    }

    /// Runs `body` with the library while no other face of it is created or freed.
    func withLock<T>(_ body: (FT_Library) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(pointer)
    }

    deinit { FT_Done_FreeType(pointer) }
}
