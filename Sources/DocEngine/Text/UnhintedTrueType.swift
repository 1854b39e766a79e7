/// A TrueType font rewritten without its hinting programs: every glyph's instructions and the
/// `fpgm`, `prep` and `cvt ` tables are removed; outlines, metrics and layout tables are kept
/// byte for byte.
///
/// Why: we render with hinting off (`FT_LOAD_NO_HINTING`), so the instructions never run, yet
/// cairo copies them into every embedded subset. In PT Sans they are 80 % of the `glyf` table,
/// so they made up most of each PDF's bytes and most of the time spent deflating them. The font
/// files on disk stay untouched; this is done in memory when a `FontBook` loads.
enum UnhintedTrueType {
    /// Tables dropped whole: the hinting programs, and the digital signature they would break.
    private static let droppedTables: Set<String> = ["fpgm", "prep", "cvt ", "DSIG"]

    /// The font without hinting, or nil when it is not a TrueType font with a `glyf` table, has
    /// no hinting to remove, or is malformed in any way (the original is then used as it is).
    static func strip(_ font: UnsafeRawBufferPointer) -> [UInt8]? {
        let reader = FontReader(font)
        guard let version = reader.uint32(at: 0), version == 0x0001_0000 || version == 0x7472_7565,  // 1.0 or 'true'
              let tableCount = reader.uint16(at: 4)
        else { return nil }
        var tables: [(tag: String, offset: Int, length: Int)] = []
        for index in 0..<Int(tableCount) {
            let record = 12 + index * 16
            guard let tag = reader.tag(at: record), let offset = reader.uint32(at: record + 8),
                  let length = reader.uint32(at: record + 12), Int(offset) + Int(length) <= font.count
            else { return nil }
            tables.append((tag, Int(offset), Int(length)))
        }
        func table(_ tag: String) -> (offset: Int, length: Int)? {
            tables.first { $0.tag == tag }.map { ($0.offset, $0.length) }
        }
        guard let head = table("head"), head.length >= 54, let maxp = table("maxp"), maxp.length >= 6,
              let loca = table("loca"), let glyf = table("glyf"),
              let longOffsets = reader.uint16(at: head.offset + 50), let glyphCount = reader.uint16(at: maxp.offset + 4)
        else { return nil }

        // Glyph by glyph, without instructions; loca is rewritten in the long format.
        var glyphs: [UInt8] = []
        glyphs.reserveCapacity(glyf.length)
        var offsets: [UInt32] = [0]
        var removedAny = false
        for glyph in 0..<Int(glyphCount) {
            let start: Int, end: Int
            if longOffsets == 1 {
                guard let a = reader.uint32(at: loca.offset + glyph * 4), let b = reader.uint32(at: loca.offset + glyph * 4 + 4)
                else { return nil }
                (start, end) = (Int(a), Int(b))
            } else {
                guard let a = reader.uint16(at: loca.offset + glyph * 2), let b = reader.uint16(at: loca.offset + glyph * 2 + 2)
                else { return nil }
                (start, end) = (Int(a) * 2, Int(b) * 2)
            }
            guard start <= end, end <= glyf.length else { return nil }
            if end > start {
                let bytes = UnsafeRawBufferPointer(rebasing: font[(glyf.offset + start)..<(glyf.offset + end)])
                guard appendWithoutInstructions(bytes, to: &glyphs, removed: &removedAny) else { return nil }
                if glyphs.count % 2 == 1 { glyphs.append(0) }  // glyphs start on even offsets
            }
            offsets.append(UInt32(glyphs.count))
        }
        guard removedAny || tables.contains(where: { droppedTables.contains($0.tag) }) else { return nil }

        var newLoca: [UInt8] = []
        newLoca.reserveCapacity(offsets.count * 4)
        for offset in offsets { newLoca.appendBigEndian(offset) }
        var newHead = [UInt8](UnsafeRawBufferPointer(rebasing: font[head.offset..<(head.offset + head.length)]))
        newHead[8..<12] = [0, 0, 0, 0]  // checkSumAdjustment, recomputed below
        newHead[50] = 0
        newHead[51] = 1  // indexToLocFormat: long

        var contents: [(tag: String, bytes: [UInt8])] = []
        for entry in tables where !droppedTables.contains(entry.tag) {
            switch entry.tag {
            case "glyf": contents.append((entry.tag, glyphs))
            case "loca": contents.append((entry.tag, newLoca))
            case "head": contents.append((entry.tag, newHead))
            default:
                // Copied as one block: a per-byte copy of GPOS, kern and the rest showed at start-up.
                contents.append((entry.tag, [UInt8](UnsafeRawBufferPointer(rebasing: font[entry.offset..<(entry.offset + entry.length)]))))
            }
        }
        return assemble(version: version, contents.sorted { $0.tag < $1.tag })
    }

