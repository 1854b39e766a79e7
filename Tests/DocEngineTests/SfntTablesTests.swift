import CFreeType
import CSfntTables
import DocTestSupport
import Foundation
import Testing

/// cairo's font table reads are answered from the font bytes by `CSfntTables` rather than by
/// FreeType (see sfnt_tables.c): these ask both the same questions, the ones cairo asks and the
/// edge cases it does not, and expect the same answers to the byte.
@Suite struct SfntTablesTests {
    /// One font opened in memory as the font book opens it, remembered for the time of `body`.
    static func withFace<T>(_ bytes: [UInt8], remember: Bool = true, _ body: (FT_Face, Int32) throws -> T) throws -> T {
        var library: FT_Library?
        try #require(FT_Init_FreeType(&library) == 0)
        defer { FT_Done_FreeType(library) }
        return try bytes.withUnsafeBufferPointer { buffer in
            var opened: FT_Face?
            try #require(FT_New_Memory_Face(library, buffer.baseAddress, FT_Long(buffer.count), 0, &opened) == 0)
            let face = try #require(opened)
            defer { FT_Done_Face(face) }
            let remembered = remember ? docengine_sfnt_tables_remember(face) : 0
            defer { if remembered == 1 { docengine_sfnt_tables_forget(face) } }
            return try body(face, remembered)
        }
    }

