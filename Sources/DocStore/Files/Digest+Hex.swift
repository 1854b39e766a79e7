import Crypto
package import Foundation

/// Lower-case hex SHA-256, the form of every `*_sha256` column and blob address.
package enum SHA256Hex {
    /// The SHA-256 of `data` in lower-case hex.
    package static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).hexString
    }

    /// Whether `text` is 64 lower-case hex digits, so a hash from a request can never name another path.
    package static func isValid(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            }
    }
}

extension Digest {
    /// Lower-case hex of the digest's bytes.
    package var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(Self.byteCount * 2)
        for byte in self {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
