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
    /// The colours templates take their look from, by role (`theme.accent`, `theme.muted` …).
    public var theme: Theme

    /// The brand's accent colour; nil for the neutral, unbranded look. Setting it derives the
    /// theme's accent roles from it and keeps the others.
    public var accentColor: Color? {
        get { theme.isBranded ? theme.accent : nil }
        set { theme.applyAccent(newValue) }
    }

    /// Creates assets; all empty by default.
    /// - Parameters:
    ///   - images: Raster or SVG images by name.
    ///   - drawings: Vector drawings by name.
    ///   - brand: Facts about the brand templates may print or test.
    ///   - accentColor: The brand's accent colour, from which the theme's accent roles derive.
    ///   - theme: The colours by role before the accent is applied; the unbranded look by default.
    public init(images: [String: ImageAsset] = [:], drawings: [String: Drawing] = [:], brand: JSONValue? = nil,
                accentColor: Color? = nil, theme: Theme = Theme()) {
        self.images = images
        self.drawings = drawings
        self.brand = brand
        self.theme = theme
        if let accentColor { self.theme.applyAccent(accentColor) }
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