    static func fontBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: repositoryFile("Fonts/\(name)")))
    }

    static func tag(_ text: String) -> FT_ULong {
        text.utf8.reduce(0) { $0 << 8 | FT_ULong($1) }
    }

    /// FreeType's tables of `face`: tag and length.
    static func tables(of face: FT_Face) -> [(tag: FT_ULong, length: FT_ULong)] {
        var count: FT_ULong = 0
        guard FT_Sfnt_Table_Info(face, 0, nil, &count) == 0 else { return [] }
        return (0..<FT_UInt(count)).map { index in
            var tag: FT_ULong = 0
            var length: FT_ULong = 0
            _ = FT_Sfnt_Table_Info(face, index, &tag, &length)
            return (tag, length)
        }
    }

    /// What one call answers: its error, the length it leaves, and a digest of its buffer after
    /// the call (FNV-1a: a failure prints a number, not a megabyte).
    struct Answer: Equatable {
        var error: FT_Error
        var length: FT_ULong?
        var bytes: UInt64?

        static func digest(_ bytes: [UInt8]) -> UInt64 {
            bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        }
    }

    /// One question, asked with `load` (ours or FreeType's): the size (`length` 0, with or
    /// without a buffer), a read of `length` bytes, or a whole table (`length` nil). (A read into
    /// no buffer is not asked: FreeType writes through the null pointer.)
    static func ask(
        _ load: (FT_Face, FT_ULong, FT_Long, UnsafeMutablePointer<FT_Byte>?, UnsafeMutablePointer<FT_ULong>?) -> FT_Error,
        _ face: FT_Face, tag: FT_ULong, offset: FT_Long, length: FT_ULong?, whole: FT_ULong, buffer: Bool = true
    ) -> Answer {
        // Room for what is asked (`whole`: the table's or the file's size), and 0xA5 where
        // nothing was written, so that a short or a long write shows.
        var bytes = [UInt8](repeating: 0xA5, count: Int(length ?? whole) + 16)
        var left = length ?? 0
        let error = bytes.withUnsafeMutableBufferPointer { out in
            let target = buffer ? out.baseAddress : nil
            return length == nil ? load(face, tag, offset, target, nil) : withUnsafeMutablePointer(to: &left) { load(face, tag, offset, target, $0) }
        }
        return Answer(error: error, length: length.map { _ in left }, bytes: error == 0 && buffer ? Answer.digest(bytes) : nil)
    }

    /// Every question below, asked of ours and of FreeType's; returns how many were asked.
    @discardableResult
    static func expectSameAnswers(_ face: FT_Face, fileSize: Int) -> Int {
        let fileSize = FT_ULong(fileSize)
        let known = tables(of: face)
        var tags = known.map(\.tag)
        tags += [tag("zzzz"), tag("CFF "), tag("~~~~"), 0]
        var asked = 0
        for tag in tags {
            let length = known.first { $0.tag == tag && $0.length != 0 }?.length ?? 64
            let whole = tag == 0 ? fileSize : length
            var questions: [(FT_Long, FT_ULong?, Bool)] = [
                (0, 0, true), (0, nil, true), (0, 4, true), (2, 2, true), (0, length, true), (1, length - 1, true),
                (FT_Long(length) - 1, 1, true), (FT_Long(length) - 1, 2, true), (FT_Long(length), 1, true),
                (FT_Long(length) + 8, 4, true), (-1, 4, true), (-4, 2, true), (0, 0, false), (3, nil, true),
            ]
            if tag == 0 { questions = questions.filter { $0.0 >= 0 } }
            for (offset, size, buffer) in questions {
                let ours = ask(FT_Load_Sfnt_Table, face, tag: tag, offset: offset, length: size, whole: whole, buffer: buffer)
                let theirs = ask(
                    docengine_sfnt_tables_load_by_freetype, face, tag: tag, offset: offset, length: size, whole: whole, buffer: buffer)
                #expect(ours == theirs, "tag \(String(format: "%08lx", tag)) offset \(offset) length \(String(describing: size))")
                asked += 1
            }
        }
        return asked
    }

    /// The executable's function is the one libraries resolve to, so cairo's calls reach it.
    @Test func takesCairosCalls() {
        #expect(docengine_sfnt_tables_interposed() == 1)
    }

    @Test(arguments: ["PTSans-Regular.ttf", "PTSans-Bold.ttf", "PTSans-Italic.ttf", "DejaVuSans.ttf"])
    func answersAsFreeTypeDoes(font: String) throws {
        let bytes = try Self.fontBytes(font)
        try Self.withFace(bytes) { face, remembered in
            #expect(remembered == 1)
            #expect(Self.expectSameAnswers(face, fileSize: bytes.count) > 100)
        }
    }

    /// A directory entry FreeType drops (its table lies past the end of the file): the tables
    /// FreeType kept are found where they are, or the face is left to FreeType; answers agree.
    @Test func followsTheTablesFreeTypeKept() throws {
        var bytes = try Self.fontBytes("PTSans-Regular.ttf")
        let count = Int(bytes[4]) << 8 | Int(bytes[5])
        for entry in [1, count / 2, count - 1] {
            var damaged = bytes
            let record = 12 + 16 * entry
            for (i, byte) in [UInt8(0x7F), 0xFF, 0xFF, 0x00].enumerated() { damaged[record + 8 + i] = byte }
            try Self.withFace(damaged) { face, remembered in
                #expect(remembered == 1)
                #expect(Self.tables(of: face).count == count - 1)
                Self.expectSameAnswers(face, fileSize: damaged.count)
            }
        }
        // An `hmtx` longer than the file: FreeType keeps it, cut at the end of the file, so its
        // length is no longer the directory's and the face stays with FreeType.
        var overlong = bytes
        let hmtx = try #require((0..<count).first { Array(bytes[12 + 16 * $0..<12 + 16 * $0 + 4]) == Array("hmtx".utf8) })
        overlong[12 + 16 * hmtx + 12..<12 + 16 * hmtx + 16] = [0x00, 0xFF, 0xFF, 0xFF]
        try Self.withFace(overlong) { face, remembered in
            #expect(remembered == 0)
            Self.expectSameAnswers(face, fileSize: overlong.count)
        }
        // An empty table, which FreeType treats as a missing one.
        bytes[12 + 16 * 0 + 12..<12 + 16 * 0 + 16] = [0, 0, 0, 0]
        try Self.withFace(bytes) { face, remembered in
            #expect(remembered == 1)
            Self.expectSameAnswers(face, fileSize: bytes.count)
        }
    }

    /// A face not remembered goes to FreeType, with the same answers; so does one forgotten.
    @Test func leavesOtherFacesToFreeType() throws {
        let bytes = try Self.fontBytes("PTSans-Bold.ttf")
        try Self.withFace(bytes, remember: false) { face, remembered in
            #expect(remembered == 0)
            Self.expectSameAnswers(face, fileSize: bytes.count)
        }
    }
}
