package import Foundation
package import Templates

/// The data contract every render checks before a template runs: `schema/document.schema.json`
/// of the template library (unknown and misspelt fields, exact types, enums, patterns, sizes,
/// positive quantities and prices, rates from 0 to 100), plus what a schema cannot say — the
/// amounts a document adds up stay within what it may state.
///
/// All problems of one document are found at once, each with its JSON path.
package struct DataContract: Sendable {
    /// The largest amount a document may state, line or total: what amounts in words are written
    /// for (up to hundreds of billions), so no document stops at its words after it was numbered.
    package static let largestAmount = try! ExactDecimal("999999999999.99")

    /// The schema checker.
    package let validator: JSONSchemaValidator

    /// Reads `document.schema.json` and the schemas beside it (`signature.schema.json`) in `folder`.
    /// - Throws: `PipelineError.invalidContract` when a schema is missing, unreadable or uses what
    ///   the validator does not implement.
    package init(schemaFolder folder: URL) throws(PipelineError) {
        func load(_ name: String) throws(PipelineError) -> JSONValue {
            let url = folder.appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: url.path) else {
                throw .invalidContract("\(url.path): missing")
            }
            do { return try JSONParser.parse(bytes) } catch { throw .invalidContract("\(url.path): \(error)") }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var documents: [String: JSONValue] = [:]
        for name in names where name.hasSuffix(".schema.json") { documents[name] = try load(name) }
        try self.init(documents: documents, folder: folder)
    }

    /// The contract of a template library: the schemas it has already parsed. A schema that did
    /// not parse there is read again here, for the error that says where.
    package init(library: TemplateLibrary) throws(PipelineError) {
        let folder = library.directory.appendingPathComponent("schema", isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        guard names.allSatisfy({ !$0.hasSuffix(".schema.json") || library.schemaDocuments[$0] != nil }),
            library.schemaDocuments["document.schema.json"] != nil
        else {
            try self.init(schemaFolder: folder)
            return
        }
        try self.init(documents: library.schemaDocuments, folder: folder)
    }

    /// `document.schema.json`, with the others beside it for its `$ref`s.
    private init(documents: [String: JSONValue], folder: URL) throws(PipelineError) {
        guard let document = documents["document.schema.json"] else {
            throw .invalidContract("\(folder.appendingPathComponent("document.schema.json").path): missing")
        }
        do {
            validator = try JSONSchemaValidator(
                schema: document, others: documents.filter { $0.key != "document.schema.json" })
        } catch {
            throw .invalidContract(error.description)
        }
    }

    /// Every problem of `data`: the schema's, then the totals' (only for data the schema accepts,
    /// since totals of malformed amounts mean nothing).
    package func problems(in data: JSONValue) -> [DataProblem] {
        let problems = validator.validate(data)
        return problems.isEmpty ? Self.totalProblems(in: data) : problems
    }

    /// Throws when `data` breaks the contract.
    /// - Throws: `PipelineError.invalidData` with every problem.
    package func check(_ data: JSONValue) throws(PipelineError) {
        let problems = problems(in: data)
        if !problems.isEmpty { throw .invalidData(problems) }
    }

    /// Each line's quantity × price and the sum of the lines, with VAT added on top when it is
    /// (`vat.included: false`, at each line's own `vatRate` else the document's), must stay within
    /// `largestAmount`: a document stating more is a typing accident, and its amount in words nonsense.
    package static func totalProblems(in data: JSONValue) -> [DataProblem] {
        guard let items = data["items"]?.arrayValue else { return [] }
        let itemsPath = JSONPath.root.appending(key: "items")
        let vatOnTop = data["vat"]?["included"]?.boolValue == false
        let documentRate = decimal(data["vat"]?["rate"]) ?? .zero
        var problems: [DataProblem] = []
        var total: ExactDecimal? = .zero
        for (index, item) in items.enumerated() {
            guard let quantity = decimal(item["quantity"]), let price = decimal(item["price"]) else { continue }
            guard let line = try? quantity.multiplied(by: price), line <= largestAmount else {
                problems.append(
                    DataProblem(
                        path: itemsPath.appending(index: index),
                        message: "quantity × price is more than the largest amount a document may state, \(largestAmount)"))
                continue
            }
            var stated: ExactDecimal? = line
            if vatOnTop {
                let rate = decimal(item["vatRate"]) ?? documentRate
                stated = try? line.multiplied(by: try ExactDecimal(100).adding(rate)).divided(by: ExactDecimal(100), scale: 6)
            }
            total = total.flatMap { sum in stated.flatMap { try? sum.adding($0) } }
        }
        guard problems.isEmpty else { return problems }
        if total.map({ $0 > largestAmount }) ?? true {
            problems.append(
                DataProblem(
                    path: itemsPath,
                    message: "the total of the lines\(vatOnTop ? " with VAT" : "") is more than the largest amount a document may state, \(largestAmount)"))
        }
        return problems
    }

    private static func decimal(_ value: JSONValue?) -> ExactDecimal? {
        switch value {
        case .string(let text)?, .number(let text)?: try? ExactDecimal(text)
        default: nil
        }
    }
}
