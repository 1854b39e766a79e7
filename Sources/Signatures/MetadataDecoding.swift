/// Decodes and checks the optional descriptive strings of the schema.
enum MetadataDecoding {
    /// Exactly 64 lower-case hex digits (schema: `documentSha256.pattern`).
    private static let sha256HexLength = 64

    static func decode(from container: KeyedDecodingContainer<JSONKey>) throws -> SignatureMetadata {
        var metadata = SignatureMetadata()
        metadata.capturedAt = try dateTime("capturedAt", in: container)
        metadata.device = try string("device", in: container, maxLength: SignatureLimits.maxDeviceLength)
        metadata.signer = try string("signer", in: container, maxLength: SignatureLimits.maxSignerLength)
        metadata.signedAt = try dateTime("signedAt", in: container)
        metadata.timeZone = try string("timeZone", in: container, maxLength: SignatureLimits.maxTimeZoneLength)
        metadata.phone = try string("phone", in: container, maxLength: SignatureLimits.maxPhoneLength)
        if let hash = try string("documentSha256", in: container, maxLength: nil) {
            let isLowerHex = hash.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            guard hash.utf8.count == sha256HexLength, isLowerHex else {
                throw violation("documentSha256", "must be 64 lower-case hexadecimal digits")
            }
            metadata.documentSha256 = hash
        }
        return metadata
    }

    private static func string(
        _ name: String, in container: KeyedDecodingContainer<JSONKey>, maxLength: Int?
    ) throws -> String? {
        let key = JSONKey(name)
        guard container.contains(key) else { return nil }
        // decodeIfPresent would turn null into "absent"; the schema says a present value is a string.
        if try container.decodeNil(forKey: key) { throw violation(name, "expected a string, found null") }
        let value = try container.decode(String.self, forKey: key)
        // JSON Schema counts length in code points.
        if let maxLength, value.unicodeScalars.count > maxLength {
            throw violation(name, "is \(value.unicodeScalars.count) characters long; at most \(maxLength) are allowed")
        }
        return value
    }

    private static func dateTime(_ name: String, in container: KeyedDecodingContainer<JSONKey>) throws -> String? {
        guard let value = try string(name, in: container, maxLength: nil) else { return nil }
        guard RFC3339.isDateTime(value) else {
            throw violation(name, "expected an RFC 3339 date-time such as 2024-05-17T09:30:00Z, found \"\(value)\"")
        }
        return value
    }

    private static func violation(_ path: String, _ message: String) -> SignatureError {
        .schemaViolation(path: path, message: message)
    }
}

/// The `date-time` format of JSON Schema: RFC 3339 `full-date "T" full-time`.
enum RFC3339 {
    static func isDateTime(_ text: String) -> Bool {
        var scanner = ByteScanner(Array(text.utf8))
        guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2), scanner.skip("-"),
            let day = scanner.digits(2), scanner.skip(oneOf: "Tt"), let hour = scanner.digits(2), scanner.skip(":"),
            let minute = scanner.digits(2), scanner.skip(":"), let second = scanner.digits(2)
        else { return false }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour <= 23,
            minute <= 59, second <= 60  // 60: leap second
        else { return false }
        if scanner.skip(".") {
            guard scanner.digitRun() > 0 else { return false }
        }
        if scanner.skip(oneOf: "Zz") { return scanner.isAtEnd }
        guard scanner.skip(oneOf: "+-"), let offsetHour = scanner.digits(2), scanner.skip(":"),
            let offsetMinute = scanner.digits(2)
        else { return false }
        return offsetHour <= 23 && offsetMinute <= 59 && scanner.isAtEnd
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct ByteScanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { index == bytes.count }

        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        mutating func digitRun() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }

        mutating func skip(_ character: Character) -> Bool { skip(oneOf: String(character)) }

        mutating func skip(oneOf characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
    }
}