    /// Appends one glyph's bytes without its instructions; false when the glyph is malformed.
    /// Appends straight from the font's bytes: a font has thousands of glyphs, and loading
    /// must stay fast for the command line's cold start.
    private static func appendWithoutInstructions(
        _ glyph: UnsafeRawBufferPointer, to output: inout [UInt8], removed: inout Bool
    ) -> Bool {
        let reader = FontReader(glyph)
        guard let contours = reader.int16(at: 0) else { return false }
        if contours >= 0 {
            // Simple glyph: header, end points, instruction length and instructions, then the
            // flags and coordinates, which are copied as they are.
            let lengthAt = 10 + Int(contours) * 2
            guard let instructionLength = reader.uint16(at: lengthAt), lengthAt + 2 + Int(instructionLength) <= glyph.count
            else { return false }
            if instructionLength > 0 { removed = true }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: glyph[0..<lengthAt]))
            output.append(contentsOf: [0, 0])
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: glyph[(lengthAt + 2 + Int(instructionLength))...]))
            return true
        }
        // Composite glyph: components up to the last one; the instructions that may follow it
        // are dropped and no component claims any.
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: glyph[0..<10]))
        var at = 10
        while true {
            guard let flags = reader.uint16(at: at) else { return false }
            var size = 4 + (flags & 0x0001 != 0 ? 4 : 2)  // flags, glyph index, arguments
            if flags & 0x0008 != 0 { size += 2 }  // one scale
            else if flags & 0x0040 != 0 { size += 4 }  // x and y scales
            else if flags & 0x0080 != 0 { size += 8 }  // a 2×2 matrix
            guard at + size <= glyph.count else { return false }
            if flags & 0x0100 != 0 { removed = true }
            output.appendBigEndian(flags & ~0x0100)  // WE_HAVE_INSTRUCTIONS off
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: glyph[(at + 2)..<(at + size)]))
            at += size
            if flags & 0x0020 == 0 { return true }  // MORE_COMPONENTS
        }
    }

    /// An sfnt from its tables (sorted by tag): directory, 4-byte aligned tables, checksums.
    private static func assemble(version: UInt32, _ tables: [(tag: String, bytes: [UInt8])]) -> [UInt8] {
        let count = tables.count
        var power = 1, log = 0
        while power * 2 <= count { power *= 2; log += 1 }
        var font: [UInt8] = []
        font.reserveCapacity(12 + count * 16 + tables.reduce(0) { $0 + ($1.bytes.count + 3) & ~3 })
        font.appendBigEndian(version)
        font.appendBigEndian(UInt16(count))
        font.appendBigEndian(UInt16(power * 16))  // searchRange
        font.appendBigEndian(UInt16(log))  // entrySelector
        font.appendBigEndian(UInt16(count * 16 - power * 16))  // rangeShift
        var offset = 12 + count * 16
        var headOffset = 0
        for table in tables {
            font += Array(table.tag.utf8)
            font.appendBigEndian(checksum(table.bytes))
            font.appendBigEndian(UInt32(offset))
            font.appendBigEndian(UInt32(table.bytes.count))
            if table.tag == "head" { headOffset = offset }
            offset += (table.bytes.count + 3) & ~3
        }
        for table in tables {
            font += table.bytes
            while font.count % 4 != 0 { font.append(0) }
        }
        let adjustment = 0xB1B0_AFBA &- checksum(font)
        font.replaceSubrange((headOffset + 8)..<(headOffset + 12), with: adjustment.bigEndianBytes)
        return font
    }

    /// The sfnt checksum: the sum of big-endian 32-bit words, the last one zero-padded.
    private static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { raw in
            var sum: UInt32 = 0
            let whole = raw.count / 4 * 4
            var index = 0
            while index < whole {
                sum &+= UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                index += 4
            }
            var last: UInt32 = 0
            for k in 0..<4 { last = last << 8 | UInt32(whole + k < raw.count ? raw[whole + k] : 0) }
            return sum &+ (whole < raw.count ? last : 0)
        }
    }
}

/// Bounds-checked big-endian reads; every read returns nil past the end.
private struct FontReader {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func uint16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    func int16(at offset: Int) -> Int16? { uint16(at: offset).map { Int16(bitPattern: $0) } }

    func uint32(at offset: Int) -> UInt32? {
        guard let high = uint16(at: offset), let low = uint16(at: offset + 2) else { return nil }
        return UInt32(high) << 16 | UInt32(low)
    }

    func tag(at offset: Int) -> String? {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        return String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
    }
}

extension FixedWidthInteger {
    fileprivate var bigEndianBytes: [UInt8] {
        (0..<(Self.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) { append(contentsOf: value.bigEndianBytes) }
}
