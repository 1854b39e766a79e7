package import DocEngine
package import Foundation
package import Templates

/// The whole package of an order as one PDF: each part (request, driver assignment, invoice,
/// act) is rendered from its own data by its own template, keeps its own page numbering, and
/// gets an outline entry (bookmark) pointing at its first page.
///
/// Data (schema/order-package.schema.json):
/// `{"title": "…", "recipient": {"name": "…", "inn": "…"}, "parts": [{"template": "invoice", "data": {…}}, …]}`.
///
/// A package goes to one reader (docs/documents.md §10): every part must be of the same order,
/// from the same issuer and addressed to the same recipient — the package's `recipient` when it
/// names one, else the first part's. A carrier's request (its rate, the driver's passport) and a
/// client's invoice (the client's price) in one PDF would show each reader the other's price and
/// someone's personal data, so such a package is refused, naming the parts and their recipients.
package enum OrderPackage {
    package static let templateName = "order-package"

    package static func layout(
        _ data: Data, pipeline: DocumentPipeline, language: Language?, branding: DocumentPipeline.Branding?
    ) throws -> LaidOutDocument {
        let json = try CompiledTemplate.parseData(data)
        try checkShape(json)
        guard let parts = json["parts"]?.arrayValue, !parts.isEmpty else {
            throw PipelineError.invalidPackage("parts: expected a non-empty list of {\"template\", \"data\"}")
        }
        var named: [(template: String, data: JSONValue)] = []
        for (index, part) in parts.enumerated() {
            guard let template = part["template"]?.stringValue, let partData = part["data"] else {
                throw PipelineError.invalidPackage("parts[\(index)]: expected {\"template\": name, \"data\": {…}}")
            }
            guard template != templateName else { throw PipelineError.invalidPackage("parts[\(index)].template: a package cannot contain a package") }
            named.append((template, partData))
        }
        try checkOneReader(named, packageRecipient: json["recipient"], branding: branding)
        var pages: [Page] = []
        var bookmarks: [Bookmark] = []
        var firstMetadata: DocumentMetadata?
        for (index, part) in named.enumerated() {
            let document: LaidOutDocument
            do {
                document = try pipeline.layout(template: part.template, json: part.data, language: language, branding: branding)
            } catch let error as TemplateError {
                throw PipelineError.invalidPackage("parts[\(index)].data: \(error.summary)")
            } catch PipelineError.invalidData(let problems) {
                let prefix = JSONPath.root.appending(key: "parts").appending(index: index).appending(key: "data")
                throw PipelineError.invalidData(problems.map { $0.nested(under: prefix) })
            }
            let title = document.metadata.title ?? part.template
            bookmarks.append(Bookmark(title: title, level: 1, pageIndex: pages.count, y: 0))
            bookmarks += document.bookmarks.map { mark in
                Bookmark(title: mark.title, level: mark.level + 1, pageIndex: mark.pageIndex + pages.count, y: mark.y)
            }
            pages += document.pages
            if firstMetadata == nil { firstMetadata = document.metadata }
        }
        var metadata = firstMetadata ?? DocumentMetadata()
        metadata.title = json["title"]?.stringValue ?? metadata.title
        metadata.subject = json["title"]?.stringValue ?? metadata.subject
        return LaidOutDocument(metadata: metadata, pages: pages, bookmarks: bookmarks)
    }

    /// Who a part is addressed to: its `recipient` (the carrier on a request, the client on an
    /// invoice or act), or on a driver assignment without one, the order's carrier.
    package static func addressee(of template: String, data: JSONValue) -> (party: JSONValue, path: String)? {
        if let recipient = data["recipient"], recipient.objectValue != nil { return (recipient, "recipient") }
        if template == "driver-assignment", let carrier = data["order"]?["carrier"], carrier.objectValue != nil {
            return (carrier, "order.carrier")
        }
        return nil
    }

    /// Refuses a package whose parts go to different readers, belong to different orders or come
    /// from different issuers (docs/documents.md §10 rules 1–2).
    package static func checkOneReader(
        _ parts: [(template: String, data: JSONValue)], packageRecipient: JSONValue?, branding: DocumentPipeline.Branding?
    ) throws {
        var addressees: [(index: Int, template: String, party: JSONValue)] = []
        for (index, part) in parts.enumerated() {
            guard let (party, _) = addressee(of: part.template, data: part.data) else {
                throw PipelineError.mixedPackage(
                    "parts[\(index)] (\(part.template)) names no recipient (data.recipient"
                        + (part.template == "driver-assignment" ? " or data.order.carrier" : "")
                        + "): a package goes to one reader, so each part must say whom it is for")
            }
            addressees.append((index, part.template, party))
        }
        if let wanted = packageRecipient, wanted != .null {
            guard wanted.objectValue != nil, wanted["name"]?.stringValue?.isEmpty == false else {
                throw PipelineError.invalidPackage("recipient: expected the party the package is for, {\"name\": …, \"inn\": …}")
            }
            let strangers = addressees.filter { !samePartyAs(wanted, $0.party) }
            if !strangers.isEmpty {
                throw PipelineError.mixedPackage(
                    "the package is for \(describe(wanted)), but "
                        + strangers.map { "parts[\($0.index)] (\($0.template)) is addressed to \(describe($0.party))" }
                        .joined(separator: "; ")
                        + ": a package goes to one reader; make one package per recipient")
            }
        } else if let first = addressees.first, addressees.contains(where: { !samePartyAs(first.party, $0.party) }) {
            // Group the parts by recipient so the message reads as the two packages it should be.
            var groups: [(party: JSONValue, parts: [String])] = []
            for entry in addressees {
                let label = "parts[\(entry.index)] (\(entry.template))"
                if let group = groups.firstIndex(where: { samePartyAs($0.party, entry.party) }) {
                    groups[group].parts.append(label)
                } else {
                    groups.append((entry.party, [label]))
                }
            }
            throw PipelineError.mixedPackage(
                "an order package goes to one reader, but its parts are addressed to different recipients: "
                    + groups.map { "\($0.parts.joined(separator: ", ")) → \(describe($0.party))" }.joined(separator: "; ")
                    + ". Each reader would see the other's prices and personal data; make one package per recipient")
        }
        let orders = Set(parts.compactMap { $0.data["order"]?["id"]?.stringValue })
        if orders.count > 1 {
            throw PipelineError.mixedPackage(
                "an order package holds the documents of one order, but its parts belong to "
                    + parts.enumerated().compactMap { index, part in
                        part.data["order"]?["id"]?.stringValue.map { "parts[\(index)] (\(part.template)) → \($0)" }
                    }.joined(separator: ", "))
        }
        // The issuer is the brand's legal party when the data has none (BrandApplication).
        let brandIssuer = branding?.brand.legal
        let issuers = parts.enumerated().compactMap { index, part -> (Int, String, JSONValue)? in
            guard let issuer = part.data["issuer"] ?? brandIssuer else { return nil }
            return (index, part.template, issuer)
        }
        if let first = issuers.first, issuers.contains(where: { !samePartyAs(first.2, $0.2) }) {
            throw PipelineError.mixedPackage(
                "an order package has one issuer, but its parts are issued by "
                    + issuers.map { "parts[\($0.0)] (\($0.1)) → \(describe($0.2))" }.joined(separator: ", "))
        }
    }

    /// Parties are the same when their tax numbers match (both given), else their names do.
    static func samePartyAs(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let left = a["inn"]?.stringValue, let right = b["inn"]?.stringValue, !left.isEmpty, !right.isEmpty {
            return left == right
        }
        return normalisedName(a) == normalisedName(b)
    }

    private static func normalisedName(_ party: JSONValue) -> String {
        (party["name"]?.stringValue ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    private static func describe(_ party: JSONValue) -> String {
        let name = party["name"]?.stringValue ?? "?"
        guard let inn = party["inn"]?.stringValue, !inn.isEmpty else { return name }
        return "\(name) (\(inn))"
    }

    /// A package is `{"title"?, "recipient"?, "parts": [{"template", "data"}]}` and nothing else: an unknown
    /// member is refused like one in document data, never silently dropped.
    private static func checkShape(_ json: JSONValue) throws(PipelineError) {
        var problems: [DataProblem] = []
        func unknown(_ object: JSONObject?, allowed: [String], at path: JSONPath) {
            for key in object?.keys ?? [] where !allowed.contains(key) {
                let hint = Suggestions.closest(to: key, in: allowed).map { "; did you mean \($0)?" } ?? ""
                problems.append(DataProblem(path: path.appending(key: key), message: "unknown field" + hint))
            }
        }
        unknown(json.objectValue, allowed: ["title", "recipient", "parts"], at: .root)
        if let title = json["title"], title.stringValue == nil {
            problems.append(DataProblem(path: JSONPath.root.appending(key: "title"), message: "expected a string"))
        }
        for (index, part) in (json["parts"]?.arrayValue ?? []).enumerated() {
            unknown(part.objectValue, allowed: ["template", "data"], at: JSONPath.root.appending(key: "parts").appending(index: index))
        }
        if !problems.isEmpty { throw .invalidData(problems) }
    }
}
