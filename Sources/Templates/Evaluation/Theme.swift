public import DocEngine

/// The colours a document takes its look from, by role: what templates read as `theme.NAME`.
///
/// Built-in templates name roles, never colours, so whoever renders can restyle every document
/// by changing roles. The defaults are the unbranded look. A brand's accent colour derives the
/// four accent roles (`accent`, `headerBackground`, `headerText`, `rule`); the other roles keep
/// their values whatever the accent.
public struct Theme: Sendable, Hashable {
    /// Titles, section headings, the brand's header rule and the tracking caption.
    public var accent: Color
    /// The header row of the items, tariff and route tables.
    public var headerBackground: Color
    /// Text on `headerBackground`.
    public var headerText: Color
    /// The thick rule under a title and above the signatures.
    public var rule: Color
    /// Body text, for the places that switch back to it inside a `secondary` line.
    public var text: Color
    /// Secondary text: subtitles, a signatory's position, the label column of requisites.
    public var secondary: Color
    /// Muted text: captions over values in the bank details, notes, a tariff's period.
    public var muted: Color
    /// Faint text: the page footer, «to be advised» placeholders, time zones, version lines.
    public var faint: Color
    /// The label column of label | value tables.
    public var labelBackground: Color
    /// Rows set apart from the others, such as the loading and unloading stops of a route.
    public var stripe: Color
    /// Rows that are not striped: the colour of the paper.
    public var paper: Color
    /// Good news: the driver's in-app acceptance of an assignment.
    public var success: Color
    /// Whether a brand's accent colour is applied (`{% if theme.isBranded %}`).
    public var isBranded: Bool

    /// The unbranded theme.
    public init() {
        accent = .black
        headerBackground = Self.neutralHeaderBackground
        headerText = .black
        rule = .black
        text = .black
        secondary = Self.rgb(0x44_44_44)
        muted = Self.rgb(0x55_55_55)
        faint = Self.rgb(0x66_66_66)
        labelBackground = Self.rgb(0xF3_F6_FA)
        stripe = Self.rgb(0xF3_F6_FA)
        paper = .white
        success = Self.rgb(0x1B_5E_20)
        isBranded = false
    }

    /// The unbranded theme with a brand's accent colour applied.
    /// - Parameter accent: The brand's accent colour; nil for the unbranded look.
    public init(accent: Color?) {
        self.init()
        applyAccent(accent)
    }

    /// Derives the accent roles from a brand's colour, keeping every other role. The header row
    /// takes the accent as its fill, with black or white text, whichever reads better on it.
    /// - Parameter accent: The brand's accent colour; nil restores the unbranded accent roles.
    public mutating func applyAccent(_ accent: Color?) {
        guard let accent else {
            self.accent = .black
            headerBackground = Self.neutralHeaderBackground
            headerText = .black
            rule = .black
            isBranded = false
            return
        }
        self.accent = accent
        headerBackground = accent
        headerText = accent.readableTextColor
        rule = accent
        isBranded = true
    }

    /// The role names templates read as `theme.NAME`, in a stable order.
    public static var roleNames: [String] { roles.map(\.name) }

    /// A role's colour by the name templates use.
    /// - Parameter name: A role name such as `labelBackground`.
    /// - Returns: The colour, or nil if no role has that name.
    public func color(ofRole name: String) -> Color? {
        Self.roles.first { $0.name == name }.map { self[keyPath: $0.keyPath] }
    }

    /// Sets a role's colour by the name templates use, e.g. from a brand's own settings.
    /// - Parameters:
    ///   - color: The new colour.
    ///   - name: A role name such as `labelBackground`.
    /// - Returns: False, changing nothing, if no role has that name.
    public mutating func setColor(_ color: Color, ofRole name: String) -> Bool {
        guard let role = Self.roles.first(where: { $0.name == name }) else { return false }
        self[keyPath: role.keyPath] = color
        return true
    }

    /// The `theme` variable templates see: every role as `#RRGGBB`, and `isBranded`.
    var values: [String: Value] {
        var values: [String: Value] = ["isBranded": .bool(isBranded)]
        for role in Self.roles { values[role.name] = .string(self[keyPath: role.keyPath].hexString) }
        return values
    }

    /// Every role: the name templates use and where its colour lives.
    private static var roles: [(name: String, keyPath: WritableKeyPath<Theme, Color>)] {
        [
            ("accent", \.accent), ("headerBackground", \.headerBackground), ("headerText", \.headerText),
            ("rule", \.rule), ("text", \.text), ("secondary", \.secondary), ("muted", \.muted), ("faint", \.faint),
            ("labelBackground", \.labelBackground), ("stripe", \.stripe), ("paper", \.paper), ("success", \.success),
        ]
    }

    /// The light grey of an unbranded header row.
    private static let neutralHeaderBackground = rgb(0xEE_EE_EE)

    private static func rgb(_ value: UInt32) -> Color {
        Color(
            red: Double(value >> 16 & 0xFF) / 255, green: Double(value >> 8 & 0xFF) / 255,
            blue: Double(value & 0xFF) / 255)
    }
}
