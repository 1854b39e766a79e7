/// Decoded pixels that belong to no backend: `height` rows of `width` native-endian 32-bit
/// words `0xAARRGGBB`, rows packed without padding.
///
/// With `hasAlpha`, colour is premultiplied by alpha. Without it every pixel is opaque and the
/// top byte means nothing. (This is the layout cairo, pixman and most compositors take as it
/// is, so a backend can draw the pixels without converting or copying them.)
///
/// `@unchecked Sendable`: a decoder fills the pixels before the image is shared; afterwards
/// they are only read.
final class PixelImage: @unchecked Sendable {
    let width: Int
    let height: Int
    let hasAlpha: Bool
    /// The first pixel; `height * bytesPerRow` bytes, 16-byte aligned.
    let base: UnsafeMutableRawPointer

    /// Bytes from one row to the next.
    var bytesPerRow: Int { width * 4 }

    /// Allocates a zeroed image for a decoder to fill.
    init(width: Int, height: Int, hasAlpha: Bool) {
        precondition(width > 0 && height > 0, "a pixel image has pixels")
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        base = UnsafeMutableRawPointer.allocate(byteCount: width * height * 4, alignment: 16)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: width * height * 4)
    }

    deinit { base.deallocate() }

    /// The pixel at column `x` of row `y`.
    func pixel(x: Int, y: Int) -> UInt32 {
        base.load(fromByteOffset: y * bytesPerRow + x * 4, as: UInt32.self)
    }

    /// The pixel's red, green and blue over a white background.
    func rgbOverWhite(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let pixel = pixel(x: x, y: y)
        // Premultiplied: over white, a channel is c + (255 - alpha).
        let alpha = hasAlpha ? Int(pixel >> 24) : 255
        func channel(_ shift: UInt32) -> UInt8 { UInt8(min(255, Int(pixel >> shift & 0xFF) + 255 - alpha)) }
        return (channel(16), channel(8), channel(0))
    }
}
