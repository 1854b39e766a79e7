import Glibc

/// Text compared and hashed as its UTF-8 bytes, for caches of work done on those bytes.
///
/// `String`'s own `==` and hash follow canonical equivalence: «é» as one scalar equals «e» with a
/// combining accent. Shaping, clusters and the PDF's text layer work on the bytes, so a cache
/// keyed by `String` would hand one spelling the other's glyphs; and hashing a `String` with any
/// non-ASCII scalar normalises it first, which costs more than the bytes' hash.
extension String {
    /// Whether both strings are the same UTF-8 bytes.
    func hasSameUTF8(as other: String) -> Bool {
        var (left, right) = (self, other)
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                leftBytes.count == rightBytes.count
                    && (leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0)
            }
        }
    }

    /// Feeds the UTF-8 bytes, and their count, to `hasher`.
    func hashUTF8(into hasher: inout Hasher) {
        var text = self
        text.withUTF8 { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}
