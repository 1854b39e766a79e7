import Foundation

/// Image formats recognised by their content, never by file name.
enum ImageFormat {
    case png, jpeg, svg

    /// How far into a file an SVG's root element may start (after an XML declaration, comments).
    static let svgSniffLength = 4096

    init?(sniffing data: Data) {
        let head = [UInt8](data.prefix(8))
        if head == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] {
            self = .png
        } else if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF {
            self = .jpeg
        } else if Self.looksLikeSVG(data) {
            self = .svg
        } else {
            return nil
        }
    }

    /// Text that starts (after a byte-order mark and white space) with `<?xml` or `<svg`, or with
    /// a comment or DOCTYPE followed soon by `<svg`.
    private static func looksLikeSVG(_ data: Data) -> Bool {
        var head = String(decoding: data.prefix(svgSniffLength), as: UTF8.self)[...]
        if head.hasPrefix("\u{FEFF}") { head = head.dropFirst() }
        head = head.drop { $0.isWhitespace }
        if head.hasPrefix("<?xml") || head.hasPrefix("<svg") { return true }
        return head.hasPrefix("<!") && head.contains("<svg")
    }

    /// Reads a PNG's IHDR: the 8-byte signature, then the first chunk must be IHDR with
    /// big-endian width and height.
    /// - Throws: `ImageError.corrupt` when the header is missing.
    static func pngDimensions(_ data: Data, name: String) throws(ImageError) -> (Int, Int) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw .corrupt(name: name, reason: "missing PNG header")
        }
        func be32(_ offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        return (be32(16), be32(20))
    }
}

extension String {
    /// Decodes a NUL-terminated C message buffer.
    init(cCharacters buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
