/// What kind of value an attribute expects. The checker uses it for flags and literal values;
/// the evaluator uses it to convert the evaluated value.
public enum AttributeType: Hashable, Sendable {
    /// `true`/`false`; the only type that may be written as a bare flag.
    case boolean
    /// A whole number, e.g. `level`, `colspan`.
    case integer
    /// A plain number, e.g. `opacity`.
    case number
    /// A length such as `6pt`, `15mm`, `1fr`, `50%`.
    case length
    /// Free text.
    case string
    /// A colour, e.g. `"#1F4E79"` or `"gray"`.
    case color
    /// One of a fixed set of strings, e.g. `align`.
    case choice([String])
    /// Several shapes are accepted (e.g. a length or a list of lengths); the evaluator decides.
    case any

    /// Whether the attribute may be written as a bare flag (`{% row header %}`).
    public var acceptsFlag: Bool { self == .boolean }
}

/// One attribute an element accepts.
public struct AttributeDefinition: Hashable, Sendable {
    /// The attribute name.
    public var name: String
    /// The expected value.
    public var type: AttributeType
    /// Whether the element is unusable without it.
    public var isRequired: Bool

    /// Creates an attribute definition; the static helpers below read better in the table.
    /// - Parameters:
    ///   - name: The name.
    ///   - type: The expected value.
    ///   - isRequired: Whether it must be given.
    public init(_ name: String, _ type: AttributeType, isRequired: Bool = false) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
    }

    static func boolean(_ name: String) -> Self { Self(name, .boolean) }
    static func integer(_ name: String) -> Self { Self(name, .integer) }
    static func number(_ name: String) -> Self { Self(name, .number) }
    static func length(_ name: String) -> Self { Self(name, .length) }
    static func string(_ name: String) -> Self { Self(name, .string) }
    static func color(_ name: String) -> Self { Self(name, .color) }
    static func any(_ name: String) -> Self { Self(name, .any) }
    static func choice(_ name: String, _ values: [String]) -> Self { Self(name, .choice(values)) }

    /// The same attribute, marked required.
    func required() -> Self { Self(name, type, isRequired: true) }
}

/// Declares one element: where it may stand, what it may contain, and its attributes.
public struct ElementDefinition: Hashable, Sendable {
    /// Where an element may be placed.
    public enum Placement: Hashable, Sendable {
        /// Only outside every other element (control flow around it is fine).
        case topLevel
        /// Where blocks go: the top level and `flow` containers.
        case block
        /// Inside running text: `flow` and `inline` containers.
        case inline
        /// Like `inline`; at block level it stands on its own line (used by `image`).
        case blockOrInline
        /// Only directly inside one of these elements (control flow in between is fine).
        case inside([String])
    }

    /// What an element may contain.
    public enum Content: Hashable, Sendable {
        /// Nothing: a void element has no end tag.
        case void
        /// Blocks, inline elements and text.
        case flow
        /// Inline elements and text only.
        case inline
        /// At least one of these elements and nothing else (whitespace, comments, control flow,
        /// `let` and `include` aside).
        case only([String])
    }

    /// The element name.
    public var name: String
    /// Where it may stand.
    public var placement: Placement
    /// What it may contain.
    public var content: Content
    /// The attribute that may be written first without `name=`, if any.
    public var positional: String?
    /// The attributes it accepts.
    public var attributes: [AttributeDefinition]

    /// Creates a definition.
    /// - Parameters:
    ///   - name: The element name.
    ///   - placement: Where it may stand.
    ///   - content: What it may contain.
    ///   - positional: The positional attribute's name.
    ///   - attributes: The attributes (including the positional one).
    public init(
        _ name: String, _ placement: Placement, _ content: Content, positional: String? = nil,
        attributes: [AttributeDefinition] = []
    ) {
        self.name = name
        self.placement = placement
        self.content = content
        self.positional = positional
        self.attributes = attributes
    }

    /// Whether the element has no end tag.
    public var isVoid: Bool { content == .void }

    /// The attribute with the given name.
    /// - Parameter name: The attribute name.
    public func attribute(named name: String) -> AttributeDefinition? {
        attributes.first { $0.name == name }
    }
}

/// The elements templates may use. Adding an element is one entry in `elements`.
public enum ElementCatalog {
    private static let alignments = ["left", "center", "right", "justify"]
    private static let sideAlignments = ["left", "center", "right"]
    private static let verticalAlignments = ["top", "middle", "bottom"]
    private static let spacing: [AttributeDefinition] = [.length("spaceBefore"), .length("spaceAfter")]

