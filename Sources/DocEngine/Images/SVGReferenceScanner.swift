import Foundation

/// Finds everything in an SVG's bytes that would make it load something from outside itself.
///
/// librsvg already refuses to load external resources from a handle made by
/// `rsvg_handle_new_from_data` (it has no base URL), so this scan is a second line of defence
/// whose real job is the message: a reseller learns *which* reference to remove instead of
/// seeing a logo silently lose its pieces. The scan is lexical, not an XML parse, so it errs
/// on the side of refusing: an `href="http://…"` inside a comment is refused too.
struct SVGReferenceScanner {
    /// What the bytes may embed: `<image href="data:…">` payloads, checked by the caller.
    struct Findings {
        var embeddedImages: [Data] = []
    }

    /// Longest excerpt of the offending text quoted in a message.
    static let excerptLimit = 120

    private let bytes: [UInt8]
    private let name: String

    /// Scans `bytes` of the SVG called `name`.
    /// - Throws: `ImageError.externalReference` for the first outside reference,
    ///   `ImageError.invalidSVG` for entity declarations and unusable `data:` URLs.
    static func scan(_ bytes: [UInt8], name: String) throws(ImageError) -> Findings {
        try SVGReferenceScanner(bytes: bytes, name: name).run()
    }

    private init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    private func run() throws(ImageError) -> Findings {
        try checkDeclarations()
        try checkImports()
        try checkURLFunctions()
        return try checkHrefs()
    }

    // MARK: - Stages

    /// `<!DOCTYPE … SYSTEM|PUBLIC …>` names an external DTD. Entity declarations are refused
    /// outright: an internal entity can spell a reference in character references that this
    /// lexical scan would not see, and entity expansion is the classic "billion laughs" bomb.
    private func checkDeclarations() throws(ImageError) {
        for start in occurrences(of: "<!DOCTYPE", caseInsensitive: true) {
            let end = declarationEnd(from: start)
            let subsetStart = bytes[start..<end].firstIndex(of: UInt8(ascii: "[")) ?? end
            let externalID = text(start..<subsetStart)
            if containsWord("SYSTEM", in: externalID) || containsWord("PUBLIC", in: externalID) {
                throw .externalReference(name: name, reference: excerpt(start..<end))
            }
        }
        for start in occurrences(of: "<!ENTITY", caseInsensitive: true) {
            let end = declarationEnd(from: start)
            let declaration = text(start..<end)
            if containsWord("SYSTEM", in: declaration) || containsWord("PUBLIC", in: declaration) {
                throw .externalReference(name: name, reference: excerpt(start..<end))
            }
            throw .invalidSVG(name: name, reason: "XML entity declarations are not allowed: \(excerpt(start..<end))")
        }
    }

    /// CSS `@import` loads another stylesheet.
    private func checkImports() throws(ImageError) {
        if let start = occurrences(of: "@import", caseInsensitive: true).first {
            let end = bytes[start...].firstIndex { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\n") } ?? bytes.count
            throw .externalReference(name: name, reference: excerpt(start..<end))
        }
    }

    /// CSS `url(…)` in attributes and stylesheets: only `url(#id)` stays inside the file.
    private func checkURLFunctions() throws(ImageError) {
        for start in occurrences(of: "url", caseInsensitive: true) {
            if start > 0, isNameByte(bytes[start - 1]) { continue }  // `curl(`, `myurl(`
            var index = skipSpaces(from: start + 3)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else { continue }
            index = skipSpaces(from: index + 1)
            let value: String
            let end: Int
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let close = bytes[(index + 1)...].firstIndex(of: bytes[index]) ?? bytes.count
                value = text((index + 1)..<close)
                end = bytes[close...].firstIndex(of: UInt8(ascii: ")")).map { $0 + 1 } ?? bytes.count
            } else {
                let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")) ?? bytes.count
                value = text(index..<close)
                end = min(close + 1, bytes.count)
            }
            if !value.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("#") {
                throw .externalReference(name: name, reference: excerpt(start..<end))
            }
        }
    }

