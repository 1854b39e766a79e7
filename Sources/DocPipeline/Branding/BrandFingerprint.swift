import Crypto
package import Foundation

/// The version of a brand: SHA-256 over every brand file's name, length and bytes, in name order.
///
/// Names and lengths go in too, so renaming `logo.png` to `stamp.png` or moving bytes between
/// files changes the version. Stored in `brand_versions.sha256`, so the format must not change.
package struct BrandFingerprint {
    /// Hex digits kept in `version`: 16 (64 bits), plenty to tell versions of one brand apart.
    package static let hexDigits = 16

    private var hasher = SHA256()

    /// A fingerprint of no file yet.
    package init() {}

    /// Adds one file.
    package mutating func add(name: String, contents: Data) {
        hasher.update(data: Array(name.utf8) + [0] + Array(String(contents.count).utf8) + [0])
        hasher.update(data: contents)
    }

    /// `sha256:` and the first 16 hex digits of the digest.
    package var version: String {
        "sha256:" + hasher.finalize().prefix(Self.hexDigits / 2).map { String(format: "%02x", $0) }.joined()
    }
}
