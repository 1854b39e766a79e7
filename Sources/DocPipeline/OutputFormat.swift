/// What a render produces: a PDF (the document), a PNG (one page) or an XLSX (the template's
/// table export). Chosen by the file extension on the command line and by `Accept` over HTTP.
package enum OutputFormat: String, Sendable, CaseIterable {
    case pdf
    case png
    case xlsx

    /// The media type of the bytes.
    package var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }

    /// The file extension, with its dot.
    package var fileExtension: String { "." + rawValue }

    /// The format of an output path by its extension (`report.XLSX` is XLSX), or nil.
    package init?(path: String) {
        let lower = path.lowercased()
        guard let format = Self.allCases.first(where: { lower.hasSuffix($0.fileExtension) }) else { return nil }
        self = format
    }

    /// The format whose media type this is, or nil.
    package init?(mediaType: String) {
        guard let format = Self.allCases.first(where: { $0.mediaType == mediaType.lowercased() }) else { return nil }
        self = format
    }
}
