package import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body (RFC 7578) split into its parts, parsed by MultipartKit's
/// streaming parser; anything that is not a complete, well-formed form is a 400.
package struct MultipartForm {
    /// The most parts accepted; a brand folder has at most four files plus notes.
    package static let maximumPartCount = 32
    /// RFC 2046: a boundary is 1 to 70 characters.
    package static let maximumBoundaryLength = 70

    /// One part: its form field name, its file name, and its bytes.
    package struct Part: Sendable {
        /// The `name` of its `Content-Disposition`.
        package var name: String?
        /// The `filename*` (RFC 5987) or `filename` of its `Content-Disposition`, as sent.
        package var fileName: String?
        /// Its `Content-Type`, if given.
        package var contentType: String?
        package var body: Data
    }

    /// The parts in the order they were sent.
    package var parts: [Part]

    /// Parses `body` sent with the request header `contentType`.
    /// - Parameters:
    ///   - body: the whole request body.
    ///   - contentType: `multipart/form-data; boundary=…`.
    /// - Throws: `ServiceError.badRequest` naming what is malformed.
    package init(body: Data, contentType: String) throws(ServiceError) {
        guard let boundary = Self.boundary(in: contentType) else {
            throw .badRequest("Content-Type: expected multipart/form-data with a boundary of 1 to 70 characters")
        }
        // MultipartKit ignores a missing close delimiter; without it the last part may be cut short.
        guard body.range(of: Data("--\(boundary)--".utf8)) != nil else {
            throw .badRequest("multipart body: the closing boundary `--\(boundary)--` is missing")
        }
        try Self.checkHeaderNames(body, boundary: boundary)
        var collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(buffer.readBytes(length: buffer.readableBytes) ?? []) }
        parser.onPartComplete = { collector.complete() }
        do {
            try parser.execute(Array(body))
        } catch {
            throw .badRequest("multipart body: malformed part headers or boundary")
        }
        if let problem = collector.problem { throw .badRequest("multipart body: \(problem)") }
        guard !collector.isInPart else { throw .badRequest("multipart body: the last part is cut short") }
        guard !collector.parts.isEmpty else { throw .badRequest("multipart body: no parts") }
        parts = collector.parts
    }

    /// Refuses a part header whose name is not ASCII before MultipartKit sees it: its header-name
    /// table has 128 entries and indexes it with the byte, so one byte ≥ 0x80 in a header name
    /// crashed the whole service (found by schemathesis). Header names are RFC 7230 tokens anyway.
    /// - Throws: `ServiceError.badRequest`.
    static func checkHeaderNames(_ body: Data, boundary: String) throws(ServiceError) {
        let bytes = [UInt8](body)
        let delimiter = [UInt8]("--\(boundary)".utf8)
        var index = 0
        while let start = find(delimiter, in: bytes, from: index) {
            var position = start + delimiter.count
            // A header block follows the delimiter's line break and ends at an empty line.
            guard position + 1 < bytes.count, bytes[position] == 0x0D, bytes[position + 1] == 0x0A else {
                index = position
                continue
            }
            position += 2
            while position < bytes.count, !(bytes[position] == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A) {
                let lineEnd = find([0x0D, 0x0A], in: bytes, from: position) ?? bytes.count
                let nameEnd = bytes[position..<lineEnd].firstIndex(of: UInt8(ascii: ":")) ?? lineEnd
                if bytes[position..<nameEnd].contains(where: { $0 >= 0x80 }) {
                    throw .badRequest("multipart body: a part header's name is not ASCII")
                }
                if find(delimiter, in: Array(bytes[position..<lineEnd]), from: 0) != nil { break }
                position = lineEnd + 2
            }
            index = position
        }
    }

    /// The first index of `needle` in `bytes` at or after `start`.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The boundary parameter of a `multipart/form-data` media type, unquoted; nil for another type.
    package static func boundary(in contentType: String) -> String? {
        let fields = parameters(contentType)
        guard fields.first?.value == nil, fields.first?.key.lowercased() == "multipart/form-data",
            let boundary = fields.dropFirst().first(where: { $0.key.lowercased() == "boundary" })?.value,
            (1...maximumBoundaryLength).contains(boundary.utf8.count)
        else { return nil }
        return boundary
    }

    /// `value; key=value; key="quoted; value"` as (key, value) pairs; the leading value has a nil value.
    package static func parameters(_ header: String) -> [(key: String, value: String?)] {
        var fields: [(key: String, value: String?)] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in header + ";" {
            if escaped {
                current.append(character)
                escaped = false
            } else if inQuotes, character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                current.append(character)
                inQuotes.toggle()
            } else if character == ";", !inQuotes {
                let field = current.trimmingCharacters(in: .whitespaces)
                if !field.isEmpty {
                    if let equals = field.firstIndex(of: "=") {
                        let key = field[..<equals].trimmingCharacters(in: .whitespaces)
                        fields.append((key, unquote(field[field.index(after: equals)...].trimmingCharacters(in: .whitespaces))))
                    } else {
                        fields.append((field, nil))
                    }
                }
                current = ""
            } else {
                current.append(character)
            }
        }
        return fields
    }

    /// A quoted-string's content with its backslash escapes resolved; other text as it is.
    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped || character != "\\" {
                result.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return result
    }

    /// RFC 5987 `UTF-8''percent%20encoded`; nil for another charset or bad encoding.
    package static func extendedValue(_ text: String) -> String? {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }

    /// Gathers MultipartKit's callbacks into parts.
    private struct Collector {
        var parts: [Part] = []
        var headers: [(String, String)] = []
        var bytes: [UInt8] = []
        var isInPart = false
        var problem: String?

        mutating func header(_ name: String, _ value: String) {
            headers.append((name, value))
            isInPart = true
        }

        mutating func body(_ chunk: [UInt8]) {
            bytes += chunk
            isInPart = true
        }

        mutating func complete() {
            defer {
                headers = []
                bytes = []
                isInPart = false
            }
            guard problem == nil else { return }
            guard parts.count < MultipartForm.maximumPartCount else {
                problem = "more than \(MultipartForm.maximumPartCount) parts"
                return
            }
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1
            let fields = disposition.map(MultipartForm.parameters) ?? []
            guard fields.first?.key.lowercased() == "form-data", fields.first?.value == nil else {
                problem = "part \(parts.count + 1): expected the header Content-Disposition: form-data; name=\"…\""
                return
            }
            func field(_ key: String) -> String? { fields.dropFirst().first { $0.key.lowercased() == key }?.value ?? nil }
            let fileName = field("filename*").flatMap(MultipartForm.extendedValue) ?? field("filename")
            parts.append(
                Part(
                    name: field("name"), fileName: fileName,
                    contentType: headers.first { $0.0.lowercased() == "content-type" }?.1, body: Data(bytes)))
        }
    }
}