    /// Every element, in the order the reference documents them.
    public static let elements: [ElementDefinition] = [
        .init(
            "page", .topLevel, .void,
            attributes: [
                .any("size"), .any("margin"), .choice("orientation", ["portrait", "landscape"]), .string("font"),
                .length("fontSize"),
            ]),
        .init(
            "meta", .topLevel, .void,
            attributes: [
                .string("title"), .string("author"), .string("subject"), .string("keywords"), .string("creator"),
                .any("created"),
            ]),
        .init(
            "header", .topLevel, .flow, attributes: [.length("size"), .color("color"), .choice("align", alignments)]),
        .init(
            "footer", .topLevel, .flow, attributes: [.length("size"), .color("color"), .choice("align", alignments)]),
        .init(
            "p", .block, .inline,
            attributes: [
                .choice("align", alignments), .length("size"), .boolean("bold"), .boolean("italic"), .color("color"),
                .any("leading"), .length("indent"), .boolean("keepWithNext"),
            ] + spacing),
        .init(
            "heading", .block, .inline, positional: "level",
            attributes: [.integer("level"), .choice("align", alignments), .length("size"), .color("color")] + spacing),
        .init("b", .inline, .inline),
        .init("i", .inline, .inline),
        .init(
            "span", .inline, .inline,
            attributes: [.length("size"), .boolean("bold"), .boolean("italic"), .color("color"), .string("font")]),
        .init("br", .inline, .void),
        .init("pagenumber", .inline, .void),
        .init("pagecount", .inline, .void),
        .init("rule", .block, .void, attributes: [.length("thickness"), .color("color")] + spacing),
        .init(
            "space", .block, .void, positional: "height",
            attributes: [AttributeDefinition.length("height").required()]),
        .init("pagebreak", .block, .void),
        .init("columns", .block, .only(["column"]), attributes: [.length("gap"), .any("widths")]),
        .init("column", .inside(["columns"]), .flow, attributes: [.length("width"), .choice("align", alignments)]),
        .init(
            "table", .block, .only(["row"]),
            attributes: [
                .any("columns"), .length("border"), .color("borderColor"), .any("padding"), .length("size"),
                .color("headerBackground"), .color("stripe"), .boolean("bold"),
            ]),
        .init(
            "row", .inside(["table"]), .only(["cell"]),
            attributes: [
                .boolean("header"), .color("background"), .color("color"), .boolean("bold"), .length("size"), .boolean("keep"),
            ]),
        .init(
            "cell", .inside(["row"]), .flow,
            attributes: [
                .integer("colspan"), .integer("rowspan"), .choice("align", alignments),
                .choice("valign", verticalAlignments), .color("background"), .boolean("bold"), .boolean("italic"),
                .length("size"), .color("color"), .length("border"), .any("padding"),
            ]),
        .init("keep", .block, .flow, attributes: [.boolean("withPrevious")]),
        .init(
            "image", .blockOrInline, .void, positional: "name",
            attributes: [
                AttributeDefinition.string("name").required(), .length("width"), .length("height"),
                .choice("align", sideAlignments), .choice("fit", ["contain", "cover", "fill"]),
            ]),
        .init(
            "qr", .block, .void, positional: "text",
            attributes: [
                AttributeDefinition.string("text").required(), .length("size"), .choice("align", sideAlignments),
                .color("color"),
            ]),
        .init(
            "overlay", .block, .flow, attributes: [.length("x"), .length("y"), .length("width"), .number("opacity")]),
    ] + sheetElements

    /// The table export (`{% sheet %}`): typed columns and rows written to XLSX, never laid out.
    private static let sheetTypes = ["text", "integer", "number", "money", "date", "datetime"]
    private static let sheetElements: [ElementDefinition] = [
        .init(
            "sheet", .topLevel, .only(["sheetcolumn", "sheetrow"]), positional: "name",
            attributes: [
                AttributeDefinition.string("name").required(), .color("headerBackground"), .color("headerColor"),
                .boolean("landscape"),
            ]),
        .init(
            "sheetcolumn", .inside(["sheet"]), .void, positional: "title",
            attributes: [
                AttributeDefinition.string("title").required(), .choice("type", sheetTypes), .string("currency"),
                .integer("digits"), .number("width"), .string("key"),
            ]),
        .init("sheetrow", .inside(["sheet"]), .only(["sheetcell"]), attributes: [.boolean("total")]),
        .init(
            "sheetcell", .inside(["sheetrow"]), .void, positional: "value",
            attributes: [
                .any("value"), .choice("type", sheetTypes), .string("currency"), .integer("digits"), .string("column"),
            ]),
    ]

    private static let byName: [String: ElementDefinition] = Dictionary(
        elements.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }
    )

    /// The definition of an element.
    /// - Parameter name: The element name, e.g. `table`.
    public static func element(named name: String) -> ElementDefinition? { byName[name] }

    /// All element names, for "did you mean" suggestions.
    public static var names: [String] { elements.map(\.name) }
}
