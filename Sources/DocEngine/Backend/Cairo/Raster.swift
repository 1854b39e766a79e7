public import Foundation

/// Decoded pixels of a PNG, for comparing previews with reference images.
public struct Raster: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Red, green, blue per pixel, row by row (alpha is flattened onto white).
    public let rgb: [UInt8]

    /// Decodes PNG bytes (JPEG and SVG are accepted too; SVG is drawn at its intrinsic size).
    /// - Throws: `ImageError` for anything that is not a readable image.
    public init(png data: Data) throws(ImageError) {
        let asset = try ImageAsset(data: data, name: "raster")
        let pixels: PixelImage
        switch asset.content {
        case .raster(let decoded, _):
            pixels = decoded
        case .vector(let svg):
            do {
                pixels = try svg.rasterized(pixelWidth: asset.pixelWidth, pixelHeight: asset.pixelHeight)
            } catch {
                throw .corrupt(name: asset.name, reason: error.message)
            }
        }
        width = pixels.width
        height = pixels.height
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let index = (y * width + x) * 3
                let color = pixels.rgbOverWhite(x: x, y: y)
                rgb[index] = color.red
                rgb[index + 1] = color.green
                rgb[index + 2] = color.blue
            }
        }
        self.rgb = rgb
    }

    /// How many pixels differ from `other` by more than `tolerance` in some channel;
    /// nil when the sizes differ.
    public func differingPixels(from other: Raster, tolerance: Int) -> Int? {
        guard width == other.width, height == other.height else { return nil }
        var count = 0
        for pixel in 0..<(width * height) {
            let i = pixel * 3
            if abs(Int(rgb[i]) - Int(other.rgb[i])) > tolerance || abs(Int(rgb[i + 1]) - Int(other.rgb[i + 1])) > tolerance
                || abs(Int(rgb[i + 2]) - Int(other.rgb[i + 2])) > tolerance
            {
                count += 1
            }
        }
        return count
    }

    /// Whether some pixel is close to `color` (within `tolerance` per channel) inside `rect` (pixels).
    public func containsColor(_ color: Color, tolerance: Int, in rect: (x: Int, y: Int, width: Int, height: Int)) -> Bool {
        let target = [color.red, color.green, color.blue].map { Int(($0 * 255).rounded()) }
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) {
                let i = (y * width + x) * 3
                if abs(Int(rgb[i]) - target[0]) <= tolerance, abs(Int(rgb[i + 1]) - target[1]) <= tolerance,
                    abs(Int(rgb[i + 2]) - target[2]) <= tolerance
                {
                    return true
                }
            }
        }
        return false
    }
}
