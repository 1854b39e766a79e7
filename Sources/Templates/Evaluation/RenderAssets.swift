public import DocEngine

/// What the host supplies to a render besides the data: the brand's look and its pictures.
/// Templates never read files; they place these by name (`{% image "logo" %}`).
public struct RenderAssets: Sendable {
    /// Raster or SVG images by name: `logo`, `stamp`, `signature`.
    public var images: [String: ImageAsset]
    /// Vector drawings by name (a vectorised finger-drawn signature), placed like images.
    public var drawings: [String: Drawing]
    /// Facts about the brand the template may print or test: `brand.displayName`,
    /// `brand.footerNote`, `brand.terms`, `brand.hasLogo` …
    public var brand: JSONValue?
    /// The brand's accent colour; nil for the neutral, unbranded look.
    public var accentColor: Color?

    /// Creates assets; all empty by default.
    public init(images: [String: ImageAsset] = [:], drawings: [String: Drawing] = [:], brand: JSONValue? = nil,
                accentColor: Color? = nil) {
        self.images = images
        self.drawings = drawings
        self.brand = brand
        self.accentColor = accentColor
    }

    /// The `theme` variable: colours every template takes its look from. Text on an accent
    /// background is black or white, whichever reads better on it.
    var theme: [String: Value] {
        guard let accent = accentColor else {
            return [
                "accent": .string("#000000"), "headerBackground": .string("#EEEEEE"), "headerText": .string("#000000"),
                "rule": .string("#000000"), "muted": .string("#555555"), "isBranded": .bool(false),
            ]
        }
        return [
            "accent": .string(accent.hexString), "headerBackground": .string(accent.hexString),
            "headerText": .string(accent.readableTextColor.hexString), "rule": .string(accent.hexString),
            "muted": .string("#555555"), "isBranded": .bool(true),
        ]
    }
}

extension Color {
    /// `#RRGGBB`.
    var hexString: String {
        func byte(_ c: Double) -> String {
            let value = Int((min(max(c, 0), 1) * 255).rounded())
            return (value < 16 ? "0" : "") + String(value, radix: 16, uppercase: true)
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }
}
