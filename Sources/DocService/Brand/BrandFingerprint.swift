import Crypto
import Foundation

/// The version of a brand: SHA-256 over every brand file's name, length and bytes, in name order.
///
/// Names and lengths go in too, so renaming `logo.png` to `stamp.png` or moving bytes between
/// files changes the version. Stored in `brand_versions.sha256`, so the format must not change.
struct BrandFingerprint {
    /// Hex digits kept in `version`: 16 (64 bits), plenty to tell versions of one brand apart.
    static let hexDigits = 16

    private var hasher = SHA256()

    /// Adds one file.
    mutating func add(name: String, contents: Data) {
        hasher.update(Array(name.utf8) + [0] + Array(String(contents.count).utf8) + [0])
        hasher.update(Array(contents))
    }

    /// `sha256:` and the first 16 hex digits of the digest.
    var version: String {
        "sha256:" + hasher.finalize().prefix(Self.hexDigits / 2).map { String(format: "%02x", $0) }.joined()
    }

    /// swift-crypto's SHA-256 behind the byte-array calls the fingerprint (and its standard-vector
    /// test) use.
    struct SHA256 {
        private var digest = Crypto.SHA256()

        /// Feeds bytes.
        mutating func update(_ bytes: [UInt8]) {
            digest.update(data: bytes)
        }

        /// The 32-byte digest of everything fed so far.
        func finalize() -> [UInt8] {
            Array(digest.finalize())
        }
    }
}
