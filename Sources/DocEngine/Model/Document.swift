/// An unpositioned document: what a template produces and the layout engine paginates.
/// It knows boxes, text and images, nothing of orders or brands.
public struct Document: Sendable {
    public var metadata: DocumentMetadata
    public var page: PageSetup
    /// Blocks repeated at the top of every page (a logo strip, page numbers).
    public var header: [Block]
    /// Blocks repeated at the bottom of every page (a footer note, "Страница 2 из 5").
    public var footer: [Block]
    /// The flowing content.
    public var body: [Block]
    /// The style of text that sets none of its own.
    public var defaultStyle: TextStyle
    /// The language the text is in: it picks the font's language-specific forms and the line
    /// breaking rules. Unstated, Unicode's defaults apply.
    public var language: LanguageTag

    /// Creates a document.
    public init(
        metadata: DocumentMetadata = DocumentMetadata(), page: PageSetup = PageSetup(),
        header: [Block] = [], footer: [Block] = [], body: [Block] = [], defaultStyle: TextStyle = TextStyle(),
        language: LanguageTag = .undetermined
    ) {
        self.language = language
        self.metadata = metadata
        self.page = page
        self.header = header
        self.footer = footer
        self.body = body
        self.defaultStyle = defaultStyle
    }
}

/// The PDF's document information. Dates come from the data, never the clock,
/// so that the same input gives the same bytes.
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: String?
    public var creator: String?
    /// ISO 8601, e.g. `2026-11-22T00:00:00+06:00`. Nil writes a fixed epoch date, never "now".
    public var creationDate: String?

    /// Creates metadata.
    public init(
        title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil,
        creator: String? = nil, creationDate: String? = nil
    ) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.creationDate = creationDate
    }

    /// Every text the metadata would write, for white-label checks.
    public var allTexts: [String] { [title, author, subject, keywords, creator].compactMap { $0 } }
}

/// Page size and margins.
public struct PageSetup: Sendable, Hashable {
    public var size: Size
    public var margins: EdgeInsets
    /// Vertical gap between the header and the body, and between the body and the footer.
    public var headerGap: Double

    /// Creates a page setup; A4 with 15 mm margins by default.
    public init(size: Size = .a4, margins: EdgeInsets = EdgeInsets(all: 15 * Units.pointsPerMillimetre), headerGap: Double = 8) {
        self.size = size
        self.margins = margins
        self.headerGap = headerGap
    }
}
