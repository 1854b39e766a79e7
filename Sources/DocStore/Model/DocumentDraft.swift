/// What the caller knows about a document before it is numbered and rendered.
package struct DocumentDraft: Sendable, Equatable {
    package var tenantID: String
    package var clientID: String?
    /// The order the document belongs to; nil for documents of no single order (contracts,
    /// supplements, invoices and acts over several orders).
    package var orderID: String?
    package var docType: String
    package var templateName: String
    package var templateVersion: String
    package var brandID: String?
    package var brandVersion: Int?
    /// SHA-256 of the document data.
    package var dataSHA256: String
    package var fontsFingerprint: String
    package var engineVersion: String
    /// The number from the data; nil or empty asks the store to assign the next one.
    package var number: String?
    /// The document this one reissues; it must be the latest version of its lineage.
    package var supersedes: String?
    /// The language it is rendered in.
    package var locale: String?
    /// The issue date printed on it (`document.date`, `YYYY-MM-DD`), for listings by period.
    package var issuedOn: String?

    package init(
        tenantID: String, clientID: String? = nil, orderID: String?, docType: String, templateName: String,
        templateVersion: String, brandID: String? = nil, brandVersion: Int? = nil, dataSHA256: String,
        fontsFingerprint: String, engineVersion: String, number: String? = nil, supersedes: String? = nil,
        locale: String? = nil, issuedOn: String? = nil
    ) {
        self.tenantID = tenantID
        self.clientID = clientID
        self.orderID = orderID
        self.docType = docType
        self.templateName = templateName
        self.templateVersion = templateVersion
        self.brandID = brandID
        self.brandVersion = brandVersion
        self.dataSHA256 = dataSHA256
        self.fontsFingerprint = fontsFingerprint
        self.engineVersion = engineVersion
        self.number = number
        self.supersedes = supersedes
        self.locale = locale
        self.issuedOn = issuedOn
    }

    /// The first ten characters of `date` when they are `YYYY-MM-DD` (digits and dashes; whether
    /// the day exists is the data contract's business), else nil: what `issuedOn` records.
    ///
    /// Byte by byte rather than with a regex literal: Swift parses a literal's pattern again each
    /// time the expression runs, which cost every issued document more than its check.
    package static func issueDay(of date: String) -> String? {
        var utf8 = date.utf8.prefix(10).makeIterator()
        for position in 0..<10 {
            guard let byte = utf8.next() else { return nil }
            let wanted = position == 4 || position == 7
            guard wanted ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        }
        return String(decoding: date.utf8.prefix(10), as: UTF8.self)
    }
}
