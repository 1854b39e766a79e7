import DocEngine
import Foundation
import Templates
import Testing

/// The theme's roles: their defaults, what the brand's accent derives, and that every colour of a
/// built-in document really comes from them.
@Suite("Theme")
struct ThemeTests {
    @Test("the defaults are the unbranded look")
    func defaults() {
        let theme = RenderAssets().theme
        let expected: [String: String] = [
            "accent": "#000000", "headerBackground": "#EEEEEE", "headerText": "#000000", "rule": "#000000",
            "text": "#000000", "secondary": "#444444", "muted": "#555555", "faint": "#666666",
            "labelBackground": "#F3F6FA", "stripe": "#F3F6FA", "paper": "#FFFFFF", "success": "#1B5E20",
        ]
        #expect(Set(Theme.roleNames) == Set(expected.keys))
        for (name, hex) in expected {
            #expect(theme.color(ofRole: name) == Color(hex: hex), "\(name)")
        }
        #expect(!theme.isBranded)
        #expect(theme.color(ofRole: "unknown") == nil)
    }

    @Test("a brand's accent derives the accent roles and leaves the others alone")
    func accentDerivesItsRoles() throws {
        let accent = try #require(Color(hex: "#1B7F5A"))
        var assets = RenderAssets(accentColor: accent)
        #expect(assets.accentColor == accent)
        #expect(assets.theme.isBranded)
        #expect(assets.theme.accent == accent && assets.theme.headerBackground == accent && assets.theme.rule == accent)
        #expect(assets.theme.headerText == accent.readableTextColor)
        var expected = Theme()
        expected.applyAccent(accent)
        #expect(assets.theme == expected)
        #expect(assets.theme.labelBackground == Theme().labelBackground)

        assets.accentColor = nil
        #expect(assets.theme == Theme())
        #expect(assets.accentColor == nil)
    }

    @Test("an accent applies over a caller's theme without undoing its other roles")
    func accentOverCustomTheme() throws {
        var custom = Theme()
        let tint = try #require(Color(hex: "#FFF3E0"))
        let known = custom.setColor(tint, ofRole: "labelBackground")
        let misspelt = custom.setColor(tint, ofRole: "labelBackgroud")
        #expect(known && !misspelt)
        let accent = try #require(Color(hex: "#8E1B3A"))
        let assets = RenderAssets(accentColor: accent, theme: custom)
        #expect(assets.theme.labelBackground == tint)
        #expect(assets.theme.headerBackground == accent)
    }

    @Test("an unknown role is a compile-time error with a suggestion")
    func unknownRole() throws {
        let (_, diagnostics) = CompiledTemplate.check(
            text: "{% p color=theme.mutted %}x{% endp %}{% if theme.isBranded %}y{% endif %}", fileName: "t.doc",
            library: try TemplateLibrary.builtIn())
        #expect(diagnostics.map(\.message) == ["`theme` has no role `mutted`"])
        #expect(diagnostics.first?.hints == ["did you mean `muted`?"])
    }

    /// For each role, a sample of SampleData whose document shows it; and a colour no template uses.
    static let roleSamples: [(role: String, template: String, sample: String)] = [
        ("accent", "invoice", "invoice-kgs"), ("headerBackground", "invoice", "invoice-kgs"),
        ("headerText", "invoice", "invoice-kgs"), ("rule", "act", "act-ru"),
        ("text", "driver-assignment", "driver-assignment-ru"), ("secondary", "act", "act-ru"),
        ("muted", "invoice", "invoice-kgs"), ("faint", "contract", "contract-ru"),
        ("labelBackground", "request", "request-ru"), ("stripe", "request", "request-ru"),
        ("paper", "request", "request-ru"), ("success", "driver-assignment", "driver-assignment-ru"),
    ]
    static let probe = Color(hex: "#FF00AA")!

    @Test("changing a role changes the colour a built-in document is drawn in", arguments: ThemeTests.roleSamples)
    func roleReachesTheDocument(role: String, template: String, sample: String) throws {
        let compiled = try TemplateLibrary.builtIn().template(named: template)
        let data = try CompiledTemplate.parseData(try Data(contentsOf: SampleFiles.url(sample)))
        let plain = try compiled.render(data: data)
        var theme = Theme()
        let isRole = theme.setColor(Self.probe, ofRole: role)
        #expect(isRole)
        let restyled = try compiled.render(data: data, assets: RenderAssets(theme: theme))
        #expect(!DocumentColors.of(plain).contains(Self.probe))
        #expect(DocumentColors.of(restyled).contains(Self.probe), "`theme.\(role)` did not reach \(sample)")
    }
}

/// Every colour a document asks for: text, rules, row and cell fills.
enum DocumentColors {
    static func of(_ document: Document) -> Set<Color> {
        var colors: Set<Color> = [document.defaultStyle.color]
        for block in document.header + document.footer + document.body { collect(block, into: &colors) }
        return colors
    }

    private static func collect(_ block: Block, into colors: inout Set<Color>) {
        switch block {
        case .paragraph(let paragraph):
            for inline in paragraph.content {
                switch inline {
                case .text(_, let style, _), .pageNumber(let style), .pageCount(let style): colors.insert(style.color)
                default: break
                }
            }
        case .rule(let rule): colors.insert(rule.color)
        case .columns(let columns):
            for column in columns.columns { column.blocks.forEach { collect($0, into: &colors) } }
        case .table(let table):
            for row in table.headerRows + table.rows {
                if let background = row.background { colors.insert(background) }
                for cell in row.cells {
                    if let background = cell.background { colors.insert(background) }
                    cell.blocks.forEach { collect($0, into: &colors) }
                }
            }
        case .keepTogether(let blocks, _): blocks.forEach { collect($0, into: &colors) }
        case .overlay(let overlay): overlay.blocks.forEach { collect($0, into: &colors) }
        default: break
        }
    }
}

/// The repository's SampleData folder, found from this file.
enum SampleFiles {
    static let directory = TestData.directory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name + ".json") }
}