    /// `href` and `xlink:href` (any prefix): fragments stay inside the file; an `<image>` may
    /// embed a PNG or JPEG as a `data:` URL; anything else points outside.
    private func checkHrefs() throws(ImageError) -> Findings {
        var findings = Findings()
        for start in occurrences(of: "href", caseInsensitive: false) {
            guard start > 0, isSpace(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ":") else { continue }
            var index = skipSpaces(from: start + 4)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
            index = skipSpaces(from: index + 1)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                continue
            }
            let close = bytes[(index + 1)...].firstIndex(of: bytes[index]) ?? bytes.count
            let value = text((index + 1)..<close).trimmingCharacters(in: .whitespacesAndNewlines)
            if value.hasPrefix("#") { continue }
            let element = elementName(before: start)
            if value.lowercased().hasPrefix("data:"), element == "image" || element == "feImage" {
                findings.embeddedImages.append(try embeddedImage(value))
                continue
            }
            let attributeStart = bytes[..<start].lastIndex(where: isSpace).map { $0 + 1 } ?? start
            throw .externalReference(name: name, reference: excerpt(attributeStart..<min(close + 1, bytes.count)))
        }
        return findings
    }

    /// Decodes a base64 `data:` URL holding a PNG or JPEG.
    private func embeddedImage(_ url: String) throws(ImageError) -> Data {
        guard let comma = url.firstIndex(of: ",") else {
            throw .invalidSVG(name: name, reason: "an embedded image's data: URL has no comma")
        }
        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma].lowercased()
        guard header.hasSuffix(";base64"),
            let payload = Data(
                base64Encoded: String(url[url.index(after: comma)...]), options: .ignoreUnknownCharacters)
        else {
            throw .invalidSVG(name: name, reason: "an embedded image must be a base64 data: URL")
        }
        guard ImageFormat(sniffing: payload) != nil else {
            throw .invalidSVG(name: name, reason: "an embedded image must be PNG or JPEG")
        }
        return payload
    }

    // MARK: - Lexical helpers

    private func occurrences(of needle: String, caseInsensitive: Bool) -> [Int] {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return [] }
        func fold(_ byte: UInt8) -> UInt8 {
            caseInsensitive && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }
        let folded = pattern.map(fold)
        var found: [Int] = []
        for start in 0...(bytes.count - pattern.count) where fold(bytes[start]) == folded[0] {
            var matches = true
            for offset in 1..<folded.count where fold(bytes[start + offset]) != folded[offset] {
                matches = false
                break
            }
            if matches { found.append(start) }
        }
        return found
    }

    /// The index just past the `>` closing a `<!…>` declaration, skipping quoted strings and
    /// a DOCTYPE's `[…]` internal subset.
    private func declarationEnd(from start: Int) -> Int {
        var index = start + 2
        var quote: UInt8?
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == UInt8(ascii: ">"), depth <= 0 {
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// The local name of the element whose start tag contains `index` (`svg:image` gives `image`).
    private func elementName(before index: Int) -> String {
        guard let open = bytes[..<index].lastIndex(of: UInt8(ascii: "<")) else { return "" }
        let nameEnd = bytes[(open + 1)...].firstIndex {
            isSpace($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ">")
        }
        let qualified = text((open + 1)..<(nameEnd ?? index))
        return qualified.split(separator: ":").last.map(String.init) ?? qualified
    }

    private func containsWord(_ word: String, in text: String) -> Bool {
        text.split { !$0.isLetter }.contains { $0.uppercased() == word }
    }

    private func skipSpaces(from index: Int) -> Int {
        bytes[min(index, bytes.count)...].firstIndex { !isSpace($0) } ?? bytes.count
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_")
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The offending text on one line, shortened to `excerptLimit` characters.
    private func excerpt(_ range: Range<Int>) -> String {
        let flat = text(range).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count <= Self.excerptLimit ? flat : String(flat.prefix(Self.excerptLimit - 1)) + "…"
    }
}
