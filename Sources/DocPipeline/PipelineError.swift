/// What a render can fail at beyond the template, the data and the layout, each with a message a
/// person can act on.
package enum PipelineError: Error, Equatable, CustomStringConvertible {
    /// A PNG of a page the document does not have.
    case noSuchPage(Int, pageCount: Int)
    /// An order package whose data is not `{"parts": [{"template", "data"}, …]}` (the message names the path).
    case invalidPackage(String)
    /// An order package whose parts go to different readers, orders or issuers (docs/documents.md
    /// §10): the message names the parts and their recipients.
    case mixedPackage(String)
    /// A template named by path that is not there.
    case missingTemplateFile(String)
    /// An output file that could not be written.
    case cannotWrite(path: String, reason: String)
    /// The data breaks the data contract; every problem, each with its JSON path.
    case invalidData([DataProblem])
    /// The data contract itself (the library's `schema/` folder) cannot be used.
    case invalidContract(String)
    /// A spreadsheet of a template that declares no table export (`{% sheet %}`).
    case noTableExport(String)

    package var description: String {
        switch self {
        case .noSuchPage(let page, let count): "page \(page) does not exist; the document has \(count) page(s)"
        case .invalidPackage(let message): message
        case .mixedPackage(let message): message
        case .missingTemplateFile(let path): "no template file at \(path)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .invalidData(let problems): problems.map(\.description).joined(separator: "\n")
        case .invalidContract(let reason): "data contract: \(reason)"
        case .noTableExport(let template):
            "template `\(template)` declares no table export ({% sheet %}), so it has no spreadsheet; render it as PDF or PNG"
        }
    }
}
