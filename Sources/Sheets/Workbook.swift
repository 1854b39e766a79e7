/// A spreadsheet file to write: its worksheets and the properties stored with it.
///
/// Plain values, built by whoever knows the content (the template evaluator) and written by
/// `XLSXWriter`. Nothing here knows orders or templates.
public struct Workbook: Sendable, Equatable {
    /// The worksheets, in tab order.
    public var sheets: [Worksheet]
    /// Title, author and the creation time written into the file.
    public var properties: WorkbookProperties

    /// Creates a workbook.
    /// - Parameters:
    ///   - sheets: the worksheets, in tab order.
    ///   - properties: title, author and the creation time.
    public init(sheets: [Worksheet] = [], properties: WorkbookProperties = WorkbookProperties()) {
        self.sheets = sheets
        self.properties = properties
    }
}

/// The document properties of a workbook (what Excel shows under File → Info).
public struct WorkbookProperties: Sendable, Equatable {
    /// The title.
    public var title: String
    /// Who wrote it: the issuer.
    public var author: String
    /// What it is about.
    public var subject: String
    /// When it was made, in UTC. It comes from the data (the document's date), never from the
    /// clock, so the same input gives the same bytes.
    public var created: SheetDateTime

    /// The creation time used when the data gives none: a fixed moment, not "now".
    public static let fixedCreationTime = SheetDateTime(year: 2000, month: 1, day: 1)

    /// Creates properties.
    /// - Parameters:
    ///   - title: the title.
    ///   - author: who wrote it.
    ///   - subject: what it is about.
    ///   - created: when it was made (UTC); a fixed moment by default.
    public init(title: String = "", author: String = "", subject: String = "", created: SheetDateTime? = nil) {
        self.title = title
        self.author = author
        self.subject = subject
        self.created = created ?? Self.fixedCreationTime
    }
}
