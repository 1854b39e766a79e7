import DocStore
package import Foundation
package import Templates

/// The sample data the studio's gallery renders each template with, in each language.
///
/// Chosen explicitly, not by file-name prefix: `contract-` would also match
/// `contract-supplement-`, and a contract must be shown with a contract's sections. Each sample
/// is one of the reviewed `SampleData/` files the goldens and the command line use.
package struct StudioSamples: Sendable {
    /// Template → language → sample file (without `.json`).
    package static let files: [(template: String, samples: [Language: String])] = [
        ("request", [.ru: "request-ru", .ky: "request-ky", .en: "request-en"]),
        ("driver-assignment", [.ru: "driver-assignment-ru", .ky: "driver-assignment-ky", .en: "driver-assignment-en"]),
        ("invoice", [.ru: "invoice-kgs", .ky: "invoice-ky", .en: "invoice-en"]),
        ("act", [.ru: "act-ru", .ky: "act-ky", .en: "act-en"]),
        ("contract-supplement", [
            .ru: "contract-supplement-ru", .ky: "contract-supplement-ky", .en: "contract-supplement-en",
        ]),
        ("contract", [.ru: "contract-ru", .ky: "contract-ky", .en: "contract-en"]),
    ]

    /// One sample, parsed, with the SHA-256 of its bytes (part of a preview's cache key).
    package struct Sample: Sendable {
        package var name: String
        package var data: JSONValue
        package var sha256: String
    }

    private var samples: [String: [Language: Sample]] = [:]

    /// No samples: the gallery answers that the service was started without them.
    package init() {}

    /// Reads every sample of `files` from `folder`.
    /// - Throws: `TemplateError` naming a sample that is not valid JSON; an error naming a missing file.
    package init(folder: URL) throws {
        for (template, byLanguage) in Self.files {
            for (language, name) in byLanguage {
                let url = folder.appendingPathComponent("\(name).json")
                let bytes = try Data(contentsOf: url)
                let data = try CompiledTemplate.parseData(bytes)
                samples[template, default: [:]][language] = Sample(name: name, data: data, sha256: blobAddress(of: bytes))
            }
        }
    }

    /// The templates the gallery shows, in its order.
    package static var templates: [String] { files.map(\.template) }

    /// Whether any sample was loaded.
    package var isEmpty: Bool { samples.isEmpty }

    /// The sample of `template` in `language`, or nil when there is none.
    package func sample(for template: String, language: Language) -> Sample? {
        samples[template]?[language]
    }
}
